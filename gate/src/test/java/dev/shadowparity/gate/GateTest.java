package dev.shadowparity.gate;

import static dev.shadowparity.testkit.PlantedLedger.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.PlantedLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void aRegressionHoldsAndIsNamedWithItsExample() {
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledgerWithRegression().snapshot());
        assertThat(v.verdict()).isEqualTo(Verdict.HOLD);
        Verdict.EndpointVerdict student = v.endpoints().stream().filter(e -> e.endpoint().equals(STUDENT.toString())).findFirst().orElseThrow();
        assertThat(student.parityRate()).isEqualTo(0.6);
        assertThat(student.regressions()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("$.lastName");
            assertThat(f.kind()).isEqualTo("missing");
            assertThat(f.count()).isEqualTo(4);
            assertThat(f.example().path("primary").asText()).isEqualTo("Hopper");
        });
        assertThat(v.checks()).filteredOn(c -> !c.passed()).extracting(Verdict.Check::name)
                .containsExactly("parity GET /api/students/{id}");
    }

    @Test
    void noiseDoesNotHoldAndSecretExamplesAreMasked() {
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledgerWithRegression().snapshot());
        Verdict.EndpointVerdict list = v.endpoints().stream().filter(e -> e.endpoint().equals(LIST.toString())).findFirst().orElseThrow();
        assertThat(list.parityRate()).isEqualTo(1.0);
        assertThat(list.noise()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("volatile");
            assertThat(f.example().toString()).doesNotContain("secret-a", "secret-b")
                    .contains(Redactor.mask("secret-a"), Redactor.mask("secret-b"));
        });
    }

    @Test
    void aCleanRunPromotesAndALowerThresholdCanAcceptSomeRegressions() {
        Ledger clean = new Ledger();
        clean.record(compared(1, STUDENT, List.of()));
        clean.record(compared(2, LIST, List.of()));
        assertThat(new Gate(GateSetup.of(suite(""))).evaluate(clean.snapshot()).promotes()).isTrue();
        assertThat(new Gate(GateSetup.of(suite("gate: { minParity: 0.5 }\n"))).evaluate(ledgerWithRegression().snapshot()).promotes()).isTrue();
    }

    @Test
    void anUnexercisedRouteHoldsForCoverage() {
        Ledger ledger = new Ledger();
        ledger.record(compared(1, STUDENT, List.of()));
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
        assertThat(v.verdict()).isEqualTo(Verdict.HOLD);
        assertThat(v.checks()).filteredOn(c -> c.name().equals("coverage")).singleElement()
                .satisfies(c -> assertThat(c.actual()).isEqualTo("never seen: GET /api/students"));
    }

    @Test
    void candidateErrorsBeyondTheBudgetHold() {
        Ledger ledger = new Ledger();
        ledger.record(compared(1, STUDENT, List.of()));
        ledger.record(compared(2, LIST, List.of()));
        ledger.record(timedOut(3, LIST));
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
        assertThat(v.verdict()).isEqualTo(Verdict.HOLD);
        assertThat(v.checks()).filteredOn(c -> c.name().equals("candidate error rate")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(v.totals().notCompared()).containsEntry("timeout: no answer in 2000 ms", 1L);
    }

    @Test
    void aPrimaryFailureIsNotCountedAgainstTheCandidate() {
        // One exchange in three not compared is over the default 1%: allowed here, this test is about the error rate.
        String lenient = "gate: { maxNotCompared: 0.5 }\n";
        Ledger ledger = new Ledger();
        ledger.record(compared(1, STUDENT, List.of()));
        ledger.record(compared(2, LIST, List.of()));
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        Exchange primaryDown = new Exchange(3, LIST, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                new BackendReply.NoResponse(Outcome.FAILED, "primary: connection refused", Duration.ZERO),
                new BackendReply.Responded(ok, Duration.ofMillis(3)), null);
        ledger.record(new ExchangeResult(primaryDown, Outcome.FAILED, "primary failed: connection refused", List.of()));
        Verdict v = new Gate(GateSetup.of(suite(lenient))).evaluate(ledger.snapshot());
        assertThat(v.promotes()).isTrue();
        assertThat(v.endpoints()).allSatisfy(e -> assertThat(e.candidateErrors()).isZero());
        ledger.record(timedOut(4, LIST));
        Verdict held = new Gate(GateSetup.of(suite(lenient))).evaluate(ledger.snapshot());
        assertThat(held.endpoints()).filteredOn(e -> e.endpoint().equals(LIST.toString())).singleElement()
                .satisfies(e -> assertThat(e.candidateErrors()).isEqualTo(1));
        assertThat(held.promotes()).isFalse();
    }

    @Test
    void aRunWithNothingComparedIsInvalid() {
        Ledger ledger = new Ledger();
        assertThatThrownBy(() -> new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot()))
                .isInstanceOf(Gate.InvalidRunException.class).hasMessageContaining("no exchange was recorded");
        ledger.record(timedOut(1, LIST));
        assertThatThrownBy(() -> new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot()))
                .hasMessageContaining("none of 1 exchanges could be compared").hasMessageContaining("timeout");
    }

    /** The primary down for most of a run: the gate must not promote what it did not see. */
    static Ledger primaryMostlyDown() {
        Ledger ledger = new Ledger();
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        ledger.record(compared(1, STUDENT, List.of()));
        ledger.record(compared(2, LIST, List.of()));
        for (int i = 3; i <= 100; i++) {
            EndpointKey e = i % 7 == 0 ? EndpointKey.parse("GET /api/courses") : STUDENT;
            Exchange down = new Exchange(i, e, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                    new BackendReply.NoResponse(Outcome.FAILED, "cannot connect to 127.0.0.1:1", Duration.ZERO),
                    new BackendReply.Responded(ok, Duration.ofMillis(3)), null);
            ledger.record(new ExchangeResult(down, Outcome.FAILED, "primary failed: cannot connect to 127.0.0.1:1", List.of()));
        }
        return ledger;
    }

    @Test
    void aRunThatComparedTooFewOfItsExchangesHoldsNamingTheEndpointsAndWhy() {
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(primaryMostlyDown().snapshot());
        assertThat(v.verdict()).isEqualTo(Verdict.HOLD);
        assertThat(v.checks()).filteredOn(c -> c.name().equals("compared exchanges")).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.threshold()).isEqualTo("<= 1.00% of exchanges not compared");
            assertThat(c.actual()).startsWith("98.00% (98 of 100): ").contains("GET /api/students/{id} 84", "GET /api/courses 14");
        });
        // An endpoint that was seen and never compared fails on its own, with the reason.
        assertThat(v.parityCheckOf("GET /api/courses")).hasValueSatisfying(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.actual()).isEqualTo("nothing compared of 14: failed: primary failed: cannot connect to 127.0.0.1:1 (14)");
        });
        for (String phase : List.of("10", "25", "50", "100")) {
            assertThat(Gate.atPhase(v, phase).promotes()).as("phase " + phase).isFalse();
        }
    }

    @Test
    void aFewExchangesNotComparedWithinTheShareStillPromote() {
        Ledger ledger = new Ledger();
        for (int i = 1; i <= 200; i++) {
            ledger.record(compared(i, i % 2 == 0 ? STUDENT : LIST, List.of()));
        }
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        Exchange down = new Exchange(201, STUDENT, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                new BackendReply.NoResponse(Outcome.FAILED, "cannot connect", Duration.ZERO),
                new BackendReply.Responded(ok, Duration.ofMillis(3)), null);
        ledger.record(new ExchangeResult(down, Outcome.FAILED, "primary failed: cannot connect", List.of()));
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
        assertThat(v.promotes()).isTrue();
        assertThat(v.checks()).filteredOn(c -> c.name().equals("compared exchanges")).singleElement()
                .satisfies(c -> assertThat(c.actual()).isEqualTo("0.50% (1 of 201): GET /api/students/{id} 1"));
        Verdict strict = new Gate(GateSetup.of(suite("gate: { maxNotCompared: 0.0 }\n"))).evaluate(ledger.snapshot());
        assertThat(strict.promotes()).isFalse();
    }

    @Test
    void aDecisionFieldCarriesItsFlipsIntoTheVerdictAndBackOutOfVerdictJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Ledger ledger = new Ledger();
        for (int i = 1; i <= 3; i++) {
            var p = JsonNodeFactory.instance.objectNode().put("value", 0.49).put("band", "confident");
            var c = JsonNodeFactory.instance.objectNode().put("value", 0.51).put("band", i == 3 ? "none" : "uncertain");
            ledger.record(compared(i, STUDENT, List.of(new Difference(STUDENT, "$.matches[0].distance", DifferenceKind.DECISION,
                    p, c, null))));
        }
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
        Verdict.FieldCount f = v.endpoints().get(0).regressions().get(0);
        assertThat(f.kind()).isEqualTo("decision");
        assertThat(f.decisions()).containsExactly(org.assertj.core.api.Assertions.entry("confident → none", 1L),
                org.assertj.core.api.Assertions.entry("confident → uncertain", 2L));
        assertThat(f.describe()).isEqualTo("$.matches[*].distance decision (3: confident → none 1, confident → uncertain 2)");
        assertThat(v.promotes()).isFalse();
        VerdictFiles.write(dir, v);
        assertThat(VerdictFiles.read(dir).endpoints().get(0).regressions().get(0).decisions()).isEqualTo(f.decisions());
        assertThat(VerdictFiles.read(dir).endpoints().get(0).noise()).allSatisfy(n -> assertThat(n.decisions()).isEmpty());
    }
}
