package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What became of one exchange: compared, with its differences (noise included, flagged), or not compared
 * (dropped, timed out, failed) with the reason. This is what one line of {@code exchanges.jsonl} holds.
 *
 * @param reason why the exchange was not compared; {@code null} when it was
 * @param secondaryDifferences primary-vs-secondary differences of this exchange (empty without a secondary):
 *                             the evidence of noise the ledger weighs per field across the run
 */
public record ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences,
                             List<Difference> secondaryDifferences) {

    public ExchangeResult {
        requireNonNull(exchange, "exchange");
        requireNonNull(outcome, "outcome");
        differences = List.copyOf(differences);
        secondaryDifferences = secondaryDifferences == null ? List.of() : List.copyOf(secondaryDifferences);
    }

    public ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences) {
        this(exchange, outcome, reason, differences, List.of());
    }

    public boolean hasRegression() {
        return differences.stream().anyMatch(d -> !d.isNoise());
    }
}
