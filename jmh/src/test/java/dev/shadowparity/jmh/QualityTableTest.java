package dev.shadowparity.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quality claims of the benchmark's payloads, checked on every build (the speed claims are JMH's). */
class QualityTableTest {

    @Test
    void weReportExactlyTheTrueDifferencesOnEveryShapeAndVariant() {
        for (Payloads.Shape shape : Payloads.Shape.values()) {
            for (Payloads.Variant variant : Payloads.Variant.values()) {
                var counts = QualityTable.counts(shape, variant);
                assertThat(counts.get("shadowParity")).as(shape + " " + variant)
                        .isEqualTo(Payloads.trueDifferences(variant));
                assertThat(counts.get("shadowParityOnTrees")).as("on trees: " + shape + " " + variant)
                        .isEqualTo(Payloads.trueDifferences(variant));
            }
        }
    }

    @Test
    void thePayloadsHaveTheSizesTheTableClaims() {
        assertThat(Payloads.of(Payloads.Shape.REST_1K, Payloads.Variant.IDENTICAL).primary().length).isBetween(900, 1400);
        assertThat(Payloads.of(Payloads.Shape.REST_16K, Payloads.Variant.IDENTICAL).primary().length).isBetween(15_000, 18_000);
        assertThat(Payloads.of(Payloads.Shape.REST_256K, Payloads.Variant.IDENTICAL).primary().length).isBetween(250_000, 275_000);
    }

    @Test
    void eachRuleAcceptsTheDriftItIsMeasuredOn() {
        for (RuleBenchmark.Rule rule : RuleBenchmark.Rule.values()) {
            assertThat(RuleBenchmark.regressions(rule, RuleBenchmark.Variant.IDENTICAL)).as(rule + " identical").isZero();
            if (rule != RuleBenchmark.Rule.NONE) {
                assertThat(RuleBenchmark.regressions(rule, RuleBenchmark.Variant.DRIFTED)).as(rule + " drifted").isZero();
            }
        }
        // without rules the same drift is every number it moved: the confidence, 8 distances, 10 scores, 128 floats
        assertThat(RuleBenchmark.regressions(RuleBenchmark.Rule.NONE, RuleBenchmark.Variant.DRIFTED)).isEqualTo(147);
    }

    @Test
    void theOtherLibrariesMissOrMultiplyTheMovedElement() {
        var c = QualityTable.counts(Payloads.Shape.REST_16K, Payloads.Variant.DIFF);
        assertThat(c.get("jsonAssertStrict")).as("a move shifts every later index").isGreaterThan(3);
        assertThat(c.get("jsonAssertLenient")).as("the move is invisible").isLessThan(3);
    }
}
