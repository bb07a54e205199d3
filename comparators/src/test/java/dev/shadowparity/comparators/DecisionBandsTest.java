package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * A face-match distance judged at the migration plan's thresholds, 0.50 (confident) and 0.60 (uncertain): drift inside
 * the tolerance that carries a value across a threshold changes who is marked present, and is a {@code decision}
 * difference of its own; drift that stays in its band is what the tolerance says it is.
 */
class DecisionBandsTest {

    private static final String RULES = """
            routes:
              - route: POST /api/ml/batch-match
                tolerance: { "$.matches[*].distance": { absolute: 0.01 } }
                decisions:
                  "$.matches[*].distance": { bands: [0.50, 0.60], labels: { below: confident, between: uncertain, above: none } }
            """;

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(RULES));

    private ExchangeResult compare(String primary, String candidate) {
        return comparator.compare(Fixtures.exchange(1, "POST", "/api/ml/batch-match",
                Fixtures.replied(Fixtures.json(primary)), Fixtures.replied(Fixtures.json(candidate)), null));
    }

    private static String matches(double... distances) {
        StringBuilder sb = new StringBuilder("{\"matches\":[");
        for (int i = 0; i < distances.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"studentId\":").append(i + 1).append(",\"distance\":").append(distances[i]).append('}');
        }
        return sb.append("]}").toString();
    }

    @Test
    void aFlipAcrossAThresholdInsideTheToleranceIsExactlyOneDecisionDifference() {
        ExchangeResult r = compare(matches(0.498, 0.55, 0.70), matches(0.503, 0.552, 0.705));
        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DifferenceKind.DECISION);
            assertThat(d.path()).isEqualTo("$.matches[0].distance");
            assertThat(d.primary().toString()).isEqualTo("{\"value\":0.498,\"band\":\"confident\"}");
            assertThat(d.candidate().toString()).isEqualTo("{\"value\":0.503,\"band\":\"uncertain\"}");
            assertThat(d.isNoise()).isFalse();
        });
        assertThat(r.hasRegression()).isTrue();
    }

    @Test
    void aThresholdBelongsToTheBandAboveItAndDriftBeyondTheToleranceInOneBandIsStillATolerance() {
        assertThat(compare(matches(0.59), matches(0.60)).differences()).extracting(Difference::kind)
                .containsExactly(DifferenceKind.DECISION);
        assertThat(compare(matches(0.60), matches(0.64)).differences()).extracting(Difference::kind)
                .containsExactly(DifferenceKind.TOLERANCE_EXCEEDED);
        assertThat(compare(matches(0.40), matches(0.405)).differences()).isEmpty();
        ExchangeComparator unnamed = ExchangeComparator.of(Fixtures.suite("""
                routes:
                  - route: POST /api/ml/batch-match
                    decisions: { "$.matches[*].distance": { bands: [0.5] } }
                """));
        ExchangeResult r = unnamed.compare(Fixtures.exchange(1, "POST", "/api/ml/batch-match",
                Fixtures.replied(Fixtures.json(matches(0.7))), Fixtures.replied(Fixtures.json(matches(0.3))), null));
        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.primary().path("band").asText()).isEqualTo(">= 0.5");
            assertThat(d.candidate().path("band").asText()).isEqualTo("< 0.5");
        });
    }

    @Test
    void theLedgerCountsEachFlipByItsBandPair() {
        Ledger ledger = new Ledger();
        ledger.record(compare(matches(0.498, 0.58), matches(0.503, 0.61)));
        ledger.record(compare(matches(0.49), matches(0.51)));
        ledger.record(compare(matches(0.45), matches(0.45)));
        EndpointStats.FieldSnapshot field = ledger.snapshot().get(0).regressions().get(0);
        assertThat(field.key().path()).isEqualTo("$.matches[*].distance");
        assertThat(field.key().kind()).isEqualTo(DifferenceKind.DECISION);
        assertThat(field.count()).isEqualTo(3);
        assertThat(field.decisions()).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "confident → uncertain", 2L, "uncertain → none", 1L)));
    }

    @Test
    void badBandsAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> Fixtures.suite("""
                routes:
                  - route: POST /x
                    decisions: { "$.d": { bands: [0.6, 0.5] } }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("bands must rise: [0.6, 0.5]");
        assertThatThrownBy(() -> Fixtures.suite("""
                routes:
                  - route: POST /x
                    decisions: { "$.d": { bands: [0.5], labels: { between: maybe } } }
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("'between' is not one of [below, above]");
    }
}
