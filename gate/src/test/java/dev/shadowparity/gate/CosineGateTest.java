package dev.shadowparity.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
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
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * An embedding model whose every vector passes {@code cosineAtLeast} but which is worse across the run: the mean
 * cosine of the vectors that differed is below {@code minMeanCosine}, so the phase is held at every phase while
 * parity stays at 100%. Vectors are unit vectors turned by a known angle, so each cosine is known exactly.
 */
class CosineGateTest {

    private static final EndpointKey EMBED = EndpointKey.parse("POST /api/ml/embed");

    private static SuiteConfig suite(String rule) {
        return new ConfigLoader(k -> null).parse("""
                suite: embeddings
                backends:
                  primary: { url: http://127.0.0.1:1 }
                  candidate: { url: http://127.0.0.1:2 }
                routes:
                  - route: POST /api/ml/embed
                    vectors: { "$.embedding": { %s } }
                gate: { phases: { "10": { minParity: 0.99 }, "100": { minParity: 0.999 } } }
                """.formatted(rule), "embed.yaml");
    }

    /** The primary's vector (1, 0, 0) and the candidate's turned in its first plane to the given cosine. */
    private static Exchange exchange(long id, double cosine) {
        double sine = Math.sqrt(1 - cosine * cosine);
        Headers json = Headers.of("Content-Type", "application/json");
        byte[] p = "{\"embedding\":[1.0,0.0,0.0]}".getBytes(StandardCharsets.UTF_8);
        byte[] c = String.format(Locale.ROOT, "{\"embedding\":[%.17g,%.17g,0.0]}", cosine, sine).getBytes(StandardCharsets.UTF_8);
        return new Exchange(id, EMBED, Instant.now(), new RecordedRequest("POST", "/api/ml/embed", Headers.EMPTY, null),
                new BackendReply.Responded(new RecordedResponse(200, json, p), Duration.ofMillis(2)),
                new BackendReply.Responded(new RecordedResponse(200, json, cosine == 1.0 ? p : c), Duration.ofMillis(2)), null);
    }

    private static Verdict run(SuiteConfig suite, LongToDoubleFunction cosine, int exchanges) {
        ExchangeComparator comparator = ExchangeComparator.of(suite);
        Ledger ledger = new Ledger();
        for (long id = 1; id <= exchanges; id++) {
            ledger.record(comparator.compare(exchange(id, cosine.applyAsDouble(id))));
        }
        return new Gate(GateSetup.of(suite)).evaluate(ledger.snapshot());
    }

    private static Verdict.Check cosineCheck(Verdict v) {
        return v.checks().stream().filter(c -> c.name().startsWith("cosine ")).findFirst().orElseThrow();
    }

    @Test
    void everyVectorInsideItsRuleButWorseAcrossTheRunHoldsThePhase() {
        Verdict v = run(suite("cosineAtLeast: 0.99, minMeanCosine: 0.999"), id -> 0.995, 40);
        assertThat(v.endpoints().get(0).parityRate()).as("each vector passes cosineAtLeast").isEqualTo(1.0);
        Verdict.Cosine c = v.endpoints().get(0).cosine().get("$.embedding");
        assertThat(c.vectors()).isEqualTo(40);
        assertThat(c.mean()).isCloseTo(0.995, offset(1e-6));
        Verdict.Check check = cosineCheck(v);
        assertThat(check.name()).isEqualTo("cosine POST /api/ml/embed $.embedding");
        assertThat(check.threshold()).isEqualTo("mean cosine of differing vectors >= 0.999");
        assertThat(check.actual()).startsWith("0.995000 over 40 vectors");
        assertThat(check.passed()).isFalse();
        assertThat(v.promotes()).isFalse();
        assertThat(Gate.atPhase(v, "10").promotes()).as("held at every phase").isFalse();
    }

    @Test
    void theMeanIsOverTheVectorsThatDifferedAndPassesAtTheThreshold() {
        Verdict v = run(suite("cosineAtLeast: 0.99, minMeanCosine: 0.999"), id -> id % 2 == 0 ? 1.0 : (id % 4 == 1 ? 0.9985 : 0.9995), 40);
        Verdict.Cosine c = v.endpoints().get(0).cosine().get("$.embedding");
        assertThat(c.vectors()).as("the 20 identical vectors are not counted").isEqualTo(20);
        assertThat(c.mean()).isCloseTo(0.999, offset(1e-6));
        assertThat(c.min()).isCloseTo(0.9985, offset(1e-6));
        assertThat(cosineCheck(v).passed()).isTrue();
        assertThat(v.promotes()).isTrue();
    }

    @Test
    void noVectorDifferedPassesSayingSoAndWithoutTheThresholdCosineIsOnlyReported() {
        Verdict same = run(suite("cosineAtLeast: 0.99, minMeanCosine: 0.999"), id -> 1.0, 10);
        assertThat(cosineCheck(same).actual()).isEqualTo("no vector differed by value in 10 compared exchanges");
        assertThat(cosineCheck(same).passed()).isTrue();
        Verdict reported = run(suite("cosineAtLeast: 0.99"), id -> 0.995, 10);
        assertThat(reported.checks()).noneMatch(ch -> ch.name().startsWith("cosine "));
        assertThat(reported.endpoints().get(0).cosine().get("$.embedding").vectors()).isEqualTo(10);
        assertThat(reported.promotes()).isTrue();
    }

    @Test
    void cosinesNearOneAreShownAsTheirDistanceFromOne() {
        Verdict v = run(suite("cosineAtLeast: 0.999, minMeanCosine: 0.99999"), id -> 0.9999995, 10);
        assertThat(v.endpoints().get(0).cosine().get("$.embedding").mean()).as("kept beyond six decimals").isCloseTo(0.9999995, offset(1e-10));
        assertThat(cosineCheck(v).actual()).startsWith("1 - 5.0e-07 over 10 vectors");
        assertThat(cosineCheck(v).passed()).isTrue();
        assertThat(Verdict.Cosine.text(1.0)).isEqualTo("1");
        assertThat(Verdict.Cosine.text(0.98)).isEqualTo("0.980000");
    }

    @Test
    void aMeanCosineOutsideMinusOneToOneIsRefused() {
        assertThatThrownBy(() -> suite("cosineAtLeast: 0.99, minMeanCosine: 1.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("minMeanCosine is a mean cosine similarity within -1 to 1, got 1.5");
    }
}
