package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.core.Redactor;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        return backend(body, "application/json", authToken);
    }

    private static HttpServer backend(String body, String contentType, String authToken) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", contentType);
            x.getResponseHeaders().add("X-Auth-Token", authToken);
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        s.start();
        return s;
    }

    /** A suite with no {@code redact:}: the defaults alone must keep every planted secret in. */
    private static SuiteConfig suite(HttpServer primary, HttpServer candidate, String... routes) {
        StringBuilder yaml = new StringBuilder("""
                suite: secrets
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d" }
                routes:
                """.formatted(primary.getAddress().getPort(), candidate.getAddress().getPort()));
        for (String route : routes) {
            yaml.append("  - route: ").append(route).append('\n');
        }
        return new ConfigLoader(k -> null).parse(yaml.toString(), "secrets.yaml");
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
            SuiteConfig suite = suite(primary, candidate, "GET /api/me");
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
            assertThat(verdict).contains("[REDACTED:");
            assertThat(Files.readString(dir.resolve("exchanges.jsonl"))).contains("\"scopes\":[\"read\"]");

            assertNothingPlantedIn(dir, printed.toString());
        } finally {
            primary.stop(0);
            candidate.stop(0);
        }
    }

    @Test
    void formsMultipartFieldsAndJwtsInTextAreMaskedToo(@TempDir Path dir) throws Exception {
        String jwtPrimary = jwt(secret());
        String jwtCandidate = jwt(secret());
        HttpServer primary = backend("session " + jwtPrimary + " issued; password=" + secret() + "\n", "text/plain", secret());
        HttpServer candidate = backend("session " + jwtCandidate + " issued; password=" + secret() + "\n", "text/plain", secret());
        try {
            SuiteConfig suite = suite(primary, candidate, "POST /login", "POST /upload");
            ObjectMapper mapper = new ObjectMapper();
            var form = mapper.createObjectNode().put("method", "POST").put("path", "/login")
                    .put("body", "user=ada&password=" + secret() + "&client_secret=" + secret() + "&remember=1");
            form.putObject("headers").put("Content-Type", "application/x-www-form-urlencoded");
            var multipart = mapper.createObjectNode().put("method", "POST").put("path", "/upload")
                    .put("body", "--b0undary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nsigned "
                            + jwt(secret()) + "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"API_KEY\"\r\n\r\n"
                            + secret() + "\r\n--b0undary--\r\n");
            multipart.putObject("headers").put("Content-Type", "multipart/form-data; boundary=b0undary");
            TrafficReader.Traffic traffic = TrafficReader.inline(List.of(form, multipart), "inline", true);
            StringWriter printed = new StringWriter();
            PrintWriter out = new PrintWriter(printed, true);
            RunOutcome outcome = ReplayRun.run(suite, traffic, new ReplayRun.Options(1, 0, false, Duration.ofSeconds(5)), dir,
                    out::println, (done, withRegression) -> { });

            // The two sessions differ, and the difference says so with two different masks.
            assertThat(outcome.written().verdict().endpoints()).allSatisfy(e ->
                    assertThat(e.regressions()).extracting(f -> f.path() + " " + f.kind()).contains("body value"));
            String log = Files.readString(dir.resolve("exchanges.jsonl"));
            assertThat(log).contains("user=ada&password=[REDACTED:", "&remember=1", "name=\\\"note\\\"\\r\\n\\r\\nsigned [REDACTED:",
                    "session " + Redactor.mask(jwtPrimary), "session " + Redactor.mask(jwtCandidate));
            assertNothingPlantedIn(dir, printed.toString());
        } finally {
            primary.stop(0);
            candidate.stop(0);
        }
    }

    /** A token carrying a planted value; inside it the value is base64url, so the token itself is planted too. */
    private String jwt(String subject) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
        planted.add(token);
        return token;
    }

    private static final Pattern EMBEDDED = Pattern.compile("d\\('([^']+)','([A-Za-z0-9+/=]*)'\\)");

    /** No planted value in any file of the run (the single-file report's embedded files decoded, as a browser would). */
    private void assertNothingPlantedIn(Path dir, String printed) throws IOException {
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThan(5);
        boolean embedded = false;
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> texts = new ArrayList<>(List.of(text));
            Matcher m = EMBEDDED.matcher(text);
            while (m.find()) {
                texts.add(new String(java.util.Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8));
                embedded = true;
            }
            for (String t : texts) {
                for (String s : planted) {
                    assertThat(t).as(dir.relativize(file) + " holds a planted secret").doesNotContain(s);
                }
            }
        }
        assertThat(embedded).as("the HTML report's embedded files were read too").isTrue();
        for (String s : planted) {
            assertThat(printed).doesNotContain(s);
        }
    }
}
