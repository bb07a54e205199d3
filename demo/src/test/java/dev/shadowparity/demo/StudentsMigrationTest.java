package dev.shadowparity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo migration's backends really serve the documented API and differences. */
class StudentsMigrationTest {

    private static StudentsMigration backends;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() {
        backends = StudentsMigration.start();
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    private HttpResponse<String> call(String base, HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = call(base, HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer t").header("Accept", "application/json"));
        assertThat(r.statusCode()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    @Test
    void theRewriteRenamedLastNameOnTheStudentEndpointOnly() throws Exception {
        JsonNode legacy = get(backends.legacyUrl(), "/api/students/3");
        JsonNode rewrite = get(backends.rewriteUrl(), "/api/students/3");
        assertThat(legacy.path("lastName").asText()).isEqualTo("Hopper");
        assertThat(rewrite.has("lastName")).isFalse();
        assertThat(rewrite.path("familyName").asText()).isEqualTo("Hopper");
        assertThat(get(backends.rewriteUrl(), "/api/students").path("items").get(0).has("lastName")).isTrue();
    }

    @Test
    void embeddingsDriftOnlyWithinTolerance() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder().header("Authorization", "Bearer t")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"x\"}"));
        JsonNode l = mapper.readTree(call("", b.copy().uri(URI.create(backends.legacyUrl() + "/api/ml/encode-face"))).body());
        JsonNode r = mapper.readTree(call("", b.copy().uri(URI.create(backends.rewriteUrl() + "/api/ml/encode-face"))).body());
        assertThat(l.path("embedding").size()).isEqualTo(StudentsMigration.EMBEDDING_SIZE);
        double maxAbs = 0;
        for (int i = 0; i < l.path("embedding").size(); i++) {
            maxAbs = Math.max(maxAbs, Math.abs(l.path("embedding").get(i).asDouble() - r.path("embedding").get(i).asDouble()));
        }
        assertThat(maxAbs).isGreaterThan(0).isLessThan(1e-5);
    }

    @Test
    void loginTokensDifferEvenBetweenTwoLegacyInstances() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder().header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"u\",\"password\":\"p\"}"));
        JsonNode a = mapper.readTree(call("", b.copy().uri(URI.create(backends.legacyUrl() + "/api/auth/login"))).body());
        JsonNode c = mapper.readTree(call("", b.copy().uri(URI.create(backends.legacySecondaryUrl() + "/api/auth/login"))).body());
        assertThat(a.path("token").asText()).hasSize(40).isNotEqualTo(c.path("token").asText());
        assertThat(a.path("user")).isEqualTo(c.path("user"));
    }

    @Test
    void unauthenticatedCallsAreRefused() throws Exception {
        HttpResponse<String> r = call("", HttpRequest.newBuilder(URI.create(backends.legacyUrl() + "/api/students/1")));
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void theDriverSendsItsWholeMixWithCredentials() throws Exception {
        TrafficDriver driver = new TrafficDriver(URI.create(backends.legacyUrl() + "/"));
        AtomicInteger progress = new AtomicInteger();
        TrafficDriver.Result result = driver.run(50, 4, progress::set);
        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.ok()).isEqualTo(50);
        assertThat(progress.get()).isEqualTo(50);
        assertThat(backends.requestsReceivedBy("primary")).isGreaterThanOrEqualTo(50);
        assertThat(driver.secrets()).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("demo-"));
    }
}
