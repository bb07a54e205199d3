package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An exchange after the compare stage: its outcome and, when compared, its differences (noise included,
 * flagged). This is what one line of {@code exchanges.jsonl} holds.
 *
 * @param reason why the exchange was not compared; {@code null} when it was
 */
public record ComparedExchange(Exchange exchange, Outcome outcome, String reason, List<Difference> differences) {

    public ComparedExchange {
        requireNonNull(exchange, "exchange");
        requireNonNull(outcome, "outcome");
        differences = List.copyOf(differences);
    }

    public boolean hasRegression() {
        return differences.stream().anyMatch(d -> !d.isNoise());
    }
}
