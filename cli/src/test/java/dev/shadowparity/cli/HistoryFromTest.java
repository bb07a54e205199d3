package dev.shadowparity.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh CI workspace has no earlier run beside its output folder: {@code --history-from} names the previous run's
 * folder, or the URL a CI server serves it at, so the report continues the trend and the verdict marks each regression
 * new since that run or not.
 */
class HistoryFromTest {

    @TempDir
    Path dir;
    private WireMockServer primary;
    private WireMockServer candidate;
    private Path traffic;

    @BeforeEach
    void backends() throws Exception {
        primary = wiremock();
        candidate = wiremock();
        primary.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":1,\"lastName\":\"Hopper\",\"grade\":3}")));
        candidate.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":1,\"familyName\":\"Hopper\",\"grade\":3}")));
        traffic = dir.resolve("traffic.jsonl");
        Files.writeString(traffic, "{\"method\":\"GET\",\"path\":\"/api/students/1\"}\n{\"method\":\"GET\",\"path\":\"/api/students/2\"}\n");
    }

    @AfterEach
    void stop() {
        primary.stop();
        candidate.stop();
    }

    private static WireMockServer wiremock() {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    private ParityCommandTest.Run replay(Path out, String... more) {
        String[] base = {"replay", "--primary", primary.baseUrl(), "--candidate", candidate.baseUrl(), "--traffic",
                traffic.toString(), "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return ParityCommandTest.parity(args);
    }

    private static Map<String, Boolean> marks(Path run) throws Exception {
        JsonNode v = new ObjectMapper().readTree(run.resolve("verdict.json").toFile());
        Map<String, Boolean> out = new TreeMap<>();
        v.path("endpoints").get(0).path("regressions").forEach(f -> out.put(f.path("path").asText() + " " + f.path("kind").asText(),
                f.has("newSinceLastRun") ? f.path("newSinceLastRun").asBoolean() : null));
        return out;
    }

    @Test
    void aPreviousRunFolderOrItsUrlCarriesTheTrendAndMarksWhatIsNew() throws Exception {
        Path first = dir.resolve("earlier/run");
        assertThat(replay(first).exit()).isEqualTo(ParityCommand.HOLD);
        assertThat(marks(first)).containsOnlyKeys("$.lastName missing", "$.familyName extra").containsValues((Boolean) null);
        assertThat(first.resolve("allure-report/history/history.json")).isRegularFile();

        // the candidate breaks one more field since
        candidate.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":1,\"familyName\":\"Hopper\",\"grade\":\"3\"}")));
        Path fresh = dir.resolve("workspace/run");
        ParityCommandTest.Run second = replay(fresh, "--history-from", first.toString());
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(ParityCommand.HOLD);
        assertThat(marks(fresh)).containsExactlyEntriesOf(new TreeMap<>(Map.of("$.lastName missing", false,
                "$.familyName extra", false, "$.grade type", true)));
        assertThat(fresh.resolve("allure-results/history/history.json")).as("the trend carried on").isRegularFile();
        assertThat(ParityCommandTest.parity("gate", "--in", fresh.toString(), "--format", "markdown").out())
                .contains("`$.grade` type (2) **new since last run**").doesNotContain("`$.lastName` missing (2) **new");

        // the same from the URL a CI server serves the earlier run's artifacts at
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = first.resolve(exchange.getRequestURI().getPath().substring("/artifacts/".length()));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            Path viaUrl = dir.resolve("workspace2/run");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/artifacts/";
            ParityCommandTest.Run third = replay(viaUrl, "--history-from", url);
            assertThat(third.exit()).as(third.out() + third.err()).isEqualTo(ParityCommand.HOLD);
            assertThat(marks(viaUrl)).containsEntry("$.grade type", true).containsEntry("$.lastName missing", false);
            assertThat(viaUrl.resolve("allure-results/history/history.json")).isRegularFile();

            ParityCommandTest.Run gone = replay(dir.resolve("workspace3/run"), "--history-from", url + "nothing/");
            assertThat(gone.exit()).isEqualTo(ParityCommand.INVALID);
            assertThat(gone.err()).contains("--history-from " + url + "nothing/: no verdict.json is served there");
        } finally {
            server.stop(0);
        }
        ParityCommandTest.Run notARun = replay(dir.resolve("workspace4/run"), "--history-from", dir.resolve("nowhere").toString());
        assertThat(notARun.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(notARun.err()).contains("--history-from " + dir.resolve("nowhere") + ": not a run folder (no verdict.json)");
    }
}
