package dev.shadowparity.comparators;

import static dev.shadowparity.comparators.Fixtures.exchange;
import static dev.shadowparity.comparators.Fixtures.json;
import static dev.shadowparity.comparators.Fixtures.replied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.config.NoiseSettings;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The cases Diffy's design is known for, through the real comparator and ledger: a field is a regression
 * when the candidate breaks it clearly more often than a second primary instance differs there.
 */
class NoiseCancellationTest {

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(""));

    /**
     * 100 exchanges of {@code GET /orders/1}: {@code $.v} differs for the candidate where {@code candidateDiffers}
     * and for the secondary where {@code secondaryDiffers}; {@code $.id} is always equal.
     */
    private EndpointStats.Snapshot run(Ledger ledger, IntPredicate candidateDiffers, IntPredicate secondaryDiffers,
                                       boolean withSecondary) {
        for (int i = 0; i < 100; i++) {
            String primary = "{\"id\":1,\"v\":\"p" + i + "\"}";
            String candidate = candidateDiffers.test(i) ? "{\"id\":1,\"v\":\"c" + i + "\"}" : primary;
            String secondary = secondaryDiffers.test(i) ? "{\"id\":1,\"v\":\"s" + i + "\"}" : primary;
            ledger.record(comparator.compare(exchange(i + 1, "GET", "/orders/1", replied(json(primary)),
                    replied(json(candidate)), withSecondary ? replied(json(secondary)) : null)));
        }
        return ledger.snapshot().get(0);
    }

    @Test
    void aFieldBrokenInThirtyPercentOfCandidateAnswersButTwoPercentOfSecondaryOnesIsARegression() {
        EndpointStats.Snapshot s = run(new Ledger(), i -> i < 30, i -> i == 50 || i == 51, true);
        assertThat(s.regressions()).singleElement().satisfies(f -> {
            assertThat(f.key().path()).isEqualTo("$.v");
            assertThat(f.count()).isEqualTo(30);
            assertThat(f.secondaryCount()).isEqualTo(2);
            assertThat(f.regressions()).isEqualTo(30);
        });
        assertThat(s.parityRate()).isEqualTo(0.70);
    }

    @Test
    void timestampsAreAlwaysNoiseWithOrWithoutASecondary() {
        for (boolean withSecondary : new boolean[] {true, false}) {
            Ledger ledger = new Ledger();
            for (int i = 0; i < 50; i++) {
                String at = "{\"id\":1,\"at\":\"2026-11-23T10:%02d:%02d.%03dZ\"}";
                ledger.record(comparator.compare(exchange(i + 1, "GET", "/orders/1",
                        replied(json(at.formatted(i % 60, 1, i))), replied(json(at.formatted(i % 60, 2, i))),
                        withSecondary ? replied(json(at.formatted(i % 60, 3, i))) : null)));
            }
            EndpointStats.Snapshot s = ledger.snapshot().get(0);
            assertThat(s.regressions()).as("secondary: " + withSecondary).isEmpty();
            assertThat(s.noise()).singleElement().satisfies(f -> assertThat(f.key().path()).isEqualTo("$.at"));
            assertThat(s.parityRate()).isEqualTo(1.0);
        }
    }

    @Test
    void aValueThatDiffersOnEveryCallForBothIsNoise() {
        EndpointStats.Snapshot s = run(new Ledger(), i -> true, i -> true, true);
        assertThat(s.regressions()).isEmpty();
        assertThat(s.noise()).singleElement().satisfies(f -> assertThat(f.isNoise()).isTrue());
        assertThat(s.parityRate()).isEqualTo(1.0);
    }

    @Test
    void aFieldDifferingAsOftenBetweenThePrimariesIsNoiseEvenInOtherExchanges() {
        // Never in the same exchange, so no single exchange shows it as noise; across the run it is.
        EndpointStats.Snapshot s = run(new Ledger(), i -> i % 2 == 0, i -> i % 2 == 1, true);
        assertThat(s.regressions()).isEmpty();
        assertThat(s.noise()).singleElement().satisfies(f -> {
            assertThat(f.noiseReason()).startsWith("differs between the primaries about as often")
                    .contains("candidate 50, secondary 50 of 100");
            assertThat(f.secondaryCount()).isEqualTo(50);
        });
        assertThat(s.parityRate()).isEqualTo(1.0);
    }

    @Test
    void theThresholdsAreTheSuites() {
        // 12 vs 10 differences: 9% relative, noise under Diffy's 20%, a regression under 5%.
        IntPredicate candidate = i -> i < 12;
        IntPredicate secondary = i -> i >= 50 && i < 60;
        assertThat(run(new Ledger(), candidate, secondary, true).regressions()).isEmpty();
        assertThat(run(new Ledger(new NoiseSettings(null, 5.0, null)), candidate, secondary, true).regressions())
                .singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(12));
        // 1 difference in 100 000 would be under the absolute 0.03%; here 1 in 100 (1%) is above it.
        assertThat(run(new Ledger(), i -> i == 7, i -> false, true).regressions()).hasSize(1);
    }

    @Test
    void withoutASecondaryAFieldDifferingEverywhereIsSuspectedButStillCounts() {
        EndpointStats.Snapshot s = run(new Ledger(), i -> true, i -> false, false);
        assertThat(s.regressions()).singleElement().satisfies(f -> {
            assertThat(f.suspectedNoise()).isTrue();
            assertThat(f.regressions()).isEqualTo(100);
        });
        assertThat(s.parityRate()).isZero();
        EndpointStats.Snapshot some = run(new Ledger(), i -> i < 40, i -> false, false);
        assertThat(some.regressions()).singleElement().satisfies(f -> assertThat(f.suspectedNoise()).isFalse());
    }
}
