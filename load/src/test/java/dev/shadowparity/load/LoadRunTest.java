package dev.shadowparity.load;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short real Gatling runs (a forked Gatling JVM, seconds, three users) against WireMock backends: a candidate
 * with an injected delay and a failing route breaks the ratio, error-rate and throughput budgets; an identical
 * candidate meets them; and the figures read back equal those Gatling printed for the same run.
 */
class LoadRunTest {

    private static WireMockServer primary;
    private static WireMockServer healthy;
    private static WireMockServer degraded;

    private static final List<RecordedRequest> TRAFFIC = List.of(
            new RecordedRequest("GET", "/api/items/1", Headers.of("Accept", "application/json"), null),
            new RecordedRequest("GET", "/api/items/2?full=true", Headers.of("Accept", "application/json"), null),
            new RecordedRequest("POST", "/api/ml/match", Headers.of("Content-Type", "application/json"),
                    "{\"vector\":[0.1,0.2]}".getBytes(StandardCharsets.UTF_8)),
            new RecordedRequest("GET", "/api/flaky", Headers.EMPTY, null));

    @TempDir
    Path dir;

    @BeforeAll
    static void startBackends() {
        // Every backend takes 10 ms, so p95 is measured well above Gatling's 1 ms resolution and scheduling noise;
        // the degraded one takes 50 ms more.
        primary = backend(10, false);
        healthy = backend(10, false);
        degraded = backend(60, true);
    }

    @AfterAll
    static void stopBackends() {
        for (WireMockServer s : List.of(primary, healthy, degraded)) {
            s.stop();
        }
    }

