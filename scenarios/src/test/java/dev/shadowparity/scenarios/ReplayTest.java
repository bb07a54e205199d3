package dev.shadowparity.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogReader;
import dev.shadowparity.core.log.ExchangeLogWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each traffic format replayed end to end against real HTTP servers, through the real compare pipeline. */
class ReplayTest {

    private WireMockServer primary;
    private WireMockServer candidate;

    @TempDir
    Path dir;

    private static WireMockServer server() {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    @BeforeEach
    void start() {
        primary = server();
        candidate = server();
        for (WireMockServer s : List.of(primary, candidate)) {
            boolean rewrite = s == candidate;
            s.stubFor(get(urlPathEqualTo("/posts")).willReturn(okJson("[{\"id\":1,\"title\":\"a\"},{\"id\":2,\"title\":\"b\"}]")));
            s.stubFor(get(urlEqualTo("/users/7")).willReturn(okJson(rewrite
                    ? "{\"id\":7,\"name\":\"Ada\",\"mail\":\"ada@x\"}" : "{\"id\":7,\"name\":\"Ada\",\"email\":\"ada@x\"}")));
            s.stubFor(post(urlEqualTo("/posts")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"created\":true}")));
            // a counter: each POST moves the state on, each GET reads it
            s.stubFor(get(urlEqualTo("/counter")).inScenario("c").whenScenarioStateIs(STARTED).willReturn(okJson("{\"n\":0}")));
            s.stubFor(post(urlEqualTo("/counter")).inScenario("c").whenScenarioStateIs(STARTED).willSetStateTo("one")
                    .willReturn(okJson("{\"ok\":true}")));
            s.stubFor(get(urlEqualTo("/counter")).inScenario("c").whenScenarioStateIs("one").willReturn(okJson("{\"n\":1}")));
            s.stubFor(post(urlEqualTo("/counter")).inScenario("c").whenScenarioStateIs("one").willSetStateTo("two")
                    .willReturn(okJson("{\"ok\":true}")));
            s.stubFor(get(urlEqualTo("/counter")).inScenario("c").whenScenarioStateIs("two").willReturn(okJson("{\"n\":2}")));
        }
    }

    @AfterEach
    void stop() {
        primary.stop();
        candidate.stop();
    }

    private SuiteConfig suite(String extra) {
        return new ConfigLoader(k -> null).parse("""
                suite: replay
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s", headers: { Authorization: "Bearer candidate-token" } }
                routes:
                  - route: GET /users/{id}
                """.formatted(primary.baseUrl(), candidate.baseUrl()) + extra, "replay.yaml");
    }

    private record Run(Ledger ledger, ReplayEngine.Result result, List<ExchangeResult> logged) {}

