package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigException;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy speaking HTTP/2 to its backends: WireMock (Jetty) serving h2c in the clear and h2 over TLS, many requests
 * multiplexed at once, an HTTP/2 client end to end, and a backend that will not agree to h2.
 */
class Http2UpstreamTest {

    private static final String BODY = "{\"id\":7,\"name\":\"Ada\"}";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Ledger ledger;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private WireMockServer backend(TestPki.Issued cert, String body) {
        WireMockServer s = new WireMockServer(cert != null ? TestPki.wireMockHttps(cert, null)
                : WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        s.start();
        s.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
        open.add(s::stop);
        return s;
    }

    private ShadowProxy start(String backends) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("backends:\n" + backends
                + "proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, mirror: { timeout: 5s } }\n", "h2.yaml", dir);
        ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 1000);
        open.add(pipeline);
        ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        open.add(proxy);
        return proxy;
    }

    private EndpointStats.Snapshot stats() {
        return ledger.snapshot().get(0);
    }

    @Test
    void h2cAndH2BackendsAreSpokenToInHttp2ManyStreamsAtOnce() throws Exception {
        TestPki pki = TestPki.create(dir, "Upstream CA");
        WireMockServer primary = backend(null, BODY);
        WireMockServer candidate = backend(pki.issue("candidate", "127.0.0.1"), "{\"id\":7,\"name\":\"Ada\",\"extra\":1}");
        ShadowProxy proxy = start("""
                  primary: { url: "http://127.0.0.1:%d", protocol: h2c }
                  candidate: { url: "https://127.0.0.1:%d", protocol: h2, tls: { caFile: Upstream-CA.pem } }
                """.formatted(primary.port(), candidate.httpsPort()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort()
                    + "/api/students/" + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            assertThat(a.get().statusCode()).isEqualTo(200);
            assertThat(a.get().body()).isEqualTo(BODY);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 60);
        assertThat(stats().compared()).isEqualTo(60);
        assertThat(stats().withRegression()).as("the candidate's extra field, compared").isEqualTo(60);
        for (WireMockServer s : List.of(primary, candidate)) {
            List<LoggedRequest> seen = s.findAll(anyRequestedFor(anyUrl()));
            assertThat(seen).hasSize(60).allSatisfy(r -> assertThat(r.getProtocol()).isEqualTo("HTTP/2.0"));
        }
    }

    @Test
    void anHttp2ClientIsServedEndToEndOverHttp2() throws Exception {
        WireMockServer primary = backend(null, BODY);
        WireMockServer candidate = backend(null, BODY);
        ShadowProxy proxy = start("""
                  primary: { url: "http://127.0.0.1:%d", protocol: h2c }
                  candidate: { url: "http://127.0.0.1:%d", protocol: h2c }
                """.formatted(primary.port(), candidate.port()));
        try (H2TestClient h2 = new H2TestClient(proxy.address().getPort(), null)) {
            H2TestClient.Answer a = h2.send(H2TestClient.get("/api/students/7"), null);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo(BODY);
            assertThat(a.headers().names()).noneMatch(n -> n.toString().startsWith("x-http2"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
        assertThat(stats().compared()).isEqualTo(1);
    }

    @Test
    void aBackendThatWillNotAgreeToH2IsAFailedMirrorSayingSo() throws Exception {
        TestPki pki = TestPki.create(dir, "Upstream CA");
        WireMockServer primary = backend(null, BODY);
        // Jetty over TLS with HTTP/2 switched off: ALPN offers http/1.1 only
        WireMockServer h1Only = new WireMockServer(TestPki.wireMockHttps(pki.issue("h1", "127.0.0.1"), null).http2TlsDisabled(true));
        h1Only.start();
        open.add(h1Only::stop);
        ShadowProxy proxy = start("""
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "https://127.0.0.1:%d", protocol: h2, tls: { caFile: Upstream-CA.pem } }
                """.formatted(primary.port(), h1Only.httpsPort()));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort()
                + "/api/x")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
        assertThat(stats().reasons().keySet()).singleElement().asString()
                .contains("did not agree to HTTP/2 by ALPN").contains("protocol: h1");
    }

    @Test
    void aProtocolThatContradictsTheUrlIsAConfigError() {
        for (String[] c : new String[][] {{"http://127.0.0.1:1", "h2", "needs an https:// URL"},
                {"https://127.0.0.1:1", "h2c", "needs an http:// URL"}, {"http://127.0.0.1:1", "h3", "h3"}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader(k -> null).parse("""
                    backends:
                      primary: { url: "http://127.0.0.1:2" }
                      candidate: { url: "%s", protocol: %s }
                    """.formatted(c[0], c[1]), "p.yaml", dir)).isInstanceOf(ConfigException.class).hasMessageContaining("p.yaml:3")
                    .hasMessageContaining(c[2]);
        }
    }
}