    private static WireMockServer backend(int delayMillis, boolean flakyFails) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        s.stubFor(get(urlPathMatching("/api/items/\\d+")).willReturn(okJson("{\"id\":1,\"name\":\"chair\"}")
                .withFixedDelay(delayMillis)));
        s.stubFor(post(urlPathEqualTo("/api/ml/match")).willReturn(okJson("{\"label\":\"cat\",\"score\":0.93}")
                .withFixedDelay(delayMillis)));
        s.stubFor(get(urlPathEqualTo("/api/flaky")).willReturn(flakyFails
                ? aResponse().withStatus(503).withFixedDelay(delayMillis) : okJson("{}").withFixedDelay(delayMillis)));
        return s;
    }

    private static SuiteConfig suite(WireMockServer candidate) {
        return new ConfigLoader().parse("""
                suite: load-check
                backends:
                  primary: { url: %s }
                  candidate: { url: %s }
                routes:
                  - route: GET /api/items/{id}
                  - route: POST /api/ml/match
                    kind: ml
                    budgets: { mlMinRps: 1, mlMinRpsRatio: 0.8 }
                budgets: { p95Ms: 30, candidateP95Ratio: 1.5, errorRate: 0.01 }
                """.formatted(primary.baseUrl(), candidate.baseUrl()), "load-check.yaml");
    }

    private LoadResult run(WireMockServer candidate, StringWriter console, boolean balanced) {
        LoadRun.Settings settings = new LoadRun.Settings(List.of(3), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(5), null, balanced);
        SuiteConfig suite = suite(candidate);
        return new LoadRun(suite.suite(), suite.backends(), RouteTable.of(suite.routes()), suite.budgets(), settings,
                new PrintWriter(console, true)).run(TRAFFIC, dir);
    }

    private static Map<String, Boolean> outcomes(LoadResult r) {
        Map<String, Boolean> m = new HashMap<>();
        r.budgets().forEach(b -> m.put(b.name(), b.passed()));
        return m;
    }

    @Test
    void aDelayedFailingCandidateBreaksTheRatioErrorAndThroughputBudgets() throws Exception {
        StringWriter console = new StringWriter();
        LoadResult r = run(degraded, console, true);

        assertThat(outcomes(r)).containsEntry("latency p95 at 3 users", false)
                .containsEntry("latency p95 ratio at 3 users", false)
                .containsEntry("latency p95 ratio GET /api/items/{id} at 3 users", false)
                .containsEntry("candidate error rate under load at 3 users", false)
                .containsEntry("throughput POST /api/ml/match at 3 users", false);
        assertThat(r.passed()).isFalse();
        LoadResult.Step candidate = r.steps().get(1);
        assertThat(candidate.backend()).isEqualTo("candidate");
        assertThat(candidate.routes().get("GET /api/flaky").errors()).isEqualTo(candidate.routes().get("GET /api/flaky").count());
        assertThat(candidate.all().p95Ms()).isGreaterThanOrEqualTo(60);
        // Gatling's own assertions for the absolute budgets agree with ours.
        assertThat(candidate.gatlingAssertions()).extracting(GatlingReport.AssertionOutcome::passed).contains(false);
        assertThat(console.toString()).contains("warm-up   primary and candidate, 1s, not measured")
                .contains("budget    FAIL  latency p95 ratio at 3 users")
                .contains("load      candidate    3 users:");
        // balanced: primary, candidate, candidate, primary, each pass with its own report
        assertThat(r.steps()).extracting(s -> s.backend() + "#" + s.pass())
                .containsExactly("primary#1", "candidate#1", "candidate#2", "primary#2");
        for (String report : List.of("primary-3", "candidate-3", "candidate-3-pass2", "primary-3-pass2")) {
            assertThat(dir.resolve("gatling/" + report + "/index.html")).exists();
        }
        assertThat(console.toString()).contains("passes    primary      3 users: p95 ").contains("passes    candidate    3 users: p95 ");
        // the ratio is judged on both passes, and says what they read (or that they differ too much to judge)
        assertThat(r.budgets().stream().filter(b -> b.name().equals("latency p95 ratio at 3 users")).findFirst().orElseThrow()
                .actual()).containsAnyOf("; the primary's passes ", "not judged: the primary's passes ");
        assertThat(LoadResult.read(dir)).get().isEqualTo(r);

        sameFiguresAsGatlingPrinted(candidate);
        sameFiguresAsGatlingPrinted(r.steps().get(0));
    }

    @Test
    void anIdenticalCandidateMeetsEveryBudget() {
        StringWriter console = new StringWriter();
        LoadResult r = run(healthy, console, false);

        assertThat(r.budgets()).as(console.toString()).allMatch(LoadResult.BudgetCheck::passed);
        assertThat(outcomes(r)).containsKeys("latency p95 ratio at 3 users", "candidate error rate under load at 3 users",
                "throughput POST /api/ml/match at 3 users", "latency p95 ratio POST /api/ml/match at 3 users");
        assertThat(r.steps().get(1).gatlingAssertions()).isNotEmpty().allMatch(GatlingReport.AssertionOutcome::passed);
    }

    private static final Pattern SUMMARY_LINE = Pattern.compile("^> (.+?)\\s+\\|\\s+([\\d,.]+|-)\\s+\\|.*$");

    /** Gatling's console summary of the same run: the figures we read from its report must be the same numbers. */
    private void sameFiguresAsGatlingPrinted(LoadResult.Step step) throws Exception {
        Map<String, Double> printed = new HashMap<>();
        boolean inGlobal = false;
        for (String line : Files.readAllLines(dir.resolve("gatling").resolve(step.backend() + "-3/gatling.log"))) {
            if (line.startsWith("---- Global Information")) {
                inGlobal = true;
            } else if (line.startsWith("----")) {
                inGlobal = false;
            } else if (inGlobal) {
                Matcher m = SUMMARY_LINE.matcher(line);
                if (m.matches() && !m.group(2).equals("-")) {
                    printed.put(m.group(1).trim(), Double.parseDouble(m.group(2).replace(",", "")));
                }
            }
        }
        LoadStats all = step.all();
        assertThat(printed).containsEntry("request count", (double) all.count())
                .containsEntry("mean response time (ms)", all.meanMs())
                .containsEntry("response time 50th percentile (ms)", all.p50Ms())
                .containsEntry("response time 95th percentile (ms)", all.p95Ms())
                .containsEntry("response time 99th percentile (ms)", all.p99Ms())
                .containsEntry("max response time (ms)", all.maxMs());
        assertThat(printed.get("mean throughput (rps)")).isCloseTo(all.requestsPerSecond(), within(0.01));
        // Per route: the actual value of each Gatling assertion is the figure we read for that route.
        for (GatlingReport.AssertionOutcome a : step.gatlingAssertions()) {
            if (a.text().startsWith("POST /api/ml/match: mean requests per second")) {
                assertThat(a.actual()).isCloseTo(step.routes().get("POST /api/ml/match").requestsPerSecond(), within(0.01));
            } else if (a.text().startsWith("Global: 95th percentile")) {
                assertThat(a.actual()).isEqualTo(all.p95Ms());
            } else if (a.text().startsWith("Global: percentage of failed events")) {
                assertThat(a.actual()).isCloseTo(all.errorRate() * 100, within(0.01));
            }
        }
    }
}
