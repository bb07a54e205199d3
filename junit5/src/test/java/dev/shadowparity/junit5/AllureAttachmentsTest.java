package dev.shadowparity.junit5;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A user's test class with allure-junit5 on its class path, run by the JUnit Platform as a build runs it: the test whose
 * parity call finds a regression fails, and its Allure result carries the run report's attachments for that exchange,
 * the credential the test sent masked in every one.
 */
class AllureAttachmentsTest {

    static final WireMockServer LEGACY = server(false);
    static final WireMockServer REWRITE = server(true);

    private static WireMockServer server(boolean rewrite) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        s.start();
        s.stubFor(get(urlEqualTo("/api/students/7")).willReturn(okJson(rewrite
                ? "{\"id\":7,\"familyName\":\"Lovelace\"}" : "{\"id\":7,\"lastName\":\"Lovelace\"}")));
        return s;
    }

    @AfterAll
    static void stop() {
        LEGACY.stop();
        REWRITE.stop();
    }

    /** The user's test class; run by the launcher below, not by the build (a nested class). */
    static class StudentsParity {
        static final Path RUN = Path.of(System.getProperty("java.io.tmpdir"), "parity-junit5-run-" + ProcessHandle.current().pid());

        @RegisterExtension
        static Parity parity = Parity.between(LEGACY::baseUrl, REWRITE::baseUrl).runFolder(RUN);

        @Test
        void studentSevenReadsTheSame() {
            parity.get("/api/students/7", "Authorization", "Bearer junit-secret-token");
        }
    }

    @Test
    void aFailedExchangeAttachesTheReportsDiffRawHttpAndCurlToItsTest() throws Exception {
        Path results = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(StudentsParity.class)).build(), summary);
        assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);

        JsonNode result = null;
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode n = new ObjectMapper().readTree(f.toFile());
                // the newest: results of earlier builds may lie in the same folder
                if (n.path("name").asText().equals("studentSevenReadsTheSame()")
                        && (result == null || n.path("stop").asLong() > result.path("stop").asLong())) {
                    result = n;
                }
            }
        }
        assertThat(result).as("the user's test in " + results).isNotNull();
        assertThat(result.path("status").asText()).isEqualTo("failed");
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (JsonNode a : result.path("attachments")) {
            names.add(a.path("name").asText());
            contents.add(Files.readString(results.resolve(a.path("source").asText())));
        }
        assertThat(names).containsExactly("GET /api/students/{id}: differences (side by side)",
                "GET /api/students/{id}: request (redacted)", "GET /api/students/{id}: primary response",
                "GET /api/students/{id}: candidate response", "GET /api/students/{id}: curl: primary",
                "GET /api/students/{id}: curl: candidate", "GET /api/students/{id}: exchange 1");
        assertThat(contents.get(0)).contains("$.lastName").contains("$.familyName").contains("Lovelace");
        assertThat(contents.get(5)).contains("# redacted, supply your own: Authorization")
                .contains("curl -sS -i '" + REWRITE.baseUrl() + "/api/students/7'");
        assertThat(contents).allSatisfy(c -> assertThat(c).doesNotContain("junit-secret-token"));
        assertThat(contents.get(1)).contains("Authorization: [REDACTED");

        // the class's run folder: the same verdict and junit.xml the command line writes for these exchanges
        JsonNode verdict = new ObjectMapper().readTree(StudentsParity.RUN.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("hold");
        assertThat(verdict.path("endpoints").get(0).path("endpoint").asText()).isEqualTo("GET /api/students/{id}");
        assertThat(Files.readString(StudentsParity.RUN.resolve("junit.xml"))).contains("parity GET /api/students/{id}")
                .contains("<failure");
        assertThat(Files.readString(StudentsParity.RUN.resolve("exchanges.jsonl"))).doesNotContain("junit-secret-token");
        assertThat(StudentsParity.RUN.resolve("allure-report/index.html")).isRegularFile();
    }
}
