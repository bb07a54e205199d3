package dev.shadowparity.run;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.TrafficReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas are kept true: every suite the README and the examples show validates against the suite schema (and
 * loads), a key the loader refuses is refused by the schema too, and a verdict a real run wrote validates against the
 * verdict schema.
 */
class SchemasTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static JsonSchema schema(JsonNode schema) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    /** The README's yaml blocks that are suites (they name backends or routes at the top level). */
    private static List<String> readmeSuites() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String block = m.group(1);
            if (Pattern.compile("(?m)^(backends|routes):").matcher(block).find()) {
                out.add(block);
            }
        }
        return out;
    }

    @Test
    void everySuiteTheReadmeAndTheExamplesShowValidates() throws Exception {
        JsonSchema suite = schema(Schemas.suite());
        List<String> suites = new ArrayList<>(readmeSuites());
        assertThat(suites).as("the README's suites").hasSizeGreaterThanOrEqualTo(2);
        suites.add(Files.readString(ROOT.resolve("examples/junit5-parity/src/test/resources/parity.yaml")));
        suites.add(Files.readString(ROOT.resolve("examples/junit5-parity/src/test/resources/contract-parity.yaml")));
        for (String text : suites) {
            JsonNode node = YAML.readTree(text.replace("${NEW_TOKEN}", "t"));
            Set<ValidationMessage> errors = suite.validate(node);
            assertThat(errors).as("schema errors in:\n" + text).isEmpty();
        }
    }

    @Test
    void whatTheLoaderRefusesTheSchemaRefusesToo() throws Exception {
        JsonSchema suite = schema(Schemas.suite());
        String backends = "backends: { primary: { url: http://a:1 }, candidate: { url: http://b:2 } }\n";
        for (String bad : List.of(
                "backends: { primary: { url: http://a:1 }, candidate: { url: http://b:2, headerz: {} } }",
                backends + "proxy: { primaryTimeout: soon }",
                backends + "proxy: { mirror: { percent: lots } }",
                backends + "routes: [ { route: GET /x, tolerance: { $.a: { absolut: 1 } } } ]",
                backends + "exchangeLog: { bodies: [ all ] }")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(bad, "bad.yaml"))
                    .as("the loader refuses: " + bad).isInstanceOf(dev.shadowparity.core.config.ConfigException.class);
            assertThat(suite.validate(YAML.readTree(bad))).as("the schema refuses: " + bad).isNotEmpty();
        }
        assertThat(Schemas.suite().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theSchemasTheExamplesPointAtAreTheGeneratedOnes() throws Exception {
        // `parity schema suite > examples/parity.schema.json` (and verdict) after changing a config or verdict record
        assertThat(JSON.readTree(Files.readString(ROOT.resolve("examples/parity.schema.json")))).isEqualTo(Schemas.suite());
        assertThat(JSON.readTree(Files.readString(ROOT.resolve("examples/verdict.schema.json")))).isEqualTo(Schemas.verdict());
        for (String suite : List.of("parity.yaml", "contract-parity.yaml")) {
            assertThat(Files.readString(ROOT.resolve("examples/junit5-parity/src/test/resources/" + suite)))
                    .startsWith("# yaml-language-server: $schema=../../../../parity.schema.json");
        }
    }

    @Test
    void theVerdictARealRunWritesValidates(@TempDir Path dir) throws Exception {
        WireMockServer primary = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        WireMockServer candidate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        primary.start();
        candidate.start();
        try {
            primary.stubFor(get(anyUrl()).willReturn(okJson("{\"id\":7,\"lastName\":\"Lovelace\"}")));
            candidate.stubFor(get(anyUrl()).willReturn(okJson("{\"id\":7,\"familyName\":\"Lovelace\"}")));
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    backends: { primary: { url: "%s" }, candidate: { url: "%s" } }
                    routes: [ { route: "GET /api/students/{id}" } ]
                    """.formatted(primary.baseUrl(), candidate.baseUrl()), "s.yaml");
            TrafficReader.Traffic traffic = TrafficReader.inline(List.of(JSON.readTree("{\"method\":\"GET\",\"path\":\"/api/students/7\"}")),
                    "inline", true);
            ReplayRun.run(suite, traffic, new ReplayRun.Options(1, 0, false, Duration.ofSeconds(5)), dir, line -> { }, (d, r) -> { });
            JsonNode verdict = JSON.readTree(Files.readString(dir.resolve("verdict.json")));
            assertThat(verdict.path("verdict").asText()).isEqualTo("hold");
            assertThat(schema(Schemas.verdict()).validate(verdict)).isEmpty();
        } finally {
            primary.stop();
            candidate.stop();
        }
    }
}
