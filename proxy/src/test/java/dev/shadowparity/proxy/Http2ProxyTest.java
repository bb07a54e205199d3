package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import dev.shadowparity.testkit.TestPki;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 clients through the proxy, on real sockets, to HTTP/1.1 backends (WireMock): h2 by ALPN over TLS, h2c by
 * Upgrade (Java's client) and by prior knowledge (Netty's), many streams on one connection, a stream reset
 * mid-answer, and the protocol's own answers to bad input, counted: a rapid-reset flood, invalid pseudo-headers, a
 * header list too large.
 */
class Http2ProxyTest {

    private static final String BODY = "{\"id\":7,\"name\":\"Ada\"}";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Ledger ledger;
    private WireMockServer primary;
    private WireMockServer candidate;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private WireMockServer backend() {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        s.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(BODY)));
        open.add(s::stop);
        return s;
    }

    private ShadowProxy start(String primaryUrl, String candidateUrl, String proxyExtra) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s" }
                routes:
                  - route: POST /api/echo
                    mirrorWrites: true
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0%s }
                """.formatted(primaryUrl, candidateUrl, proxyExtra), "h2.yaml", dir);
        ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 1000);
        open.add(pipeline);
        ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        open.add(proxy);
        return proxy;
    }

    private ShadowProxy startWithWireMock(String proxyExtra) throws Exception {
        primary = backend();
        candidate = backend();
        return start(primary.baseUrl(), candidate.baseUrl(), proxyExtra);
    }

    private long compared() {
        return ledger.snapshot().stream().mapToLong(EndpointStats.Snapshot::compared).sum();
    }

    @Test
    void h2ByAlpnOverTlsIsAnsweredFromThePrimaryAndMirrored() throws Exception {
        TestPki pki = TestPki.create(dir, "H2 CA");
        pki.issue("listener", "127.0.0.1");
        ShadowProxy proxy = startWithWireMock(", tls: { cert: listener.crt, key: listener.key }");
        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext()).version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + proxy.address().getPort()
                + "/api/students/7")).header("Cookie", "session=abc").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BODY);
        await().atMost(Duration.ofSeconds(10)).until(() -> compared() == 1);
        LoggedRequest seen = primary.findAll(getRequestedFor(urlEqualTo("/api/students/7"))).get(0);
        assertThat(seen.getHeader("Host")).as("the backend's own Host, from :authority's place").isEqualTo("localhost:" + primary.port());
        assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + proxy.address().getPort());
        assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.getHeader("Cookie")).isEqualTo("session=abc");
        assertThat(seen.getHeaders().keys()).noneMatch(k -> k.toLowerCase().startsWith("x-http2"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                candidate.verify(getRequestedFor(urlEqualTo("/api/students/7")).withHeader("X-Shadow-Request", equalTo("true"))));
    }

    @Test
    void headlessChromiumIsServedOverH2ThroughTheTlsListener(@TempDir Path work) throws Exception {
        dev.shadowparity.testkit.HeadlessChromium chromium = dev.shadowparity.testkit.HeadlessChromium.findOrSkip(work);
        TestPki pki = TestPki.create(dir, "Browser CA");
        pki.issue("listener", "127.0.0.1");
        ShadowProxy proxy = startWithWireMock(", tls: { cert: listener.crt, key: listener.key }");
        // The test CA is not in the browser's store, so its verdict on the certificate is ignored; TLS and ALPN are real.
        String dom = chromium.dom("https://127.0.0.1:" + proxy.address().getPort() + "/api/students/7",
                List.of("--ignore-certificate-errors"));
        assertThat(dom).contains("\"name\":\"Ada\"");
        assertThat(metric(proxy, "parity_client_http2_streams_total")).as("Chromium chose h2 by ALPN").isPositive();
        LoggedRequest seen = primary.findAll(getRequestedFor(urlEqualTo("/api/students/7"))).get(0);
        assertThat(seen.getHeader("User-Agent")).contains("HeadlessChrome");
        assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("https");
        await().atMost(Duration.ofSeconds(10)).until(() -> compared() >= 1);
        assertThat(ledger.snapshot().stream().mapToLong(EndpointStats.Snapshot::withRegression).sum()).isZero();
    }

    @Test
    void h2cByUpgradeAndByPriorKnowledgeAndManyStreamsOnOneConnection() throws Exception {
        ShadowProxy proxy = startWithWireMock("");
        int port = proxy.address().getPort();

        // Java's client asks for h2c with Upgrade on http://; its first request is answered on stream 1.
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = jdk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/a"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upgraded.body()).isEqualTo(BODY);
        HttpResponse<String> posted = jdk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                candidate.verify(postRequestedFor(urlEqualTo("/api/echo")).withRequestBody(equalTo("{\"x\":1}"))));

        // Netty's client with prior knowledge: 50 streams at once on one connection.
        try (H2TestClient h2 = new H2TestClient(port, null)) {
            List<H2TestClient.Stream> streams = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                H2TestClient.Stream s = h2.open();
                s.channel.writeAndFlush(new DefaultHttp2HeadersFrame(H2TestClient.get("/api/items/" + i), true));
                streams.add(s);
            }
            for (H2TestClient.Stream s : streams) {
                H2TestClient.Answer a = s.answer.get(10, TimeUnit.SECONDS);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.body()).isEqualTo(BODY);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> compared() == 52);
        assertThat(metric(proxy, "parity_client_http2_streams_total")).isEqualTo(52);
    }

    @Test
    void aStreamResetMidAnswerCutsThePrimaryAndLeavesTheOtherStreamsServed() throws Exception {
        // The primary sends a head and 5 of 1,000,000 bytes, then nothing: only the client's reset ends it.
        RawServer stuck = new RawServer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\nhello", true);
        open.add(stuck);
        candidate = backend();
        ShadowProxy proxy = start(stuck.url(), candidate.baseUrl(), "");
        try (H2TestClient h2 = new H2TestClient(proxy.address().getPort(), null)) {
            H2TestClient.Stream first = h2.open();
            first.channel.writeAndFlush(new DefaultHttp2HeadersFrame(H2TestClient.get("/api/big"), true));
            assertThat(first.head.get(10, TimeUnit.SECONDS).status().toString()).isEqualTo("200");
            first.reset();
            await().atMost(Duration.ofSeconds(5)).until(() -> stuck.connectionsEnded() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> ledger.exchanges() == 1);
            assertThat(ledger.snapshot().get(0).reasons())
                    .containsEntry("skipped: client aborted before the primary's answer was relayed whole", 1L);
            assertThat(metric(proxy, "parity_client_aborts_total")).isEqualTo(1);
            assertThat(metric(proxy, "parity_primary_errors_total")).isZero();

            H2TestClient.Stream second = h2.open();
            second.channel.writeAndFlush(new DefaultHttp2HeadersFrame(H2TestClient.get("/api/big"), true));
            assertThat(second.head.get(10, TimeUnit.SECONDS).status().toString()).as("the connection serves on").isEqualTo("200");
        }
    }

    @Test
    void aRapidResetFloodGetsGoAwayAndOtherClientsAreServed() throws Exception {
        ShadowProxy proxy = startWithWireMock("");
        int port = proxy.address().getPort();
        try (H2TestClient flood = new H2TestClient(port, null)) {
            // CVE-2023-44487: open a stream and cancel it at once, again and again.
            for (int i = 0; i < 1000 && !flood.goAway.isDone() && flood.connection.isActive(); i++) {
                H2TestClient.Stream s;
                try {
                    s = flood.open();
                } catch (java.util.concurrent.ExecutionException closed) {
                    break; // the proxy has had enough
                }
                s.channel.write(new DefaultHttp2HeadersFrame(H2TestClient.get("/api/flood/" + i), true));
                s.reset();
            }
            // The proxy says GOAWAY and closes; the client, still writing, may lose that frame to the reset of a
            // socket closed with its data unread: what counts is that the connection ends, and why, in /metrics.
            await().atMost(Duration.ofSeconds(10)).until(() -> !flood.connection.isActive());
            if (flood.goAway.isDone() && !flood.goAway.isCompletedExceptionally()) {
                Http2GoAwayFrame goAway = flood.goAway.get();
                assertThat(Http2Error.valueOf(goAway.errorCode())).isEqualTo(Http2Error.ENHANCE_YOUR_CALM);
                goAway.release();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> metric(proxy, "parity_client_http2_connection_errors_total") == 1);
        assertThat(metric(proxy, "parity_client_http2_streams_total")).as("cut off after the allowance of resets")
                .isBetween((double) ClientPipelines.MAX_RESETS_PER_WINDOW, ClientPipelines.MAX_RESETS_PER_WINDOW + 50.0);
        try (H2TestClient other = new H2TestClient(port, null)) {
            assertThat(other.send(H2TestClient.get("/api/students/7"), null).body()).isEqualTo(BODY);
        }
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/x")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).as("and HTTP/1.1 clients").isEqualTo(BODY);
    }

    @Test
    void invalidPseudoHeadersAndOversizedHeaderListsAreRefusedOnTheirStreamOnly() throws Exception {
        ShadowProxy proxy = startWithWireMock("");
        try (H2TestClient h2 = new H2TestClient(proxy.address().getPort(), null)) {
            H2TestClient.Answer noPath = h2.send(new DefaultHttp2Headers(false).method("GET").scheme("http").authority("x"), null);
            assertThat(noPath.reset()).as("no :path").isEqualTo(Http2Error.PROTOCOL_ERROR);
            H2TestClient.Answer unknownPseudo = h2.send(H2TestClient.get("/api/a").add(":protocol-x", "1"), null);
            assertThat(unknownPseudo.reset()).as("an unknown pseudo-header").isEqualTo(Http2Error.PROTOCOL_ERROR);
            H2TestClient.Answer huge = h2.send(H2TestClient.get("/api/a").add("x-huge", "h".repeat(20_000)), null);
            assertThat(huge.status() == 431 || huge.reset() != null).as("a header list over 16 KiB: %s", huge).isTrue();

            assertThat(h2.send(H2TestClient.get("/api/students/7"), null).body()).as("the connection serves on").isEqualTo(BODY);
        }
        assertThat(primary.getAllServeEvents()).as("no bad request reached a backend").hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> metric(proxy, "parity_client_http2_stream_errors_total") >= 2);
    }

    @Test
    void withHttp2OffThePrefaceIsAnswered505AndClosed() throws Exception {
        ShadowProxy proxy = startWithWireMock(", http2: false");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", proxy.address().getPort())) {
            s.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .as("answered, then closed").startsWith("HTTP/1.1 505").contains("speak HTTP/1.1");
        }
        assertThat(primary.getAllServeEvents()).isEmpty();
    }

    private static double metric(ShadowProxy proxy, String name) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + proxy.adminAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /metrics"));
    }
}
