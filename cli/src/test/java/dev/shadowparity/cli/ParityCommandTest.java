package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users and CI call it: output, files and exit codes. */
class ParityCommandTest {

    record Run(int exit, String out, String err) {}

    static Run parity(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ParityCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @TempDir
    static Path shared;
    static Path demoOut;
    static Run demo;

    @BeforeAll
    static void runTheDemoOnce() {
        demoOut = shared.resolve("demo");
        demo = parity("demo", "--out", demoOut.toString(), "--requests", "200", "--concurrency", "4");
    }

    @Test
    void demoHoldsOnTheRegressionAndNamesEndpointAndField() {
        assertThat(demo.exit()).as(demo.err()).isEqualTo(ParityCommand.HOLD);
        assertThat(demo.out())
                .contains("traffic   done: 200 answered 2xx/3xx, 0 4xx, 0 5xx, 0 transport errors")
                .containsPattern("GET /api/students/\\{id\\}\\s+60\\s+60\\s+0\\.0%\\s+\\$\\.lastName missing \\(60\\); \\$\\.familyName extra \\(60\\)")
                .containsPattern("POST /api/ml/encode-face\\s+40\\s+40\\s+100\\.0%\\s+-")
                // ranked search results that moved, judged as rankings; generated answers reworded, judged by ROUGE-L
                .containsPattern("POST /api/search\\s+10\\s+10\\s+100\\.0%\\s+-")
                .contains("passed ranking POST /api/search $.results: Jaccard@5 0.9667, tau 0.9800, same first 100.00%"
                        + " (2 of 10 lists differ) (needs Jaccard@5 >= 0.9, tau >= 0.9, same first >= 95.00%)")
                .containsPattern("POST /api/assistant/ask\\s+10\\s+10\\s+100\\.0%\\s+-")
                .contains("verdict: HOLD")
                .contains("report:   " + demoOut.resolve("allure-report/index.html").toAbsolutePath());
    }

    @Test
    void demoWritesTheContractedFolder() throws Exception {
        for (String f : List.of("exchanges.jsonl", "verdict.json", "junit.xml", "allure-results/categories.json",
                "allure-report/index.html")) {
            assertThat(demoOut.resolve(f)).as(f).isRegularFile();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(demoOut.resolve("exchanges.jsonl"));
        assertThat(lines).hasSize(200);
        long previous = 0;
        for (String line : lines) {
            JsonNode x = mapper.readTree(line);
            assertThat(x.path("id").asLong()).isGreaterThan(previous);
            previous = x.path("id").asLong();
            assertThat(x.path("outcome").asText()).isEqualTo("compared");
            for (JsonNode d : x.path("differences")) {
                assertThat(d.fieldNames()).toIterable().contains("path", "kind", "primary", "candidate", "noise");
            }
        }
        JsonNode verdict = mapper.readTree(demoOut.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("hold");
        assertThat(verdict.path("totals").path("exchanges").asLong()).isEqualTo(200);
        JsonNode ask = null;
        for (JsonNode e : verdict.path("endpoints")) {
            ask = e.path("endpoint").asText().equals("POST /api/assistant/ask") ? e : ask;
        }
        assertThat(ask).as("the assistant's endpoint").isNotNull();
        assertThat(ask.path("noise").get(0).path("kind").asText()).isEqualTo("similarity");
        assertThat(ask.path("noise").get(0).path("count").asLong()).as("three of five answers reworded, each asked twice").isEqualTo(6);
        assertThat(ask.path("noise").get(0).path("reason").asText()).startsWith("alike by rouge-l");
    }

    @Test
    void noCredentialTheDriverSentAppearsInAnyOutput() throws Exception {
        try (Stream<Path> files = Files.walk(demoOut)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("demo-bearer-", "demo-session-", "demo-password-");
            }
        }
        assertThat(Files.readString(demoOut.resolve("exchanges.jsonl"))).contains("\"Authorization\":\"[REDACTED:");
        assertThat(demo.out() + demo.err()).doesNotContain("demo-bearer-", "demo-session-", "demo-password-");
    }

    @Test
    void gateAndReportWorkOnTheDemoFolder() {
        Run gate = parity("gate", "--in", demoOut.toString());
        assertThat(gate.exit()).isEqualTo(ParityCommand.HOLD);
        assertThat(gate.out()).contains("$.lastName missing").endsWith("verdict: HOLD\n");
        Run report = parity("report", "--in", demoOut.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("allure-report/index.html");
    }

    /** A verdict of 100 clean exchanges per route whose candidate answers in {@code candidateMs} (primary: 20 ms). */
    private static Path cleanRun(Path dir, long candidateMs) {
        var config = new dev.shadowparity.core.config.ConfigLoader(k -> null).parse("""
                suite: phases
                backends: { primary: { url: http://127.0.0.1:1 }, candidate: { url: http://127.0.0.1:2 } }
                routes: [ { route: GET /a }, { route: GET /b } ]
                """, "phases.yaml");
        var ledger = new dev.shadowparity.comparators.Ledger();
        var ok = new dev.shadowparity.core.RecordedResponse(200, dev.shadowparity.core.Headers.EMPTY, "{}".getBytes());
        for (int i = 0; i < 200; i++) {
            var endpoint = dev.shadowparity.core.EndpointKey.parse(i % 2 == 0 ? "GET /a" : "GET /b");
            var x = new dev.shadowparity.core.Exchange(i + 1, endpoint, java.time.Instant.now(),
                    new dev.shadowparity.core.RecordedRequest("GET", "/a", dev.shadowparity.core.Headers.EMPTY, null),
                    new dev.shadowparity.core.BackendReply.Responded(ok, java.time.Duration.ofMillis(20)),
                    new dev.shadowparity.core.BackendReply.Responded(ok, java.time.Duration.ofMillis(candidateMs)), null);
            ledger.record(new dev.shadowparity.core.ExchangeResult(x, dev.shadowparity.core.Outcome.COMPARED, null, List.of()));
        }
        dev.shadowparity.gate.VerdictFiles.write(dir, new dev.shadowparity.gate.Gate(dev.shadowparity.gate.GateSetup.of(config)).evaluate(ledger.snapshot()));
        return dir;
    }

    @Test
    void gateExitsByPhasePolicy(@TempDir Path dir) throws Exception {
        Path fast = cleanRun(dir.resolve("fast"), 20);
        for (String phase : List.of("10", "25", "50", "100", "100%")) {
            Run r = parity("gate", "--in", fast.toString(), "--phase", phase);
            assertThat(r.exit()).as("phase " + phase + ": " + r.out() + r.err()).isEqualTo(ParityCommand.PROMOTE);
        }
        assertThat(parity("gate", "--in", fast.toString()).exit()).isEqualTo(ParityCommand.PROMOTE);

        Path slow = cleanRun(dir.resolve("slow"), 40);
        assertThat(parity("gate", "--in", slow.toString(), "--phase", "50").exit()).isEqualTo(ParityCommand.PROMOTE);
        Run hundred = parity("gate", "--in", slow.toString(), "--phase", "100");
        assertThat(hundred.exit()).isEqualTo(ParityCommand.HOLD);
        assertThat(hundred.out()).contains("FAILED latency GET /a: candidate p95 40.").contains("(needs <= 1.10x primary p95")
                .endsWith("verdict: HOLD (moving to 100% of traffic)\n");

        Run unknown = parity("gate", "--in", fast.toString(), "--phase", "30");
        assertThat(unknown.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(unknown.err()).contains("phase 30 is not defined; the suite defines phases 10, 25, 50, 100");

        Files.writeString(fast.resolve("verdict.json"), "{ \"schemaVersion\": 1, ");
        Run corrupt = parity("gate", "--in", fast.toString(), "--phase", "10");
        assertThat(corrupt.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(corrupt.err()).contains("verdict.json:1: not a valid verdict");
    }

    private static com.github.tomakehurst.wiremock.WireMockServer wiremock() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration
                .options().bindAddress("127.0.0.1").dynamicPort().notifier(new com.github.tomakehurst.wiremock.common.ConsoleNotifier(false)));
        server.start();
        return server;
    }

    @Test
    void replaySendsAFileToBothBackendsAndWritesTheRunFolder(@TempDir Path dir) throws Exception {
        var primary = wiremock();
        var candidate = wiremock();
        try {
            primary.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\":1,\"lastName\":\"Hopper\"}")));
            candidate.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\":1,\"familyName\":\"Hopper\"}")));
            Path traffic = dir.resolve("traffic.jsonl");
            Files.writeString(traffic, "{\"method\":\"GET\",\"path\":\"/api/students/1\"}\n"
                    + "{\"method\":\"GET\",\"path\":\"/api/students/2\",\"headers\":{\"Authorization\":\"Bearer replay-secret\"}}\n"
                    + "{\"path\":\"/no-method\"}\n");
            Path out = dir.resolve("run");
            Run replay = parity("replay", "--primary", primary.baseUrl(), "--candidate", candidate.baseUrl(),
                    "--traffic", traffic.toString(), "--concurrency", "2", "--out", out.toString());
            assertThat(replay.exit()).as(replay.out() + replay.err()).isEqualTo(ParityCommand.HOLD);
            assertThat(replay.out()).contains("2 requests read, 1 skipped")
                    .contains("skipped   " + traffic + ":3: missing field 'method'")
                    .contains("replay    done: read 3, sent 2, skipped 1; 2 exchanges with differences")
                    .containsPattern("GET /api/students/\\{id\\}\\s+2\\s+2\\s+0\\.0%\\s+\\$\\.lastName missing");
            assertThat(Files.readAllLines(out.resolve("exchanges.jsonl"))).hasSize(2);
            assertThat(out.resolve("allure-report/index.html")).isRegularFile();
            assertThat(Files.readString(out.resolve("exchanges.jsonl"))).doesNotContain("replay-secret");

            Run strict = parity("replay", "--primary", primary.baseUrl(), "--candidate", candidate.baseUrl(),
                    "--traffic", traffic.toString(), "--strict", "--out", dir.resolve("strict").toString());
            assertThat(strict.exit()).isEqualTo(ParityCommand.INVALID);
            assertThat(strict.err()).contains(traffic + ":3: missing field 'method'");
        } finally {
            primary.stop();
            candidate.stop();
        }
    }

    @Test
    void loadRunsGatlingOnBothBackendsAndItsBudgetsReachTheVerdictReportAndGate(@TempDir Path dir) throws Exception {
        var primary = wiremock();
        var candidate = wiremock();
        try {
            primary.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\":1}")));
            candidate.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"id\":1}").withFixedDelay(25)));
            Path traffic = dir.resolve("traffic.jsonl");
            // Same method and header names: one request shape, which Gatling's switch must not be asked to choose from.
            Files.writeString(traffic, "{\"method\":\"GET\",\"path\":\"/api/students/1\",\"headers\":{\"Authorization\":\"Bearer load-secret\"}}\n"
                    + "{\"method\":\"GET\",\"path\":\"/api/students/2\",\"headers\":{\"Authorization\":\"Bearer load-secret\"}}\n");
            Path out = dir.resolve("run");
            Run load = parity("load", "--primary", primary.baseUrl(), "--candidate", candidate.baseUrl(), "--traffic",
                    traffic.toString(), "--users", "2", "--duration", "2s", "--ramp", "0s", "--think", "10ms", "--warmup", "1s", "--out", out.toString(),
                    // A stand-in for the proxy (any HTTP server will do to check the third step is run and reported).
                    "--proxy", primary.baseUrl());

            // The candidate answers 25 ms later than the primary: the ratio budget fails, the run holds.
            assertThat(load.exit()).as(load.out() + load.err()).isEqualTo(ParityCommand.HOLD);
            assertThat(load.out()).contains("load      primary      2 users:", "load      candidate    2 users:")
                    .contains("budget    FAIL  latency p95 ratio at 2 users")
                    .contains("budget    pass  candidate error rate under load at 2 users")
                    .contains("FAILED latency p95 ratio at 2 users").contains("verdict: HOLD")
                    .contains("overhead  proxy 2 users: p95 ");
            for (String f : List.of("load.json", "verdict.json", "junit.xml", "gatling/primary-2/index.html",
                    "gatling/candidate-2/index.html", "gatling/candidate-2/gatling.log", "gatling/proxy-2/index.html",
                    "allure-report/index.html")) {
                assertThat(out.resolve(f)).as(f).isRegularFile();
            }
            JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
            assertThat(verdict.path("checks").findValuesAsText("source")).isNotEmpty().allMatch("load"::equals);
            try (Stream<Path> results = Files.list(out.resolve("allure-results"))) {
                assertThat(results.filter(p -> p.toString().endsWith("-result.json")).map(p -> {
                    try {
                        return Files.readString(p);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).anyMatch(r -> r.contains("load budgets") && r.contains("latency p95 ratio at 2 users"));
            }
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain("load-secret");
                }
            }
            // The gate judges the load's budgets at every phase; latency needs no shadow measurements then.
            Run gate = parity("gate", "--in", out.toString(), "--phase", "100");
            assertThat(gate.exit()).isEqualTo(ParityCommand.HOLD);
            assertThat(gate.out()).contains("FAILED latency p95 ratio at 2 users").doesNotContain("none recorded");
        } finally {
            primary.stop();
            candidate.stop();
        }
    }

    @Test
    void badUsageExplainsAndExitsTwo(@TempDir Path dir) throws Exception {
        Run unknown = parity("nosuch");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument").contains("nosuch");

        Run missing = parity("validate", "--config", dir.resolve("parity.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("parity.yaml: file not found");

        Files.writeString(dir.resolve("bad.yaml"), "backends:\n  primary: { url: http://127.0.0.1:1 }\n  candidate: { url: 'nope' }\n");
        Run bad = parity("validate", "--config", dir.resolve("bad.yaml").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.yaml:3:").contains("backends.candidate.url");

        Run noBackends = parity("proxy", "--primary", "http://127.0.0.1:1");
        assertThat(noBackends.exit()).isEqualTo(2);
        assertThat(noBackends.err()).contains("give --config FILE, or both --primary URL and --candidate URL");

        Run noVerdict = parity("gate", "--in", dir.toString());
        assertThat(noVerdict.exit()).isEqualTo(2);
        assertThat(noVerdict.err()).contains("verdict.json: not found");

        assertThat(parity().exit()).isEqualTo(2);
    }

    @Test
    void gateWritesAMarkdownSummaryForAPullRequestOrAJobPage(@TempDir Path dir) throws Exception {
        Path runFolder = demoOut;
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        Run md = parity("gate", "--in", runFolder.toString(), "--format", "markdown", "--step-summary", summary.toString());
        assertThat(md.exit()).isEqualTo(1);
        assertThat(md.out()).startsWith("### Shadow Parity: **HOLD**")
                .contains("| endpoint | requests | compared | parity | top regressions |")
                .contains("| `GET /api/students/{id}` |")
                .contains("`$.lastName` missing (").contains(" → (none)")
                .contains("Failed checks:");
        assertThat(Files.readString(summary)).as("appended, as GitHub's step summary is").startsWith("earlier step\n### Shadow Parity");
        assertThat(parity("gate", "--in", runFolder.toString(), "--format", "html").err()).contains("--format is text or markdown");
    }

    @Test
    void theCiTemplatesUseOnlyOptionsTheCommandsHave() throws Exception {
        Path examples = Path.of("..", "examples", "ci");
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("parity\\.jar (\\w+)((?:[^\\n]|\\n\\s+--)*)");
        int calls = 0;
        for (String file : java.util.List.of("github-actions.yml", "gitlab-ci.yml")) {
            String text = Files.readString(examples.resolve(file)).replace("\\\n", "\n");
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text);
            java.util.regex.Matcher m = call.matcher(text);
            while (m.find()) {
                calls++;
                String help = parity(m.group(1), "--help").out();
                java.util.regex.Matcher flag = java.util.regex.Pattern.compile("(--[a-z-]+)").matcher(m.group(2));
                while (flag.find()) {
                    assertThat(help).as(file + ": parity " + m.group(1) + " " + flag.group(1)).contains(flag.group(1));
                }
            }
        }
        assertThat(calls).as("replay and gate in both").isEqualTo(4);
    }

    @Test
    void everyCommandsHelpShowsTwoExamplesAndTheShellCompletionKnowsEveryCommand() {
        for (String command : java.util.List.of("demo", "proxy", "worker", "replay", "load", "report", "gate", "validate", "schema", "completion")) {
            Run help = parity(command, "--help");
            assertThat(help.exit()).isZero();
            String examples = help.out().substring(help.out().indexOf("Examples:"));
            assertThat(examples.lines().filter(l -> l.startsWith("  ")).count()).as(command).isEqualTo(2);
            assertThat(examples).contains("parity " + command);
        }
        Run bash = parity("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("replay").contains("--har-host").contains("--mirror-percent")
                .contains("worker").contains("--idle-exit").contains("--publish");
        Run suiteSchema = parity("schema", "suite");
        assertThat(suiteSchema.exit()).isZero();
        assertThat(suiteSchema.out()).contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"backends\"").contains("\"mirror\"");
        assertThat(parity("schema", "verdict").out()).contains("verdict.schema.json");
        assertThat(parity("schema", "bogus").err()).contains("give suite or verdict, got 'bogus'");
        Run bad = parity("completion", "fish");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("the shell is bash or zsh, got 'fish'");
    }

    @Test
    void validateAcceptsAGoodSuite(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("parity.yaml"), """
                suite: orders
                backends:
                  primary: { url: http://127.0.0.1:8081 }
                  candidate: { url: http://127.0.0.1:9081 }
                routes:
                  - route: GET /orders/{id}
                """);
        Run ok = parity("validate", "--config", f.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("valid; suite 'orders', 1 route(s)");
    }

    @Test
    void validateReadsTheProtosetAndTheTlsFilesAsARunWould(@TempDir Path dir) throws Exception {
        new dev.shadowparity.testkit.GrpcScorer().writeProtoset(dir.resolve("scorer.pb"));
        dev.shadowparity.testkit.TestPki pki = dev.shadowparity.testkit.TestPki.create(dir, "Validate CA");
        pki.issue("candidate", "127.0.0.1");
        Path grpc = Files.writeString(dir.resolve("grpc.yaml"), """
                protoset: scorer.pb
                backends:
                  primary: { url: http://127.0.0.1:50051, protocol: h2c }
                  candidate: { url: https://127.0.0.1:50052, protocol: h2, tls: { caFile: Validate-CA.pem } }
                """);
        Run ok = parity("validate", "--config", grpc.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("protoset " + dir.resolve("scorer.pb") + ": 2 gRPC method(s)");

        Files.writeString(dir.resolve("scorer.pb"), "not a descriptor set");
        Run badSet = parity("validate", "--config", grpc.toString());
        assertThat(badSet.exit()).isEqualTo(2);
        assertThat(badSet.err()).contains("scorer.pb: not a protobuf FileDescriptorSet");

        Path badTls = Files.writeString(dir.resolve("tls.yaml"), """
                backends:
                  primary: { url: http://127.0.0.1:8081 }
                  candidate: { url: https://127.0.0.1:9443, tls: { caFile: candidate.key } }
                """);
        Run tls = parity("validate", "--config", badTls.toString());
        assertThat(tls.exit()).isEqualTo(2);
        assertThat(tls.err()).contains("tls.yaml:3:").contains("candidate.key: holds no PEM certificate");
    }

    @Test
    void validateAcceptsWhatTheRunningCommandsAcceptBackendsFromFlagsIncluded(@TempDir Path dir) throws Exception {
        Path routesOnly = Files.writeString(dir.resolve("routes.yaml"), """
                suite: orders
                routes:
                  - route: GET /orders/{id}
                """);
        Run withoutFlags = parity("validate", "--config", routesOnly.toString());
        assertThat(withoutFlags.exit()).isEqualTo(2);
        Run withFlags = parity("validate", "--config", routesOnly.toString(), "--primary", "http://127.0.0.1:8081",
                "--candidate", "http://127.0.0.1:9081");
        assertThat(withFlags.exit()).as(withFlags.err()).isZero();
        assertThat(withFlags.out()).contains("valid; suite 'orders', 1 route(s), primary http://127.0.0.1:8081, candidate http://127.0.0.1:9081");
        Run badFlag = parity("validate", "--config", routesOnly.toString(), "--primary", "nope", "--candidate", "http://127.0.0.1:1");
        assertThat(badFlag.exit()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--primary 'nope'");
        assertThat(parity("validate").err()).contains("give --config FILE");
    }

    @Test
    void helpDescribesEveryCommand() {
        Run help = parity("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo", "proxy", "replay", "load", "report", "gate", "validate", "Exit codes");
        for (String command : List.of("demo", "proxy", "replay", "load", "report", "gate", "validate")) {
            Run h = parity(command, "--help");
            assertThat(h.exit()).isZero();
            assertThat(h.out()).contains("Usage: parity " + command);
        }
        assertThat(parity("demo", "--help").out()).contains("default: 400");
    }
}
