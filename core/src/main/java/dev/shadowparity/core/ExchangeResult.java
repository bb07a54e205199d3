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
 * @param drifts the candidate's numeric drift at paths with a tolerance, for the ledger's drift statistics
 * @param rankings the ranked lists ({@code topK}) of this exchange on which the two answers disagreed, for the
 *                 ledger's ranking statistics
 */
public record ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences,
                             List<Difference> secondaryDifferences, List<Drift> drifts, List<Ranking> rankings) {

    public ExchangeResult {
        requireNonNull(exchange, "exchange");
        requireNonNull(outcome, "outcome");
        differences = List.copyOf(differences);
        secondaryDifferences = secondaryDifferences == null ? List.of() : List.copyOf(secondaryDifferences);
        drifts = drifts == null ? List.of() : List.copyOf(drifts);
        rankings = rankings == null ? List.of() : List.copyOf(rankings);
    }

    public ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences,
                          List<Difference> secondaryDifferences, List<Drift> drifts) {
        this(exchange, outcome, reason, differences, secondaryDifferences, drifts, List.of());
    }

    public ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences,
                          List<Difference> secondaryDifferences) {
        this(exchange, outcome, reason, differences, secondaryDifferences, List.of());
    }

    public ExchangeResult(Exchange exchange, Outcome outcome, String reason, List<Difference> differences) {
        this(exchange, outcome, reason, differences, List.of());
    }

    public boolean hasRegression() {
        return differences.stream().anyMatch(d -> !d.isNoise());
    }
}
