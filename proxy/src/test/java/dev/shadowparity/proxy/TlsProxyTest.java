package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigException;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.TestPki;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on both sides, on real sockets: WireMock backends serving certificates of a test CA (one with a name that
 * does not match, one expired, one that asks for a client certificate), and the proxy's own TLS listener reached
 * with Java's HTTP client and Netty's, its certificate rotated while it runs.
 */
class TlsProxyTest {

    private static final String BODY = "{\"id\":7,\"name\":\"Ada\"}";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestPki pki;
    private Ledger ledger;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestPki pki() {
        if (pki == null) {
            pki = TestPki.create(dir, "Parity Test CA");
        }
        return pki;
    }

    /** A WireMock server on HTTPS only, presenting {@code cert}; with {@code askClientCert} it wants one of our CA. */
    private WireMockServer httpsBackend(TestPki.Issued cert, boolean askClientCert) {
        WireMockServer server = new WireMockServer(TestPki.wireMockHttps(cert, askClientCert ? pki() : null));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(BODY)));
        open.add(server::stop);
        return server;
    }

    private ShadowProxy start(String yaml) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse(yaml, "tls.yaml", dir);
        ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 100);
        open.add(pipeline);
        ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        open.add(proxy);
        return proxy;
    }

    private static String url(WireMockServer s) {
        return "https://127.0.0.1:" + s.httpsPort();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private EndpointStats.Snapshot stats() {
        return ledger.snapshot().get(0);
    }

    @Test
    void theTlsImplementationIsOpenSslUnlessTheJdksIsAskedFor() {
        // netty-tcnative ships BoringSSL for this platform (linux x86_64), so the proxy uses it.
        assertThat(dev.shadowparity.upstream.TlsContexts.providerName()).startsWith("jdk".equals(System.getProperty("parity.tls")) ? "jdk" : "openssl");
    }

    @Test
    void httpsBackendsTrustedByTheirCaAreShadowedThroughATlsListener() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1", "localhost"), false);
        WireMockServer candidate = httpsBackend(pki().issue("candidate", "127.0.0.1"), false);
        TestPki.Issued listener = pki().issue("listener", "localhost", "127.0.0.1");
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%s", tls: { caFile: "%s" } }
                  candidate: { url: "%s", tls: { caFile: "%s" } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, tls: { cert: listener.crt, key: listener.key } }
                """.formatted(url(primary), pki().caFile(), url(candidate), pki().caFile()));
        assertThat(proxy.scheme()).isEqualTo("https");
        assertThat(proxy.certificateSubject()).isEqualTo("CN=localhost");

        // Java's HTTP client, on HTTP/1.1 (Http2ProxyTest has h2 by ALPN).
        HttpClient jdk = HttpClient.newBuilder().sslContext(pki().clientContext()).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> answer = get(jdk, "https://localhost:" + proxy.address().getPort() + "/api/students/7");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(BODY);
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(((X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName()).isEqualTo("CN=localhost");

        // Netty's client, on its own TLS stack.
        FullHttpResponse netty = nettyGet(proxy.address().getPort(), "/api/students/8");
        try {
            assertThat(netty.status().code()).isEqualTo(200);
            assertThat(netty.content().toString(StandardCharsets.UTF_8)).isEqualTo(BODY);
        } finally {
            netty.release();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 2);
        assertThat(stats().compared()).isEqualTo(2);
        primary.verify(getRequestedFor(urlEqualTo("/api/students/7")).withHeader("X-Forwarded-Proto", equalTo("https")));
        candidate.verify(getRequestedFor(urlEqualTo("/api/students/8")).withHeader("X-Forwarded-Proto", equalTo("https")));
    }

    @Test
    void aCandidatesCertificateProblemIsAFailedMirrorWithItsReasonNeverTheClients() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1"), false);
        WireMockServer wrongName = httpsBackend(pki().issue("wrong-name", "candidate.internal"), false);
        WireMockServer expired = httpsBackend(pki().issue("expired", Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)), false, "127.0.0.1"), false);
        WireMockServer untrusted = httpsBackend(TestPki.create(dir.resolve("other"), "Other CA").issue("untrusted", "127.0.0.1"), false);
        String ca = pki().caFile().toString();

        assertThat(mirrorFailure(primary, ca, url(wrongName), "caFile: \"" + ca + "\""))
                .startsWith("failed: candidate: TLS with 127.0.0.1:" + wrongName.httpsPort() + " failed: hostname mismatch:");
        assertThat(mirrorFailure(primary, ca, url(expired), "caFile: \"" + ca + "\""))
                .contains("failed: the backend's certificate has expired");
        assertThat(mirrorFailure(primary, ca, url(untrusted), "caFile: \"" + ca + "\""))
                .contains("failed: untrusted certificate chain: no trusted CA signed it");
        assertThat(mirrorFailure(primary, ca, url(untrusted), null))
                .as("the JDK's trust store does not know a private CA either")
                .contains("failed: untrusted certificate chain");
    }

    /** The one reason the first mirror to {@code candidate} is not compared for, the client's answer being the primary's. */
    private String mirrorFailure(WireMockServer primary, String ca, String candidate, String candidateTls) throws Exception {
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%s", tls: { caFile: "%s" } }
                  candidate: { url: "%s"%s }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(url(primary), ca, candidate, candidateTls == null ? "" : ", tls: { " + candidateTls + " }"));
        HttpResponse<String> answer = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + proxy.address().getPort() + "/api/x");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(BODY);
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
        assertThat(stats().compared()).isZero();
        assertThat(stats().reasons()).hasSize(1);
        return stats().reasons().keySet().iterator().next();
    }

    @Test
    void insecureTrustsAnyCertificateForAnyName() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1"), false);
        WireMockServer wrongName = httpsBackend(TestPki.create(dir.resolve("other"), "Other CA").issue("c", "elsewhere"), false);
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%s", tls: { caFile: "%s" } }
                  candidate: { url: "%s", tls: { insecure: true } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(url(primary), pki().caFile(), url(wrongName)));
        get(HttpClient.newHttpClient(), "http://127.0.0.1:" + proxy.address().getPort() + "/api/x");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
        assertThat(stats().compared()).isEqualTo(1);
    }

    @Test
    void aCandidateThatAsksForAClientCertificateGetsTheConfiguredOne() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1"), false);
        WireMockServer mesh = httpsBackend(pki().issue("mesh", "127.0.0.1"), true);
        TestPki.Issued client = pki().issue("parity-client", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1)), true, "parity.shadow"); // RSA, PKCS#1 key file
        assertThat(Files.readString(client.key())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%1$s", tls: { caFile: "%3$s" } }
                  candidate: { url: "%2$s", tls: { caFile: "%3$s", clientCert: "%4$s", clientKey: "%5$s" } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(url(primary), url(mesh), pki().caFile(), client.cert(), client.key()));
        get(HttpClient.newHttpClient(), "http://127.0.0.1:" + proxy.address().getPort() + "/api/x");
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 1);
        assertThat(stats().compared()).isEqualTo(1);

        assertThat(mirrorFailure(primary, pki().caFile().toString(), url(mesh), "caFile: \"" + pki().caFile() + "\""))
                .as("without one").contains("refused the client certificate");
    }

    @Test
    void aRotatedListenerCertificateIsServedToNewConnectionsAndABrokenOneIsNot() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1"), false);
        TestPki.Issued first = pki().issue("first", "127.0.0.1");
        Path cert = dir.resolve("live.crt");
        Path key = dir.resolve("live.key");
        Files.copy(first.cert(), cert);
        Files.copy(first.key(), key);
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%1$s", tls: { caFile: "%2$s" } }
                  candidate: { url: "%1$s", tls: { caFile: "%2$s" } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, tls: { cert: live.crt, key: live.key } }
                """.formatted(url(primary), pki().caFile()));
        String base = "https://127.0.0.1:" + proxy.address().getPort() + "/api/x";
        assertThat(servedSubject(base)).isEqualTo("CN=127.0.0.1");

        // A key of another certificate: not used, and said so; the old certificate is still served.
        TestPki.Issued other = pki().issue("other", "rotated.example", "127.0.0.1");
        Files.copy(other.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(proxy, "parity_tls_certificate_reload_failures_total") >= 1);
        assertThat(servedSubject(base)).isEqualTo("CN=127.0.0.1");

        // Its key follows, as a rotation writes them: from then on new connections get the new certificate.
        Files.copy(other.key(), key, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> servedSubject(base).equals("CN=rotated.example"));
        assertThat(metric(proxy, "parity_tls_certificate_reloads_total")).isEqualTo(1);
        assertThat(proxy.certificateSubject()).isEqualTo("CN=rotated.example");
    }

    @Test
    void aClientThatDoesNotTrustTheListenerIsCountedAndOthersAreServed() throws Exception {
        WireMockServer primary = httpsBackend(pki().issue("primary", "127.0.0.1"), false);
        pki().issue("listener", "127.0.0.1");
        ShadowProxy proxy = start("""
                backends:
                  primary: { url: "%1$s", tls: { caFile: "%2$s" } }
                  candidate: { url: "%1$s", tls: { caFile: "%2$s" } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, tls: { cert: listener.crt, key: listener.key } }
                """.formatted(url(primary), pki().caFile()));
        String base = "https://127.0.0.1:" + proxy.address().getPort() + "/api/x";
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), base)).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(proxy, "parity_client_tls_handshake_failures_total") == 1);
        assertThat(get(HttpClient.newBuilder().sslContext(pki().clientContext()).build(), base).body()).isEqualTo(BODY);
    }

    @Test
    void badTlsFilesAreConfigErrorsNamingTheFileAndTheProblem() {
        TestPki.Issued a = pki().issue("a", "127.0.0.1");
        TestPki.Issued b = pki().issue("b", "127.0.0.1");
        TestPki.Issued expired = pki().issue("old", Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(2)),
                false, "127.0.0.1");
        assertThat(configError("proxy: { tls: { cert: a.crt, key: b.key } }"))
                .contains("tls.yaml:1").contains(b.key() + ": this key does not belong to the certificate in " + a.cert());
        assertThat(configError("proxy: { tls: { cert: old.crt, key: old.key } }"))
                .contains(expired.cert() + ": the certificate (CN=127.0.0.1) expired on");
        assertThat(configError("proxy: { tls: { cert: missing.crt, key: a.key } }"))
                .contains(dir.resolve("missing.crt") + ": file not found");
        assertThat(configError("proxy: { tls: { cert: a.key, key: a.key } }")).contains("holds no PEM certificate");
        assertThat(configError("proxy: { tls: { cert: a.crt } }")).contains("key");
        assertThat(configErrorOfBackend("http://127.0.0.1:1", "{ caFile: a.crt }"))
                .contains("'tls' belongs to an https:// backend");
        assertThat(configErrorOfBackend("https://127.0.0.1:1", "{ caFile: a.crt, insecure: true }")).contains("not both");
        assertThat(configErrorOfBackend("https://127.0.0.1:1", "{ clientCert: a.crt }")).contains("give both or neither");
        assertThat(configErrorOfBackend("https://127.0.0.1:1", "{ caFile: a.key }")).contains("a.key: holds no PEM certificate");
    }

    private String configError(String proxyLine) {
        return configErrorOf("""
                %s
                backends: { primary: { url: "http://127.0.0.1:1" }, candidate: { url: "http://127.0.0.1:2" } }
                """.formatted(proxyLine));
    }

    private String configErrorOfBackend(String url, String tls) {
        return configErrorOf("""
                backends:
                  primary: { url: "http://127.0.0.1:1" }
                  candidate: { url: "%s", tls: %s }
                """.formatted(url, tls));
    }

    private String configErrorOf(String yaml) {
        return assertThatThrownBy(() -> new ConfigLoader(k -> null).parse(yaml, "tls.yaml", dir))
                .isInstanceOf(ConfigException.class).actual().getMessage();
    }

    private String servedSubject(String url) throws Exception {
        // A new client each time: a new connection, so the certificate in use now.
        HttpClient client = HttpClient.newBuilder().sslContext(pki().clientContext()).build();
        HttpResponse<String> r = get(client, url);
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private static double metric(ShadowProxy proxy, String name) throws Exception {
        String text = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + proxy.adminAddress().getPort() + "/metrics").body();
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /metrics"));
    }

    /** One GET over TLS with Netty's client (trusting the test CA, checking the name), the aggregated answer. */
    private FullHttpResponse nettyGet(int port, String path) throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            io.netty.handler.ssl.SslContext ssl = SslContextBuilder.forClient()
                    .trustManager(pki().caFile().toFile()).endpointIdentificationAlgorithm("HTTPS").build();
            CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel c) {
                    SslHandler tls = ssl.newHandler(c.alloc(), "127.0.0.1", port);
                    c.pipeline().addLast(tls, new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                                    answer.complete(msg.retain());
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    answer.completeExceptionally(cause);
                                }
                            });
                }
            }).connect("127.0.0.1", port).sync().channel();
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            request.headers().set("Host", "127.0.0.1:" + port);
            ch.writeAndFlush(request);
            FullHttpResponse r = answer.get(10, TimeUnit.SECONDS);
            ch.close().sync();
            return r;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