    private Run replay(SuiteConfig suite, List<ReplayRequest> requests, boolean ordered) throws Exception {
        Path log = dir.resolve("exchanges-" + System.nanoTime() + ".jsonl");
        Ledger ledger = new Ledger();
        ReplayEngine.Result result;
        try (ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger,
                new ExchangeLogWriter(log, new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true), 100), 2, 16)) {
            result = new ReplayEngine(ReplaySetup.of(suite, RouteTable.of(suite.routes())), pipeline, Duration.ofSeconds(5))
                    .run(requests, 4, 0, ordered, (done, diffs) -> { });
        }
        List<ExchangeResult> logged = new ArrayList<>();
        ExchangeLogReader.forEach(log, logged::add);
        return new Run(ledger, result, logged);
    }

    private static EndpointStats.Snapshot endpoint(Ledger ledger, String key) {
        return ledger.snapshot().stream().filter(s -> s.endpoint().toString().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void eachBackendGetsItsOwnHostBasePathAndQueryNames() throws Exception {
        candidate.stubFor(get(urlPathEqualTo("/v2/posts")).willReturn(okJson("[{\"id\":1,\"title\":\"a\"},{\"id\":2,\"title\":\"b\"}]")));
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s/v2", host: api.rewrite.internal, renameQuery: { userId: user_id } }
                """.formatted(primary.baseUrl(), candidate.baseUrl()), "rewrite.yaml");
        Run run = replay(suite, TrafficReader.inline(List.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"method\":\"GET\",\"path\":\"/posts?userId=1&sort=asc\"}")), "inline", true).requests(), false);
        assertThat(endpoint(run.ledger(), "GET /posts").parityRate()).isEqualTo(1.0);
        primary.verify(getRequestedFor(urlEqualTo("/posts?userId=1&sort=asc")));
        candidate.verify(getRequestedFor(urlEqualTo("/v2/posts?user_id=1&sort=asc"))
                .withHeader("Host", equalTo("api.rewrite.internal")));
    }

    @Test
    void aJsonlRequestListIsReplayedAndItsDifferencesFound() throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        Files.writeString(file, """
                {"method":"GET","path":"/posts?userId=1","headers":{"Accept":"application/json","Authorization":"Bearer recorded"}}
                {"method":"GET","path":"/users/7"}

                {"method":"POST","path":"/posts","body":{"title":"new"}}
                {"method":"POST","path":"/posts","body":"title=raw","headers":{"Content-Type":"application/x-www-form-urlencoded"}}
                """);
        TrafficReader.Traffic t = TrafficReader.read(file, TrafficReader.detect(file), false);
        assertThat(t.requests()).hasSize(4);
        Run run = replay(suite(""), t.requests(), false);
        assertThat(run.result().sent()).isEqualTo(4);
        assertThat(run.logged()).extracting(ce -> ce.exchange().id()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(endpoint(run.ledger(), "GET /users/{id}").regressions()).extracting(f -> f.key().path())
                .containsExactlyInAnyOrder("$.email", "$.mail");
        assertThat(endpoint(run.ledger(), "GET /posts").parityRate()).isEqualTo(1.0);
        candidate.verify(getRequestedFor(urlEqualTo("/posts?userId=1")).withHeader("Authorization", equalTo("Bearer candidate-token")));
        primary.verify(getRequestedFor(urlEqualTo("/posts?userId=1")).withHeader("Authorization", equalTo("Bearer recorded")));
        primary.verify(postRequestedFor(urlEqualTo("/posts")).withRequestBody(equalTo("{\"title\":\"new\"}"))
                .withHeader("Content-Type", equalTo("application/json")));
        candidate.verify(postRequestedFor(urlEqualTo("/posts")).withRequestBody(equalTo("title=raw")));
    }

    @Test
    void aHarFileFromABrowserIsReplayed() throws Exception {
        Path file = dir.resolve("session.har");
        Files.writeString(file, """
                {"log":{"version":"1.2","creator":{"name":"Firefox","version":"132"},"entries":[
                  {"startedDateTime":"2026-11-23T10:00:00Z","request":{"method":"GET","url":"https://app.example/users/7",
                    "httpVersion":"HTTP/2","headers":[{"name":":authority","value":"app.example"},{"name":"accept","value":"application/json"}],
                    "queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":200}},
                  {"startedDateTime":"2026-11-23T10:00:01Z","request":{"method":"POST","url":"https://app.example/posts",
                    "httpVersion":"HTTP/2","headers":[],"postData":{"mimeType":"application/json","text":"{\\"title\\":\\"x\\"}"}},
                    "response":{"status":201}}
                ]}}
                """);
        assertThat(TrafficReader.detect(file)).isEqualTo(TrafficReader.Format.HAR);
        TrafficReader.Traffic t = TrafficReader.read(file, TrafficReader.Format.HAR, true);
        Run run = replay(suite(""), t.requests(), false);
        assertThat(run.result().sent()).isEqualTo(2);
        primary.verify(getRequestedFor(urlEqualTo("/users/7")).withHeader("accept", equalTo("application/json")));
        candidate.verify(postRequestedFor(urlEqualTo("/posts")).withRequestBody(equalTo("{\"title\":\"x\"}"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(endpoint(run.ledger(), "GET /users/{id}").withRegression()).isEqualTo(1);
    }

    @Test
    void aRunsExchangeLogIsReplayedWithItsRotatedFiles() throws Exception {
        Path first = dir.resolve("first.jsonl");
        Files.writeString(first, "{\"method\":\"GET\",\"path\":\"/users/7\"}\n{\"method\":\"GET\",\"path\":\"/posts\"}\n");
        Run recorded = replay(suite(""), TrafficReader.read(first, TrafficReader.Format.JSONL, true).requests(), false);
        // write what the first run logged as a proxy log that rotated once: line 1 in .1, line 2 in the file
        Path log = dir.resolve("exchanges.jsonl");
        ExchangeJson json = new ExchangeJson(new Redactor(RedactionSettings.DEFAULT));
        Files.write(dir.resolve("exchanges.1.jsonl"), List.of(new String(json.toLineBytes(recorded.logged().get(0)))));
        Files.write(log, List.of(new String(json.toLineBytes(recorded.logged().get(1)))));
        assertThat(TrafficReader.detect(log)).isEqualTo(TrafficReader.Format.EXCHANGES);
        TrafficReader.Traffic t = TrafficReader.read(log, TrafficReader.Format.EXCHANGES, true);
        assertThat(t.requests()).extracting(ReplayRequest::uri).containsExactly("/users/7", "/posts");
        Run again = replay(suite(""), t.requests(), false);
        assertThat(endpoint(again.ledger(), "GET /users/{id}").withRegression()).isEqualTo(1);
    }

    @Test
    void orderedReadAfterWriteComparesCorrectlyAndAResetMakesARunRepeatable() throws Exception {
        SuiteConfig suite = suite("""
                reset:
                  http: ["POST %s/__admin/scenarios/reset", "%s/__admin/scenarios/reset"]
                """.formatted(primary.baseUrl(), candidate.baseUrl()));
        Path file = dir.resolve("stateful.jsonl");
        Files.writeString(file, """
                {"method":"GET","path":"/counter"}
                {"method":"POST","path":"/counter"}
                {"method":"GET","path":"/counter"}
                {"method":"POST","path":"/counter"}
                {"method":"GET","path":"/counter"}
                """);
        List<ReplayRequest> requests = TrafficReader.read(file, TrafficReader.Format.JSONL, true).requests();
        for (int round = 1; round <= 2; round++) {
            ResetRunner.run(suite.reset());
            Run run = replay(suite, requests, true);
            assertThat(run.ledger().snapshot()).as("round " + round).allSatisfy(s -> assertThat(s.parityRate()).isEqualTo(1.0));
            assertThat(run.logged()).filteredOn(ce -> ce.exchange().request().method().equals("GET"))
                    .extracting(ce -> new String(((dev.shadowparity.core.BackendReply.Responded) ce.exchange().primary())
                            .response().body()))
                    .as("each read sees the writes before it, round " + round)
                    .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        }
        SuiteConfig failing = suite("reset: { http: [\"POST %s/nope\"] }\n".formatted(primary.baseUrl()));
        assertThatThrownBy(() -> ResetRunner.run(failing.reset())).isInstanceOf(ResetRunner.ResetFailedException.class)
                .hasMessageContaining("POST " + primary.baseUrl() + "/nope answered 404");
        SuiteConfig command = suite("reset: { command: [sh, -c, \"echo resetting; exit 3\"] }\n");
        assertThatThrownBy(() -> ResetRunner.run(command.reset())).hasMessageContaining("exited 3").hasMessageContaining("resetting");
    }

    @Test
    void requestsWithTheSameSequenceKeyKeepTheirOrderWhileOtherKeysRunAlongside() throws Exception {
        for (WireMockServer s : List.of(primary, candidate)) {
            for (String k : List.of("a", "b")) {
                String url = "/" + k + "/counter";
                // a slow first read: without the key, the write after it would overtake it
                s.stubFor(get(urlEqualTo(url)).inScenario(k).whenScenarioStateIs(STARTED)
                        .willReturn(okJson("{\"n\":0}").withFixedDelay(150)));
                s.stubFor(post(urlEqualTo(url)).inScenario(k).whenScenarioStateIs(STARTED).willSetStateTo("one")
                        .willReturn(okJson("{}")));
                s.stubFor(get(urlEqualTo(url)).inScenario(k).whenScenarioStateIs("one").willReturn(okJson("{\"n\":1}")));
                s.stubFor(post(urlEqualTo(url)).inScenario(k).whenScenarioStateIs("one").willSetStateTo("two")
                        .willReturn(okJson("{}")));
                s.stubFor(get(urlEqualTo(url)).inScenario(k).whenScenarioStateIs("two").willReturn(okJson("{\"n\":2}")));
            }
        }
        StringBuilder lines = new StringBuilder();
        for (String step : List.of("GET", "POST", "GET", "POST", "GET")) {
            for (String k : List.of("a", "b")) {
                lines.append("{\"method\":\"").append(step).append("\",\"path\":\"/").append(k)
                        .append("/counter\",\"sequence\":\"").append(k).append("\"}\n");
            }
        }
        Path file = dir.resolve("sequences.jsonl");
        Files.writeString(file, lines);
        List<ReplayRequest> requests = TrafficReader.read(file, TrafficReader.Format.JSONL, true).requests();
        assertThat(requests).extracting(ReplayRequest::sequence).containsExactly("a", "b", "a", "b", "a", "b", "a", "b", "a", "b");
        Run run = replay(suite(""), requests, false);
        for (String k : List.of("a", "b")) {
            assertThat(run.logged()).filteredOn(ce -> ce.exchange().request().method().equals("GET")
                            && ce.exchange().request().uri().startsWith("/" + k + "/"))
                    .extracting(ce -> new String(((dev.shadowparity.core.BackendReply.Responded) ce.exchange().primary())
                            .response().body()))
                    .as("sequence " + k + ": each read sees the writes before it")
                    .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        }
        assertThat(run.ledger().snapshot()).allSatisfy(s -> assertThat(s.parityRate()).isEqualTo(1.0));
        Files.writeString(file, "{\"method\":\"GET\",\"path\":\"/a\",\"sequence\":{\"k\":1}}\n");
        assertThatThrownBy(() -> TrafficReader.read(file, TrafficReader.Format.JSONL, true))
                .hasMessageContaining("sequences.jsonl:1: field 'sequence': expected a string or a whole number");
    }

    @Test
    void inlineSuiteRequestsAreReplayedToo() throws Exception {
        SuiteConfig suite = suite("""
                traffic:
                  - { method: GET, path: /users/7 }
                  - { method: GET }
                  - { method: POST, path: /posts, body: { title: inline } }
                """);
        TrafficReader.Traffic t = TrafficReader.inline(suite.traffic(), "replay.yaml", false);
        assertThat(t.skipped()).containsExactly(java.util.Map.entry("replay.yaml: traffic[1]", "missing field 'path'"));
        Run run = replay(suite, t.requests(), false);
        assertThat(run.result().sent()).isEqualTo(2);
        primary.verify(postRequestedFor(urlEqualTo("/posts")).withRequestBody(equalTo("{\"title\":\"inline\"}")));
    }

    @Test
    void badEntriesAreNamedByFileAndLineAndCounted() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"method":"GET","path":"/posts"}
                not json
                {"path":"/posts"}
                {"method":"GET","path":"posts"}
                {"method":"GET","path":"/posts","headers":{"X":{"nested":1}}}
                """);
        TrafficReader.Traffic t = TrafficReader.read(file, TrafficReader.Format.JSONL, false);
        assertThat(t.requests()).hasSize(1);
        assertThat(t.read()).isEqualTo(5);
        assertThat(t.skipped()).containsOnlyKeys(file + ":2", file + ":3", file + ":4", file + ":5");
        assertThat(t.skipped().get(file + ":2")).startsWith("not JSON");
        assertThat(t.skipped().get(file + ":3")).isEqualTo("missing field 'method'");
        assertThat(t.skipped().get(file + ":4")).contains("expected /path or an absolute URL");
        assertThat(t.skipped().get(file + ":5")).contains("headers.X");
        assertThatThrownBy(() -> TrafficReader.read(file, TrafficReader.Format.JSONL, true))
                .isInstanceOf(TrafficReader.BadTrafficException.class).hasMessage(file + ":2: not JSON: "
                        + t.skipped().get(file + ":2").substring("not JSON: ".length()));
        Path har = dir.resolve("x.har");
        Files.writeString(har, "{\"log\":{}}");
        assertThatThrownBy(() -> TrafficReader.read(har, TrafficReader.Format.HAR, false))
                .hasMessage(har + ": not a HAR file: no log.entries array");
        assertThatThrownBy(() -> TrafficReader.read(dir.resolve("none.jsonl"), TrafficReader.Format.JSONL, false))
                .hasMessageEndingWith("none.jsonl: file not found");
    }

    @Test
    void progressIsABarOnATerminalAndPlainLinesElsewhere() {
        StringWriter tty = new StringWriter();
        ReplayProgress bar = new ReplayProgress(new PrintWriter(tty), 4, true, 5_000);
        bar.recorded(4, 1);
        assertThat(tty.toString()).startsWith("\rreplay    [" + "#".repeat(30) + "] 4/4").contains("1 differing").endsWith("\n");
        StringWriter log = new StringWriter();
        ReplayProgress lines = new ReplayProgress(new PrintWriter(log), 4, false, 60_000);
        lines.recorded(1, 0);
        lines.recorded(4, 0);
        assertThat(log.toString()).as("only the last line: the interval had not passed").doesNotContain("\r")
                .startsWith("replay    4/4").hasLineCount(1);
    }
}
