package dev.shadowparity.gate;

import static dev.shadowparity.testkit.PlantedLedger.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
            assertThat(f.example().toString()).doesNotContain("secret-a", "secret-b").contains("[REDACTED]");
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
        Ledger ledger = new Ledger();
        ledger.record(compared(1, STUDENT, List.of()));
        ledger.record(compared(2, LIST, List.of()));
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        Exchange primaryDown = new Exchange(3, LIST, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                new BackendReply.NoResponse(Outcome.FAILED, "primary: connection refused", Duration.ZERO),
                new BackendReply.Responded(ok, Duration.ofMillis(3)), null);
        ledger.record(new ExchangeResult(primaryDown, Outcome.FAILED, "primary failed: connection refused", List.of()));
        Verdict v = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
        assertThat(v.promotes()).isTrue();
        assertThat(v.endpoints()).allSatisfy(e -> assertThat(e.candidateErrors()).isZero());
        ledger.record(timedOut(4, LIST));
        Verdict held = new Gate(GateSetup.of(suite(""))).evaluate(ledger.snapshot());
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
}
