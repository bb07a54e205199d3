package dev.shadowparity.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.ConfigException;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A model whose every score drifts inside the tolerance but always upward is biased: each exchange compares equal,
 * parity stays at 100%, and the bias rule on the field's mean drift holds the phase, at every phase. Drift both
 * ways by the same amounts does not.
 */
class DriftBiasTest {

    private static final EndpointKey SCORE = EndpointKey.parse("POST /api/ml/score");

    private static SuiteConfig suite(String bias) {
        return new ConfigLoader(k -> null).parse("""
                suite: ml
                backends:
                  primary: { url: http://127.0.0.1:1 }
                  candidate: { url: http://127.0.0.1:2 }
                routes:
                  - route: POST /api/ml/score
                    tolerance: { "$.scores[*]": { absolute: 0.001 } }
                %s
                gate: { phases: { "10": { minParity: 0.99 }, "100": { minParity: 0.999 } } }
                """.formatted(bias), "ml.yaml");
    }

    private static ExchangeResult exchange(ExchangeComparator comparator, long id, double drift) {
        double[] scores = {0.12 + id * 0.001, 0.5, 0.87};
        StringBuilder p = new StringBuilder("{\"scores\":[");
        StringBuilder c = new StringBuilder("{\"scores\":[");
        for (int i = 0; i < scores.length; i++) {
            p.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", scores[i]));
            c.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", scores[i] + drift));
        }
        Headers json = Headers.of("Content-Type", "application/json");
        Exchange x = new Exchange(id, SCORE, Instant.now(), new RecordedRequest("POST", "/api/ml/score", Headers.EMPTY, null),
                new BackendReply.Responded(new RecordedResponse(200, json, p.append("]}").toString().getBytes(StandardCharsets.UTF_8)),
                        Duration.ofMillis(3)),
                new BackendReply.Responded(new RecordedResponse(200, json, c.append("]}").toString().getBytes(StandardCharsets.UTF_8)),
                        Duration.ofMillis(3)), null);
        return comparator.compare(x);
    }

    private static Verdict run(SuiteConfig suite, java.util.function.LongToDoubleFunction drift, int exchanges) {
        ExchangeComparator comparator = ExchangeComparator.of(suite);
        Ledger ledger = new Ledger();
        for (long id = 1; id <= exchanges; id++) {
            ledger.record(exchange(comparator, id, drift.applyAsDouble(id)));
        }
        return new Gate(GateSetup.of(suite)).evaluate(ledger.snapshot());
    }

    @Test
    void driftInsideTheToleranceButAlwaysUpwardHoldsThePhase() {
        SuiteConfig suite = suite("    bias: { \"$.scores[*]\": { maxMeanShift: 0.0002 } }");
        Verdict v = run(suite, id -> 0.0006, 40);
        assertThat(v.endpoints().get(0).parityRate()).as("every value inside the tolerance").isEqualTo(1.0);
        Verdict.Drift d = v.endpoints().get(0).drift().get("$.scores[*]");
        assertThat(d.values()).isEqualTo(120);
        assertThat(d.meanShift()).isCloseTo(0.0006, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.p99Abs()).isCloseTo(0.0006, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.maxRelative()).as("0.0006 of the smallest score, 0.121").isCloseTo(0.0006 / 0.121, org.assertj.core.data.Offset.offset(1e-6));
        Verdict.Check bias = v.checks().stream().filter(c -> c.name().startsWith("bias ")).findFirst().orElseThrow();
        assertThat(bias.name()).isEqualTo("bias POST /api/ml/score $.scores[*]");
        assertThat(bias.passed()).isFalse();
        assertThat(bias.actual()).startsWith("+0.000600000 over 120 values");
        assertThat(v.promotes()).isFalse();
        assertThat(Gate.atPhase(v, "10").promotes()).as("held at every phase").isFalse();
    }

    @Test
    void driftBothWaysAndTooFewValuesDoNotHold() {
        SuiteConfig suite = suite("    bias: { \"$.scores[*]\": { maxMeanShift: 0.0002 } }");
        Verdict balanced = run(suite, id -> id % 2 == 0 ? 0.0006 : -0.0006, 40);
        assertThat(balanced.promotes()).isTrue();
        assertThat(balanced.endpoints().get(0).drift().get("$.scores[*]").meanShift()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        Verdict few = run(suite, id -> 0.0006, 5);
        assertThat(few.checks()).filteredOn(c -> c.name().startsWith("bias ")).singleElement()
                .satisfies(c -> assertThat(c.actual()).isEqualTo("15 drifted values: too few to judge"));
        assertThat(few.promotes()).isTrue();
        assertThat(run(suite(""), id -> 0.0006, 40).promotes()).as("without a bias rule, drift is only reported").isTrue();
    }

    @Test
    void theDriftPercentileIsTheNinetyNinthOfTheValuesThatDrifted() {
        Verdict v = run(suite(""), id -> id * 0.00001, 100);
        Verdict.Drift d = v.endpoints().get(0).drift().get("$.scores[*]");
        assertThat(d.values()).isEqualTo(300);
        assertThat(d.p99Abs()).isCloseTo(0.00099, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(d.maxAbs()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void aBiasRuleNeedsATolerance() {
        assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("""
                backends: { primary: { url: http://127.0.0.1:1 }, candidate: { url: http://127.0.0.1:2 } }
                routes:
                  - route: POST /x
                    bias: { "$.s": { maxMeanShift: 0.1 } }
                """, "x.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("drift is measured where a tolerance is declared");
    }
}
