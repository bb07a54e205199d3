package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin port, on real sockets, beside a proxy with WireMock backends. */
class AdminEndpointsTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private WireMockServer primary;
    private WireMockServer candidate;
    private Ledger ledger;
    private ComparePipeline pipeline;
    private ShadowProxy proxy;

    @BeforeEach
    void start() throws Exception {
        primary = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        candidate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        primary.start();
        candidate.start();
        primary.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"v\":1}")));
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"v\":2}")));
        SuiteConfig config = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d", headers: { Authorization: "Bearer do-not-show", X-Api-Token: "t0k", X-Tenant: acme } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, mirror: { timeout: 1s } }
                """.formatted(primary.port(), candidate.port()), "admin.yaml");
        ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, ledger, null, 1, 100);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        pipeline.close();
        primary.stop();
        candidate.stop();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void client(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + proxy.address().getPort() + path);
        assertThat(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"v\":1}");
    }

    @Test
    void healthAnswersOnTheAdminPortOnly() throws Exception {
        HttpResponse<String> health = admin("GET", "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(health.body()).path("status").asText()).isEqualTo("up");
        assertThat(proxy.adminAddress().getPort()).isNotEqualTo(proxy.address().getPort());
        client("/health");
        assertThat(primary.getAllServeEvents()).hasSize(1);
    }

    @Test
    void metricsAndStatsCountWhatHappened() throws Exception {
        for (int i = 0; i < 3; i++) {
            client("/items/" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 3);
        String metrics = admin("GET", "/metrics").body();
        assertThat(metrics)
                .contains("# TYPE parity_requests_total counter\nparity_requests_total 3.0\n")
                .contains("parity_mirrored_total 3.0\n")
                .contains("parity_exchanges_total{endpoint=\"GET /items/{id}\",outcome=\"compared\"} 3.0\n")
                .contains("parity_exchanges_with_regression_total{endpoint=\"GET /items/{id}\"} 3.0\n")
                .contains("parity_differences_total{endpoint=\"GET /items/{id}\",kind=\"value\",noise=\"false\",path=\"$.v\"} 3.0\n")
                .contains("parity_backend_latency_seconds_count{backend=\"primary\"} 3\n")
                .contains("parity_backend_latency_seconds_count{backend=\"candidate\"} 3\n")
                .contains("parity_backend_latency_seconds_bucket{backend=\"candidate\",le=\"+Inf\"} 3\n");
        JsonNode stats = mapper.readTree(admin("GET", "/stats").body());
        JsonNode endpoint = stats.path("endpoints").get(0);
        assertThat(endpoint.path("endpoint").asText()).isEqualTo("GET /items/{id}");
        assertThat(endpoint.path("compared").asInt()).isEqualTo(3);
        assertThat(endpoint.path("parityRate").asDouble()).isZero();
        assertThat(endpoint.path("fields").get(0).path("path").asText()).isEqualTo("$.v");
    }

    @Test
    void configIsServedWithCredentialsRedacted() throws Exception {
        String body = admin("GET", "/config").body();
        JsonNode headers = mapper.readTree(body).path("backends").path("candidate").path("headers");
        assertThat(headers.path("Authorization").asText()).matches("\\[REDACTED:[0-9a-f]{8}]");
        assertThat(headers.path("X-Api-Token").asText()).matches("\\[REDACTED:[0-9a-f]{8}]");
        assertThat(headers.path("X-Tenant").asText()).isEqualTo("acme");
        assertThat(body).doesNotContain("do-not-show", "t0k").contains("\"timeout\" : \"1s\"");
    }

    @Test
    void mirrorPercentChangesAtRuntimeAndBadInputIsExplained() throws Exception {
        HttpResponse<String> set = admin("POST", "/mirror?percent=0");
        assertThat(set.statusCode()).isEqualTo(200);
        client("/a");
        client("/b");
        assertThat(proxy.mirrored()).isZero();
        assertThat(candidate.getAllServeEvents()).isEmpty();
        assertThat(admin("GET", "/metrics").body()).contains("parity_mirror_percent 0.0\n").contains("parity_not_mirrored_total 2.0\n");

        assertThat(admin("POST", "/mirror?percent=150").body()).contains("percent must be within 0-100");
        assertThat(admin("POST", "/mirror?percent=lots").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/mirror").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/mirror").statusCode()).isEqualTo(405);
        assertThat(admin("GET", "/nope").statusCode()).isEqualTo(404);
        assertThat(admin("POST", "/mirror?percent=100").statusCode()).isEqualTo(200);
        client("/c");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
    }
}
