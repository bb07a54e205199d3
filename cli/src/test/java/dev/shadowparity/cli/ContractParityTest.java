package dev.shadowparity.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shadowparity.testkit.Petstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Petstore contract between two WireMock backends, replayed through the command line: the candidate changes a
 * field's type the spec fixes, answers with an undeclared status and adds a property the schema forbids; both sides
 * share one violation. Exactly those differences, correctly classed, reach verdict.json; coverage names the operations
 * never exercised; traffic generated from the spec replays; the contract diff finds a planted breaking change.
 */
class ContractParityTest {

    @TempDir
    Path dir;
    private WireMockServer primary;
    private WireMockServer candidate;
    private Path spec;

    private static WireMockServer wiremock() {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    @BeforeEach
    void backends() {
        spec = Petstore.copyTo(dir.resolve("spec"));
        primary = wiremock();
        candidate = wiremock();
        for (WireMockServer s : List.of(primary, candidate)) {
            boolean isCandidate = s == candidate;
            s.stubFor(get(urlPathEqualTo("/pets/42")).willReturn(okJson(isCandidate
                    ? "{\"id\":\"42\",\"name\":\"Rex\",\"status\":\"available\"}" : "{\"id\":42,\"name\":\"Rex\",\"status\":\"available\"}")));
            s.stubFor(get(urlPathEqualTo("/pets/7")).willReturn(isCandidate
                    ? aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("{\"code\":503,\"message\":\"down\"}")
                    : okJson("{\"id\":7,\"name\":\"Tom\"}")));
            s.stubFor(get(urlPathEqualTo("/pets/404")).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"no such pet\"}")));
            s.stubFor(get(urlPathEqualTo("/owners/1")).willReturn(okJson(isCandidate
                    ? "{\"id\":1,\"email\":\"ada@example.com\",\"nickname\":\"ada\"}" : "{\"id\":1,\"email\":\"ada@example.com\"}")));
            // both old and new break the schema the same way: a pre-existing issue, not a regression
            s.stubFor(get(urlPathEqualTo("/store/inventory")).willReturn(okJson("{\"available\":\"many\"}")));
            s.stubFor(get(urlPathEqualTo("/pets")).willReturn(okJson("[{\"id\":1,\"name\":\"Rex\"},{\"id\":2,\"name\":\"Tom\"}]")));
            s.stubFor(post(urlPathEqualTo("/pets")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"id\":3,\"name\":\"Rex\",\"tag\":\"dog\"}")));
            s.stubFor(get(urlPathEqualTo("/admin/metrics")).willReturn(okJson("{\"up\":true}")));
        }
    }

    @AfterEach
    void stop() {
        primary.stop();
        candidate.stop();
    }

    private Path suite() throws Exception {
        Path suite = dir.resolve("parity.yaml");
        Files.writeString(suite, "suite: petstore\nopenapi: spec/petstore.yaml\nbackends:\n  primary: { url: " + primary.baseUrl()
                + " }\n  candidate: { url: " + candidate.baseUrl() + " }\n");
        return suite;
    }

    @Test
    void exactlyTheCandidatesBreachesAreRegressionsAndASharedOneIsPreExisting() throws Exception {
        Path traffic = dir.resolve("traffic.jsonl");
        // what a browser's fetch sends, compression included: answers are decoded before they are held to the spec
        String browser = "\"headers\":{\"Accept\":\"application/json\",\"Accept-Encoding\":\"gzip, deflate, br\","
                + "\"User-Agent\":\"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0\",\"Cookie\":\"session=abc123\"}";
        List<String> lines = new ArrayList<>();
        for (String path : List.of("/pets/42", "/pets/7", "/pets/404", "/owners/1", "/store/inventory", "/pets?limit=2", "/admin/metrics")) {
            lines.add("{\"method\":\"GET\",\"path\":\"" + path + "\"," + browser + "}");
        }
        Files.write(traffic, lines);
        Path out = dir.resolve("run");
        ParityCommandTest.Run replay = ParityCommandTest.parity("replay", "--config", suite().toString(), "--traffic",
                traffic.toString(), "--out", out.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isEqualTo(ParityCommand.HOLD);

        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        Map<String, List<String>> regressions = fields(verdict, "regressions");
        assertThat(regressions).containsOnlyKeys("GET /pets/{petId}", "GET /owners/{ownerId}");
        // /pets/42: the type change; /pets/7: the undeclared 503 (an error body, and not compressed as the primary's 200 is)
        assertThat(regressions.get("GET /pets/{petId}")).containsExactlyInAnyOrder("$.id type", "contract:$.id contract",
                "status status", "contract:status contract", "header:content-encoding header", "$.id missing", "$.name missing",
                "$.code extra", "$.message extra");
        assertThat(regressions.get("GET /owners/{ownerId}")).containsExactlyInAnyOrder(
                "$.nickname extra", "contract:$.nickname contract");
        assertThat(fields(verdict, "noise")).containsExactly(Map.entry("GET /store/inventory", List.of("contract:$.available contract")));

        JsonNode owners = endpoint(verdict, "GET /owners/{ownerId}").path("regressions").findValue("example");
        JsonNode nickname = null;
        for (JsonNode f : endpoint(verdict, "GET /owners/{ownerId}").path("regressions")) {
            if (f.path("path").asText().equals("contract:$.nickname")) {
                nickname = f.path("example");
            }
        }
        assertThat(owners).isNotNull();
        assertThat(nickname.path("primary").asText()).isEqualTo("conforms");
        assertThat(nickname.path("candidate").path("rule").asText()).isEqualTo("additionalProperties");
        assertThat(nickname.path("candidate").path("spec").asText()).endsWith("petstore.yaml:103");
        assertThat(nickname.path("candidate").path("pointer").asText()).isEqualTo("petstore.yaml#/components/schemas/Owner/additionalProperties");
        JsonNode inventory = endpoint(verdict, "GET /store/inventory").path("noise").get(0);
        assertThat(inventory.path("reason").asText()).isEqualTo("pre-existing contract issue: the primary breaks it too");

        JsonNode contract = verdict.path("contract");
        assertThat(contract.path("spec").asText()).isEqualTo("petstore.yaml");
        assertThat(contract.path("operations").asInt()).isEqualTo(7);
        assertThat(strings(contract.path("unexercised"))).containsExactly("POST /pets", "DELETE /pets/{petId}", "GET /health");
        assertThat(strings(contract.path("unseenResponses"))).isEmpty(); // /pets/404 answered 4xx, every other class was seen
        assertThat(contract.path("notInContract").path("GET /admin/metrics").asInt()).isEqualTo(1);
        assertThat(contract.path("regressions").asInt()).isEqualTo(3);
        assertThat(contract.path("preExisting").asInt()).isEqualTo(1);
        JsonNode coverage = check(verdict, "coverage");
        assertThat(coverage.path("passed").asBoolean()).isFalse();
        assertThat(coverage.path("actual").asText()).isEqualTo("4 of 7 operations seen; never seen: "
                + "POST /pets, DELETE /pets/{petId}, GET /health");
        assertThat(Files.readString(out.resolve("exchanges.jsonl"))).doesNotContain("abc123");
        ParityCommandTest.Run md = ParityCommandTest.parity("gate", "--in", out.toString(), "--format", "markdown");
        assertThat(md.out()).contains("Contract `petstore.yaml`: 4 of 7 operations exercised; 3 breach(es) by the candidate,"
                + " 1 pre-existing (both sides); not in the contract: GET /admin/metrics (1).");
    }

    @Test
    void trafficGeneratedFromTheSpecsExamplesReplaysAndTheVerdictSaysSo() throws Exception {
        Path out = dir.resolve("generated");
        Files.writeString(spec, Files.readString(spec).replace("components:\n", """
                  /pets/{petId}/photos/{photoId}:
                    get:
                      parameters:
                        - { name: petId, in: path, required: true, schema: { type: integer }, example: 1 }
                        - { name: photoId, in: path, required: true, schema: { type: string } }
                      responses:
                        '200': { description: A photo }
                components:
                """));
        ParityCommandTest.Run replay = ParityCommandTest.parity("replay", "--config", suite().toString(), "--traffic",
                "openapi:" + spec, "--out", out.toString());
        assertThat(replay.out()).as(replay.err()).contains("(generated from the spec's examples): 9 requests")
                .contains("left out  GET /pets/{petId}/photos/{photoId}: no example for path parameter 'photoId'")
                .doesNotContain("left out  GET /pets/{petId}:");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("verdict.json").toFile());
        assertThat(verdict.path("environment").path("traffic").asText())
                .isEqualTo("generated from petstore.yaml's examples, not recorded: 9 requests");
        // declared classes the primary never answered with: no 400 was provoked, the stubs have no DELETE or /health
        assertThat(strings(verdict.path("contract").path("unseenResponses")))
                .containsExactly("POST /pets 4xx", "DELETE /pets/{petId} 2xx", "GET /health 2xx");
        assertThat(strings(verdict.path("contract").path("unexercised"))).containsExactly("GET /pets/{petId}/photos/{photoId}");
        Map<String, Long> requests = new TreeMap<>();
        verdict.path("endpoints").forEach(e -> requests.put(e.path("endpoint").asText(), e.path("requests").asLong()));
        // the path's petId examples (rex, missing) give GET and DELETE two requests each; every other operation one
        assertThat(requests).containsExactlyEntriesOf(new TreeMap<>(Map.of("GET /pets/{petId}", 2L, "DELETE /pets/{petId}", 2L,
                "POST /pets", 1L, "GET /pets", 1L, "GET /owners/{ownerId}", 1L, "GET /store/inventory", 1L, "GET /health", 1L)));
        assertThat(primary.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/pets"))))
                .singleElement().satisfies(r -> assertThat(r.getUrl()).isEqualTo("/pets?limit=2"));
        assertThat(primary.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/pets"))))
                .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"name\":\"Rex\",\"tag\":\"dog\"}"));
    }

    @Test
    void theContractDiffFindsAPlantedBreakingChangeAndExitsOne() throws Exception {
        Path newer = Petstore.copyTo(dir.resolve("v2"));
        Files.writeString(newer.resolveSibling("schemas.yaml"), Files.readString(newer.resolveSibling("schemas.yaml"))
                .replace("    tag: { type: string, nullable: true }\n", ""));
        Files.writeString(newer, Files.readString(newer).replace("""
                          schema: { type: integer, maximum: 100 }
                          example: 2
                """, """
                          schema: { type: integer, maximum: 100 }
                          example: 2
                        - name: owner
                          in: query
                          required: true
                          schema: { type: string }
                """));
        ParityCommandTest.Run same = ParityCommandTest.parity("contract-diff", spec.toString(), Petstore.copyTo(dir.resolve("v1b")).toString());
        assertThat(same.exit()).as(same.out() + same.err()).isEqualTo(ParityCommand.PROMOTE);
        assertThat(same.out()).contains("0 breaking, 0 compatible");

        ParityCommandTest.Run diff = ParityCommandTest.parity("contract-diff", spec.toString(), newer.toString());
        assertThat(diff.exit()).as(diff.out() + diff.err()).isEqualTo(ParityCommand.HOLD);
        assertThat(diff.out()).contains("breaking    GET /pets: new required query parameter 'owner'")
                .contains("breaking    GET /pets/{petId}: response 200 application/json: $.tag removed")
                .contains("breaking    GET /owners/{ownerId}: response 200 application/json: $.pets[*].tag removed")
                .contains(": 5 breaking, 0 compatible change(s)");

        ParityCommandTest.Run broken = ParityCommandTest.parity("contract-diff", spec.toString(), dir.resolve("nope.yaml").toString());
        assertThat(broken.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(broken.err()).contains("nope.yaml: file not found");
    }

    @Test
    void validateReadsTheSpecAndNamesTheSuiteLineOfARouteThatContradictsIt() throws Exception {
        Path suite = suite();
        ParityCommandTest.Run ok = ParityCommandTest.parity("validate", "--config", suite.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isEqualTo(ParityCommand.PROMOTE);
        assertThat(ok.out()).contains("openapi " + spec + ": OpenAPI 3.0.3, 7 operation(s), 7 route(s) with the suite's own");

        Files.writeString(suite, Files.readString(suite) + "routes:\n  - route: GET /admin/metrics\n  - route: GET /pets/{id}\n"
                + "    ignore: [\"$.tag\"]\n");
        ParityCommandTest.Run bad = ParityCommandTest.parity("validate", "--config", suite.toString());
        assertThat(bad.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(bad.err()).contains(suite + ":8: routes[1] 'GET /pets/{id}' is the spec's GET /pets/{petId} ("
                + spec + ":49) with other parameter names: write it as /pets/{petId}");

        Files.writeString(spec, Files.readString(spec).replace("'#/components/schemas/Owner'", "'#/components/schemas/Ownr'"));
        ParityCommandTest.Run broken = ParityCommandTest.parity("validate", "--config", suite.toString());
        assertThat(broken.exit()).isEqualTo(ParityCommand.INVALID);
        assertThat(broken.err()).contains(spec + ":78: $ref '#/components/schemas/Ownr'").contains("no #/components/schemas/Ownr in "
                + spec + " (#/components/schemas holds Owner)");
    }

    private static Map<String, List<String>> fields(JsonNode verdict, String which) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode e : verdict.path("endpoints")) {
            List<String> fs = new ArrayList<>();
            e.path(which).forEach(f -> fs.add(f.path("path").asText() + " " + f.path("kind").asText()));
            if (!fs.isEmpty()) {
                out.put(e.path("endpoint").asText(), fs);
            }
        }
        return out;
    }

    private static JsonNode endpoint(JsonNode verdict, String name) {
        for (JsonNode e : verdict.path("endpoints")) {
            if (e.path("endpoint").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no endpoint " + name);
    }

    private static JsonNode check(JsonNode verdict, String name) {
        for (JsonNode c : verdict.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
