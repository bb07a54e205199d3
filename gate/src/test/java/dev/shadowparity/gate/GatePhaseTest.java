package dev.shadowparity.gate;

import static dev.shadowparity.testkit.PlantedLedger.LIST;
import static dev.shadowparity.testkit.PlantedLedger.STUDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.ConfigException;
import dev.shadowparity.testkit.PlantedLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rollout phases: each check failing alone holds exactly the phases whose policy it belongs to. */
class GatePhaseTest {

    private long nextId = 1;

    private ExchangeResult exchange(EndpointKey e, long primaryMs, long candidateMs, boolean regression, boolean timeout) {
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        long id = nextId++;
        Exchange x = new Exchange(id, e, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                new BackendReply.Responded(ok, Duration.ofMillis(primaryMs)),
                timeout ? new BackendReply.NoResponse(Outcome.TIMEOUT, "no answer in 2000 ms", Duration.ofSeconds(2))
                        : new BackendReply.Responded(ok, Duration.ofMillis(candidateMs)), null);
        return timeout ? new ExchangeResult(x, Outcome.TIMEOUT, "no answer in 2000 ms", List.of())
                : new ExchangeResult(x, Outcome.COMPARED, null,
                        regression ? List.of(PlantedLedger.missing(e, "$.lastName")) : List.of());
    }

    /**
     * 200 exchanges per endpoint, primary 20 ms. {@code regressions} and {@code timeouts} land on the
     * student endpoint; {@code candidateMs} is every candidate answer's latency.
     */
    private Verdict run(int regressions, int timeouts, long candidateMs, boolean bothRoutes) {
        Ledger ledger = new Ledger();
        for (int i = 0; i < 200; i++) {
            ledger.record(exchange(STUDENT, 20, candidateMs, i < regressions, i >= 200 - timeouts));
            if (bothRoutes) {
                ledger.record(exchange(LIST, 20, candidateMs, false, false));
            }
        }
        return new Gate(GateSetup.of(PlantedLedger.suite(""))).evaluate(ledger.snapshot());
    }

    private static List<String> failed(Verdict v) {
        return v.checks().stream().filter(c -> !c.passed()).map(Verdict.Check::name).toList();
    }

    @Test
    void aCleanRunPromotesToEveryPhase() {
        Verdict v = run(0, 0, 20, true);
        assertThat(v.policy().phases()).containsOnlyKeys("10", "25", "50", "100");
        for (String phase : List.of("10", "25", "50", "100")) {
            Verdict at = Gate.atPhase(v, phase);
            assertThat(failed(at)).as("phase " + phase).isEmpty();
            assertThat(at.promotes()).isTrue();
            assertThat(at.phase()).isEqualTo(phase);
        }
        assertThat(Gate.atPhase(v, "100").checks()).extracting(Verdict.Check::name)
                .contains("latency GET /api/students/{id}", "latency GET /api/students");
    }

    @Test
    void parityBelowTheSuiteThresholdPassesTheCanaryButNotTwentyFivePercent() {
        Verdict v = run(1, 0, 20, true); // 99.5% on one endpoint
        assertThat(failed(Gate.atPhase(v, "10"))).isEmpty();
        assertThat(failed(Gate.atPhase(v, "25"))).containsExactly("parity GET /api/students/{id}");
        assertThat(Gate.atPhase(v, "25").verdict()).isEqualTo(Verdict.HOLD);
    }

    @Test
    void candidateErrorsBeyondTheSuiteBudgetPassTheCanaryButNotTwentyFivePercent() {
        Verdict v = run(0, 1, 20, true); // 1 timeout in 400 exchanges: 0.25%
        assertThat(failed(Gate.atPhase(v, "10"))).isEmpty();
        assertThat(failed(Gate.atPhase(v, "25"))).containsExactly("candidate error rate");
    }

    @Test
    void anUnexercisedRouteHoldsEveryPhase() {
        Verdict v = run(0, 0, 20, false);
        for (String phase : List.of("10", "25", "50", "100")) {
            assertThat(failed(Gate.atPhase(v, phase))).as("phase " + phase).containsExactly("coverage");
        }
    }

