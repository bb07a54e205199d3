package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave the process, with no {@code redact:} in the suite: random values planted in request headers,
 * query strings, response headers and JSON bodies, at nested paths inside the subtree a missing object carries, in
 * arrays and under any casing of a secret's name, are found in no file a replay run writes and in nothing it prints,
 * while the differences they cause are still reported.
 */
class SecretsStayInTest {

    private final List<String> planted = new ArrayList<>();

    private String secret() {
        String s = "planted-" + UUID.randomUUID();
        planted.add(s);
        return s;
    }

    private static HttpServer backend(String body, String authToken) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", x -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.getResponseHeaders().add("X-Auth-Token", authToken);
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        s.start();
        return s;
    }

    @Test
    void noPlantedSecretReachesAnyOutputAndTheDifferencesTheyCauseAreStillReported(@TempDir Path dir) throws Exception {
        String legacy = """
                {"user": {"name": "Ada", "auth": {"token": "%s", "scopes": ["read"], "refresh_token": "%s"}},
                 "items": [{"id": 1, "api_key": "%s"}, {"id": 2, "API_KEY": "%s"}],
                 "Password": "%s", "session": {"Client_Secret": "%s"}}""".formatted(secret(), secret(), secret(), secret(),
                secret(), secret());
        String rewrite = """
                {"user": {"name": "Ada"},
                 "items": [{"id": 1, "api_key": "%s"}, {"id": 2, "API_KEY": "%s"}],
                 "Password": "%s", "session": {"Client_Secret": "%s"}}""".formatted(secret(), secret(), secret(), secret());
        HttpServer primary = backend(legacy, secret());
        HttpServer candidate = backend(rewrite, secret());
        try {
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    suite: secrets
                    backends:
                      primary: { url: "http://127.0.0.1:%d" }
                      candidate: { url: "http://127.0.0.1:%d" }
                    routes:
                      - route: GET /api/me
                    """.formatted(primary.getAddress().getPort(), candidate.getAddress().getPort()), "secrets.yaml");
            JsonNode request = new ObjectMapper().readTree("""
                    {"method": "GET", "path": "/api/me?access_token=%s&client_secret=%s&page=1",
                     "headers": {"X-Api-Key": "%s", "X-Auth-Token": "%s", "Authorization": "Bearer %s", "Cookie": "sid=%s"}}
                    """.formatted(secret(), secret(), secret(), secret(), secret(), secret()));
            TrafficReader.Traffic traffic = TrafficReader.inline(List.of(request, request), "inline", true);
            StringWriter printed = new StringWriter();
            PrintWriter out = new PrintWriter(printed, true);
            RunOutcome outcome = ReplayRun.run(suite, traffic, new ReplayRun.Options(1, 0, false, Duration.ofSeconds(5)), dir,
                    out::println, (done, withRegression) -> { });

            // The differences are there: the missing subtree, the changed secrets, the changed header, all masked.
            String verdict = Files.readString(dir.resolve("verdict.json"));
            assertThat(outcome.written().verdict().endpoints()).singleElement().satisfies(e ->
                    assertThat(e.regressions()).extracting(f -> f.path() + " " + f.kind()).contains("$.user.auth missing",
                            "$.items[*].api_key value", "$.items[*].API_KEY value", "$.Password value",
                            "$.session.Client_Secret value", "header:x-auth-token header"));
            assertThat(verdict).contains("[REDACTED]");
            assertThat(Files.readString(dir.resolve("exchanges.jsonl"))).contains("\"scopes\":[\"read\"]");

            List<Path> written;
            try (Stream<Path> files = Files.walk(dir)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).hasSizeGreaterThan(5);
            for (Path file : written) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String s : planted) {
                    assertThat(text).as(dir.relativize(file) + " holds a planted secret").doesNotContain(s);
                }
            }
            for (String s : planted) {
                assertThat(printed.toString()).doesNotContain(s);
            }
        } finally {
            primary.stop(0);
            candidate.stop(0);
        }
    }
}
