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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier rewritten: label flips are counted by label pair and judged by the route's agreement threshold, at every
 * phase, not by the endpoint's parity; the report draws the confusion matrix.
 */
class LabelAgreementTest {

    @TempDir
    Path dir;

    private static WireMockServer classifier(List<Integer> dogs) {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        for (int i = 1; i <= 20; i++) {
            String label = dogs.contains(i) ? "dog" : "cat";
            s.stubFor(get(urlEqualTo("/classify/" + i)).willReturn(okJson("{\"id\":" + i + ",\"label\":\"" + label + "\"}")));
        }
        return s;
    }

    @Test
    void flipsAreCountedByPairAndJudgedByTheAgreementThresholdAtEveryPhase() throws Exception {
        WireMockServer primary = classifier(List.of(11));
        WireMockServer candidate = classifier(List.of(3, 7, 11)); // two cats called dogs
        try {
            Path suite = dir.resolve("parity.yaml");
            Files.writeString(suite, "suite: classifier\nbackends:\n  primary: { url: " + primary.baseUrl() + " }\n"
                    + "  candidate: { url: " + candidate.baseUrl() + " }\nroutes:\n  - route: GET /classify/{id}\n"
                    + "    labels: { \"$.label\": { minAgreement: 0.95 } }\n");
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                lines.add("{\"method\":\"GET\",\"path\":\"/classify/" + i + "\"}");
            }
            Path traffic = dir.resolve("traffic.jsonl");
            Files.write(traffic, lines);
            Path out = dir.resolve("run");
            ParityCommandTest.Run replay = ParityCommandTest.parity("replay", "--config", suite.toString(), "--traffic",
                    traffic.toString(), "--out", out.toString());
            assertThat(replay.exit()).as(replay.out() + replay.err()).isEqualTo(ParityCommand.HOLD);

            JsonNode v = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
            JsonNode endpoint = v.path("endpoints").get(0);
            assertThat(endpoint.path("regressions")).isEmpty();
            JsonNode flips = endpoint.path("noise").get(0);
            assertThat(flips.path("path").asText()).isEqualTo("$.label");
            assertThat(flips.path("kind").asText()).isEqualTo("decision");
            assertThat(flips.path("decisions").path("cat → dog").asInt()).isEqualTo(2);
            JsonNode agreement = null;
            JsonNode parity = null;
            for (JsonNode c : v.path("checks")) {
                if (c.path("name").asText().equals("agreement GET /classify/{id} $.label")) {
                    agreement = c;
                }
                if (c.path("name").asText().equals("parity GET /classify/{id}")) {
                    parity = c;
                }
            }
            assertThat(parity.path("passed").asBoolean()).as("flips are the agreement check's, not parity's").isTrue();
            assertThat(agreement.path("threshold").asText()).isEqualTo(">= 95.00%");
            assertThat(agreement.path("actual").asText()).isEqualTo("90.00% (2 of 20 flipped: cat → dog 2)");
            assertThat(agreement.path("passed").asBoolean()).isFalse();
            // the report's differences page draws the flips as a confusion matrix
            boolean matrix;
            try (var files = Files.list(out.resolve("allure-results"))) {
                matrix = files.filter(f -> f.toString().endsWith(".html")).anyMatch(f -> {
                    try {
                        String html = Files.readString(f);
                        return html.contains("<table class=\"decisions\"") && html.contains("$.label");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
            }
            assertThat(matrix).as("a confusion matrix in the report's attachments").isTrue();
            // held at every phase, like a bias rule
            assertThat(ParityCommandTest.parity("gate", "--in", out.toString(), "--phase", "10").exit()).isEqualTo(ParityCommand.HOLD);

            Files.writeString(suite, Files.readString(suite).replace("minAgreement: 0.95", "minAgreement: 0.9"));
            Path again = dir.resolve("again");
            assertThat(ParityCommandTest.parity("replay", "--config", suite.toString(), "--traffic", traffic.toString(),
                    "--out", again.toString()).exit()).isEqualTo(ParityCommand.PROMOTE);

            Files.writeString(suite, Files.readString(suite).replace("\"$.label\"", "\"$.items[*].label\""));
            ParityCommandTest.Run bad = ParityCommandTest.parity("validate", "--config", suite.toString());
            assertThat(bad.exit()).isEqualTo(ParityCommand.INVALID);
            assertThat(bad.err()).contains("labels.$.items[*].label: agreement is counted per exchange");
        } finally {
            primary.stop();
            candidate.stop();
        }
    }
}