    @Test
    void aSlowerCandidateHoldsOnlyTheMoveToAllTraffic() {
        Verdict v = run(0, 0, 30, true); // candidate p95 1.5x the primary's, budget 1.10x
        assertThat(failed(Gate.atPhase(v, "50"))).isEmpty();
        assertThat(failed(Gate.atPhase(v, "100")))
                .containsExactlyInAnyOrder("latency GET /api/students/{id}", "latency GET /api/students");
        assertThat(Gate.atPhase(v, "100").checks()).filteredOn(c -> c.name().equals("latency GET /api/students"))
                .singleElement().satisfies(c -> assertThat(c.actual()).contains("(1.5"));
    }

    @Test
    void theSuiteCanRedefinePhasesAndAnUndefinedPhaseIsInvalid() {
        Ledger ledger = new Ledger();
        for (int i = 0; i < 200; i++) {
            ledger.record(exchange(STUDENT, 20, 20, i == 0, false));
            ledger.record(exchange(LIST, 20, 20, false, false));
        }
        Verdict v = new Gate(GateSetup.of(PlantedLedger.suite("gate: { phases: { \"25\": { minParity: 0.99 }, \"5\": {} } }\n")))
                .evaluate(ledger.snapshot());
        assertThat(v.policy().phases()).containsOnlyKeys("5", "10", "25", "50", "100");
        assertThat(Gate.atPhase(v, "25").promotes()).isTrue();
        assertThat(Gate.atPhase(v, "5").promotes()).as("unset fields take the suite's minParity").isFalse();
        assertThatThrownBy(() -> Gate.atPhase(v, "30")).isInstanceOf(Gate.UnknownPhaseException.class)
                .hasMessageContaining("phase 30 is not defined").hasMessageContaining("5, 10, 25, 50, 100");
        assertThatThrownBy(() -> PlantedLedger.suite("gate: { phases: { \"150\": {} } }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.yaml:9:").hasMessageContaining("1-100");
    }

    /** A load run's budgets as the gate receives them: checks, as data. */
    private static List<Verdict.Check> load(boolean ratioHolds) {
        return List.of(
                new Verdict.Check("latency p95 ratio at 50 users", "<= 1.10x primary p95 (20 ms)",
                        ratioHolds ? "candidate p95 21 ms (1.05x)" : "candidate p95 40 ms (2.00x)", ratioHolds, Verdict.Check.LOAD),
                new Verdict.Check("candidate error rate under load at 50 users", "<= 0.10%",
                        "0.00% (0 of 9000)", true, Verdict.Check.LOAD));
    }

    @Test
    void aLoadRunsBudgetsJoinTheVerdictReplaceAnEarlierLoadsAndHoldAtEveryPhase() {
        Verdict clean = run(0, 0, 20, true);
        Verdict slow = Gate.withLoad(clean, load(false));
        assertThat(failed(slow)).containsExactly("latency p95 ratio at 50 users");
        assertThat(slow.promotes()).isFalse();
        for (String phase : List.of("10", "25", "50", "100")) {
            assertThat(failed(Gate.atPhase(slow, phase))).as("phase " + phase).containsExactly("latency p95 ratio at 50 users");
        }
        Verdict rerun = Gate.withLoad(slow, load(true));
        assertThat(rerun.checks()).filteredOn(Verdict.Check::fromLoad).hasSize(2).allMatch(Verdict.Check::passed);
        assertThat(rerun.promotes()).isTrue();
    }

    @Test
    void aLoadOnlyRunIsJudgedOnItsBudgetsAndTheRoutesItReached() {
        Verdict v = new Gate(GateSetup.of(PlantedLedger.suite(""))).loadOnly(load(true), java.util.Set.of(), java.util.Map.of());
        assertThat(v.endpoints()).isEmpty();
        assertThat(v.checks()).extracting(Verdict.Check::name).contains("coverage", "latency p95 ratio at 50 users");
        // No step reached the suite's two routes, so coverage fails, alone: at phase 100 the load's budgets stand in
        // for shadow latencies (no "latency: none recorded").
        assertThat(failed(v)).containsExactly("coverage");
        assertThat(failed(Gate.atPhase(v, "100"))).containsExactly("coverage");
    }
}
