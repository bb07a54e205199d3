package dev.shadowparity.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search service rewritten: its ranked results are judged as a ranking over the run (Jaccard@k, Kendall tau, the
 * same first result), each threshold a check held at every phase, not by the endpoint's parity.
 */
class RankedListParityTest {

    @TempDir
    Path dir;

    /** The results of 20 queries; {@code changed} gives some queries other results (ids in rank order). */
    private static WireMockServer search(Map<Integer, String> changed) {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        for (int q = 1; q <= 20; q++) {
            String[] ids = changed.getOrDefault(q, "p" + q + ",q" + q + ",r" + q + ",s" + q).split(",");
            List<String> results = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                results.add("{\"id\":\"" + ids[i] + "\",\"score\":" + (90 - 10 * i) / 100.0 + "}");
            }
            s.stubFor(get(urlEqualTo("/search?q=" + q)).willReturn(okJson("{\"query\":" + q + ",\"results\":["
                    + String.join(",", results) + "]}")));
        }
        return s;
    }

    @Test
    void theRunsRankedListsAreJudgedByJaccardTauAndTheFirstResultAtEveryPhase() throws Exception {
        WireMockServer primary = search(Map.of());
        WireMockServer candidate = search(Map.of(
                3, "q3,p3,r3,s3",     // the first two swapped: Jaccard 1, tau 1/3, another first result
                7, "p7,q7,x7,s7",     // the third replaced: Jaccard 2/4, tau 1
                11, "a,b,c,d",        // nothing alike: Jaccard 0, tau 0
                15, "p15,q15,r15,z")); // beyond k = 3: not judged
        try {
            Path suite = dir.resolve("parity.yaml");
            Files.writeString(suite, "suite: search\nbackends:\n  primary: { url: " + primary.baseUrl() + " }\n"
                    + "  candidate: { url: " + candidate.baseUrl() + " }\nroutes:\n  - route: GET /search\n"
                    + "    topK: { \"$.results\": { k: 3, label: id, minJaccard: 0.95, minTau: 0.9, minSameFirst: 0.95 } }\n");
            List<String> lines = new ArrayList<>();
            for (int q = 1; q <= 20; q++) {
                lines.add("{\"method\":\"GET\",\"path\":\"/search?q=" + q + "\"}");
            }
            Path traffic = dir.resolve("traffic.jsonl");
            Files.write(traffic, lines);
            Path out = dir.resolve("run");
            ParityCommandTest.Run replay = ParityCommandTest.parity("replay", "--config", suite.toString(), "--traffic",
                    traffic.toString(), "--out", out.toString());
            assertThat(replay.exit()).as(replay.out() + replay.err()).isEqualTo(ParityCommand.HOLD);
            assertThat(replay.out()).contains("ranking GET /search $.results");

            JsonNode v = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
            JsonNode endpoint = v.path("endpoints").get(0);
            assertThat(endpoint.path("regressions")).as("a moved rank is the ranking checks', not parity's").isEmpty();
            JsonNode ranking = endpoint.path("rankings").path("$.results");
            assertThat(ranking.path("lists").asLong()).isEqualTo(20);
            assertThat(ranking.path("disagreed").asLong()).isEqualTo(3);
            assertThat(ranking.path("meanJaccard").asDouble()).isEqualTo(0.925); // (17 + 1 + 0.5 + 0) / 20
            assertThat(ranking.path("meanTau").asDouble()).isEqualTo(0.916667); // (17 + 1/3 + 1 + 0) / 20
            assertThat(ranking.path("sameFirst").asDouble()).isEqualTo(0.9);
            JsonNode check = null;
            JsonNode parity = null;
            for (JsonNode c : v.path("checks")) {
                if (c.path("name").asText().equals("ranking GET /search $.results")) {
                    check = c;
                }
                if (c.path("name").asText().equals("parity GET /search")) {
                    parity = c;
                }
            }
            assertThat(parity.path("passed").asBoolean()).isTrue();
            assertThat(check.path("threshold").asText()).isEqualTo("Jaccard@3 >= 0.95, tau >= 0.9, same first >= 95.00%");
            assertThat(check.path("actual").asText())
                    .isEqualTo("Jaccard@3 0.9250, tau 0.9167, same first 90.00% (3 of 20 lists differ)");
            assertThat(check.path("passed").asBoolean()).isFalse();
            assertThat(ParityCommandTest.parity("gate", "--in", out.toString(), "--phase", "10").exit()).isEqualTo(ParityCommand.HOLD);

            // The same run judged again from its exchange log (a run recovered, or merged from workers): the same figures.
            Files.delete(out.resolve("verdict.json"));
            ParityCommandTest.Run recovered = ParityCommandTest.parity("report", "--in", out.toString(), "--config", suite.toString());
            assertThat(recovered.exit()).as(recovered.out() + recovered.err()).isEqualTo(ParityCommand.HOLD);
            JsonNode again = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
            assertThat(again.path("endpoints").get(0).path("rankings")).isEqualTo(endpoint.path("rankings"));

            // Thresholds the run meets: promoted, the swaps still shown.
            Files.writeString(suite, Files.readString(suite).replace("minJaccard: 0.95, minTau: 0.9, minSameFirst: 0.95",
                    "minJaccard: 0.9, minSameFirst: 0.9"));
            Path met = dir.resolve("met");
            ParityCommandTest.Run promoted = ParityCommandTest.parity("replay", "--config", suite.toString(), "--traffic",
                    traffic.toString(), "--out", met.toString());
            assertThat(promoted.exit()).as(promoted.out() + promoted.err()).isEqualTo(ParityCommand.PROMOTE);
        } finally {
            primary.stop();
            candidate.stop();
        }
    }
}
