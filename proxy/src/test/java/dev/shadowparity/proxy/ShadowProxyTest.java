package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy on real loopback sockets, with WireMock and raw sockets as backends. */
class ShadowProxyTest {

    private static final byte[] BINARY = new byte[200_000];
    private static WireMockServer primary;
    private static WireMockServer candidate;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Ledger ledger;
    private ComparePipeline pipeline;
    private ShadowProxy proxy;

    @BeforeAll
    static void backends() {
        new Random(1).nextBytes(BINARY);
        primary = wiremock();
        candidate = wiremock();
        for (WireMockServer s : List.of(primary, candidate)) {
            s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
            s.stubFor(get(urlPathEqualTo("/binary")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/octet-stream").withHeader("X-Custom", "kept")
                    .withBody(BINARY)));
            s.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withFixedDelay(300).withBody("one")));
            s.stubFor(get(urlPathEqualTo("/fast")).willReturn(aResponse().withBody("two")));
            s.stubFor(get(urlPathEqualTo("/chunked")).willReturn(aResponse().withHeader("Content-Type", "text/plain")
                    .withBody("0123456789".repeat(1000)).withChunkedDribbleDelay(5, 50)));
            s.stubFor(get(urlPathEqualTo("/very-slow")).willReturn(aResponse().withFixedDelay(2000).withBody("late")));
        }
        candidate.stubFor(get(urlPathEqualTo("/very-slow")).willReturn(aResponse().withBody("late")));
        candidate.stubFor(get(urlPathEqualTo("/differs")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false}")));
    }

    private static WireMockServer wiremock() {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    @AfterAll
    static void stopBackends() {
        primary.stop();
        candidate.stop();
    }

    @BeforeEach
    void resetRequests() {
        primary.resetRequests();
        candidate.resetRequests();
    }

    @AfterEach
    void stopProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private void startProxy(String candidateUrl, String extraYaml) throws InterruptedException {
        startProxyWith("{ url: \"" + candidateUrl + "\" }", extraYaml);
    }

    /** @param candidate the candidate's YAML mapping */
    private void startProxyWith(String candidate, String extraYaml) throws InterruptedException {
        String yaml = """
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: %s
                proxy:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                """.formatted(primary.port(), candidate)
                + (extraYaml.contains("mirror:") ? "" : "  mirror: { timeout: 500ms }\n") + extraYaml;
        SuiteConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test.yaml");
        ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, ledger, null, 1, 1000);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
    }

    /** A proxy in front of two given backends (not the WireMock pair), with one mirror thread. */
    private void startProxyBetween(String primaryUrl, String candidateUrl) throws InterruptedException {
        String yaml = """
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, mirror: { threads: 1 } }
                """.formatted(primaryUrl, candidateUrl);
        SuiteConfig config = new ConfigLoader(k -> null).parse(yaml, "t.yaml");
        ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, ledger, null, 1, 100);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
    }

    private URI proxied(String path) {
        return URI.create("http://127.0.0.1:" + proxy.address().getPort() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private EndpointStats.Snapshot awaitExchanges(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() >= n);
        assertThat(ledger.exchanges()).isEqualTo(n);
        return ledger.snapshot().get(0);
    }

    @Test
    void clientGetsThePrimarysBytesAndTheBackendGetsForwardingHeaders() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/binary?x=1")));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo(BINARY);
        assertThat(r.headers().firstValue("X-Custom")).contains("kept");
        LoggedRequest atPrimary = primary.getAllServeEvents().get(0).getRequest();
        assertThat(atPrimary.getUrl()).isEqualTo("/binary?x=1");
        assertThat(atPrimary.getHeader("Host")).isEqualTo("127.0.0.1:" + primary.port());
        assertThat(atPrimary.getHeader("Via")).isEqualTo("1.1 shadow-parity");
        assertThat(atPrimary.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(atPrimary.getHeader("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + proxy.address().getPort());
        assertThat(atPrimary.containsHeader("X-Shadow-Request")).isFalse();
        EndpointStats.Snapshot s = awaitExchanges(1);
        assertThat(s.compared()).isEqualTo(1);
        assertThat(s.withRegression()).isZero();
    }

    @Test
    void hopByHopHeadersAndThoseNamedInConnectionAreRemoved() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        String head = "GET /hop HTTP/1.1\r\nHost: front.example\r\nConnection: keep-alive, X-Hop\r\n"
                + "X-Hop: private\r\nKeep-Alive: timeout=5\r\nX-End-To-End: yes\r\n\r\n";
        List<String> answers = rawExchange(head, 1);
        assertThat(answers.get(0)).startsWith("HTTP/1.1 200");
        LoggedRequest atPrimary = primary.getAllServeEvents().get(0).getRequest();
        assertThat(atPrimary.containsHeader("X-Hop")).isFalse();
        assertThat(atPrimary.containsHeader("Keep-Alive")).isFalse();
        assertThat(atPrimary.getHeader("X-End-To-End")).isEqualTo("yes");
        assertThat(atPrimary.getHeader("X-Forwarded-Host")).isEqualTo("front.example");
    }

    @Test
    void oversizedHeadersGet431AndMalformedRequests400WithoutReachingABackend() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        String huge = "GET /big HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThat(rawExchange(huge, 1).get(0)).startsWith("HTTP/1.1 431").contains("request headers too large");
        assertThat(rawExchange("NOT-A-REQUEST\r\n\r\n", 1).get(0)).startsWith("HTTP/1.1 400");
        assertThat(primary.getAllServeEvents()).isEmpty();
        assertThat(candidate.getAllServeEvents()).isEmpty();
        send(HttpRequest.newBuilder(proxied("/after")));
        assertThat(primary.getAllServeEvents()).hasSize(1);
    }

    @Test
    void chunkedBodiesArriveWholeInBothDirections() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), """
                routes:
                  - route: POST /upload
                    mirrorWrites: true
                """);
        String chunkedRequest = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        assertThat(rawExchange(chunkedRequest, 1).get(0)).startsWith("HTTP/1.1 200");
        assertThat(primary.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo("hello world");
        await().atMost(Duration.ofSeconds(5)).until(() -> candidate.getAllServeEvents().size() == 1);
        assertThat(candidate.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo("hello world");

        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/chunked")));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("0123456789".repeat(1000));
    }

    @Test
    void bodiesOverTheCaptureLimitReachThePrimaryOnlyAndBeyondTheMaximumAre413() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), """
                  captureLimit: 1KiB
                  maxBodySize: 4KiB
                routes:
                  - route: POST /upload
                    mirrorWrites: true
                """);
        String big = "x".repeat(2048);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/upload")).POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(primary.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getBodyAsString()).isEqualTo(big));
        assertThat(candidate.getAllServeEvents()).isEmpty();
        assertThat(ledger.snapshot().get(0).reasons())
                .containsEntry("skipped: too-large (request body over the capture limit of 1KiB)", 1L);

        String small = "y".repeat(512);
        send(HttpRequest.newBuilder(proxied("/upload")).POST(HttpRequest.BodyPublishers.ofString(small)));
        await().atMost(Duration.ofSeconds(5)).until(() -> candidate.getAllServeEvents().size() == 1);

        HttpResponse<byte[]> tooBig = send(HttpRequest.newBuilder(proxied("/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("z".repeat(8192))));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(primary.getAllServeEvents()).hasSize(2);
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 100 Continue");
            out.write("ping".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("{\"ok\":true}");
        }
        assertThat(primary.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo("ping");
    }

    @Test
    void upstreamConnectionsAreKeptAliveAndReused() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        try (RawServer keepAlivePrimary = new RawServer(answer, true); RawServer keepAliveCandidate = new RawServer(answer, true)) {
            startProxyBetween(keepAlivePrimary.url(), keepAliveCandidate.url());
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                requests.append("GET /k/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            assertThat(rawExchange(requests.toString(), 20)).allMatch(a -> a.endsWith("{}"));
            awaitExchanges(20);
            assertThat(keepAlivePrimary.requestsRead()).isEqualTo(20);
            assertThat(keepAlivePrimary.connections()).isEqualTo(1);
            assertThat(keepAliveCandidate.connections()).isLessThanOrEqualTo(20).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aKeptAliveConnectionTheBackendClosedWhileIdleIsRedialledForIdempotentRequestsOnly() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        try (RawServer closingPrimary = RawServer.closingIdleConnections(answer);
             RawServer closingCandidate = RawServer.closingIdleConnections(answer)) {
            startProxyBetween(closingPrimary.url(), closingCandidate.url());
            for (int i = 1; i <= 3; i++) {
                HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/k/" + i)));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
                awaitExchanges(i); // both sides' connections are idle again before the next request
            }
            assertThat(compared()).isEqualTo(3);
            // Requests 2 and 3 each found their idle connection closed and were sent once more on a new one.
            for (RawServer backend : List.of(closingPrimary, closingCandidate)) {
                assertThat(backend.requestsRead()).isEqualTo(5);
                assertThat(backend.connections()).isEqualTo(3);
            }
            // A POST is not idempotent: sent once, and the lost connection is the client's 502.
            HttpResponse<byte[]> post = send(HttpRequest.newBuilder(proxied("/k"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(post.statusCode()).isEqualTo(502);
            assertThat(closingPrimary.requestsRead()).isEqualTo(6);
            assertThat(closingPrimary.connections()).isEqualTo(3);
        }
    }

    @Test
    void aPrimaryTooSlowForItsTimeoutIsA504AndTheHostCanBePreserved() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "  primaryTimeout: 300ms\n  preserveHost: true\n");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/very-slow")));
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"primary did not answer in time\"}");
        EndpointStats.Snapshot s = awaitExchanges(1);
        assertThat(s.reasons()).containsEntry("failed: primary timeout: primary: primary gave no response within 300 ms", 1L);
        assertThat(s.candidateErrors()).as("the primary's timeout is not the candidate's error").isZero();
        send(HttpRequest.newBuilder(proxied("/fast")));
        await().atMost(Duration.ofSeconds(5)).until(() -> primary.getAllServeEvents().size() >= 2);
        assertThat(primary.getAllServeEvents()).anySatisfy(e ->
                assertThat(e.getRequest().getHeader("Host")).isEqualTo("127.0.0.1:" + proxy.address().getPort()));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        String two = "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n";
        List<String> answers = rawExchange(two, 2);
        assertThat(answers.get(0)).endsWith("one");
        assertThat(answers.get(1)).endsWith("two");
    }

    @Test
    void theTransportIsTheOneAskedFor() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        // The build runs these tests twice: native epoll by default, and NIO with -Dparity.transport=nio.
        String expected = "nio".equals(System.getProperty("parity.transport")) ? "nio" : "epoll";
        assertThat(proxy.transport()).isEqualTo(expected);
        assertThat(send(HttpRequest.newBuilder(proxied("/binary"))).body()).isEqualTo(BINARY);
    }

    @Test
    void theMirrorCarriesTheShadowHeaderAndThePairIsCompared() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/differs")));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        EndpointStats.Snapshot s = awaitExchanges(1);
        assertThat(s.withRegression()).isEqualTo(1);
        assertThat(s.regressions()).singleElement().satisfies(f -> assertThat(f.key().path()).isEqualTo("$.ok"));
        LoggedRequest atCandidate = candidate.getAllServeEvents().get(0).getRequest();
        assertThat(atCandidate.getHeader("X-Shadow-Request")).isEqualTo("true");
        assertThat(atCandidate.getHeader("Host")).isEqualTo("127.0.0.1:" + candidate.port());
    }

    @Test
    void theMirrorGoesToTheCandidatesHostWithItsQueryNamesWhileThePrimaryGetsTheRequestAsSent() throws Exception {
        startProxyWith("{ url: \"http://127.0.0.1:" + candidate.port() + "\", host: api.rewrite.internal,"
                + " renameQuery: { userId: user_id } }", "");
        send(HttpRequest.newBuilder(proxied("/posts?userId=7&page=2")));
        awaitExchanges(1);
        LoggedRequest atCandidate = candidate.getAllServeEvents().get(0).getRequest();
        assertThat(atCandidate.getUrl()).isEqualTo("/posts?user_id=7&page=2");
        assertThat(atCandidate.getHeader("Host")).isEqualTo("api.rewrite.internal");
        LoggedRequest atPrimary = primary.getAllServeEvents().get(0).getRequest();
        assertThat(atPrimary.getUrl()).isEqualTo("/posts?userId=7&page=2");
        assertThat(atPrimary.getHeader("Host")).isEqualTo("127.0.0.1:" + primary.port());
    }

    @Test
    void theClientHasItsAnswerWhileTheCandidateIsStillBlocked() throws Exception {
        try (RawServer stalled = RawServer.neverAnswering()) {
            startProxy(stalled.url(), "");
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/anything")));
            assertThat(r.statusCode()).isEqualTo(200);
            // The candidate has not answered, and cannot have: it never answers.
            assertThat(stalled.awaitFirstRequest(5)).isTrue();
            EndpointStats.Snapshot s = awaitExchanges(1);
            assertThat(s.outcomes()).containsEntry(Outcome.TIMEOUT, 1L);
            assertThat(s.reasons()).containsKey("timeout: candidate gave no response within 500 ms");
        }
    }

    private long compared() {
        return ledger.snapshot().stream().mapToLong(e -> e.outcomes().getOrDefault(Outcome.COMPARED, 0L)).sum();
    }

    @Test
    void aStalledCandidateGetsNoMoreMirrorsUntilAProbeIsAnsweredAndEveryUnsentOneCountsAsATimeout() throws Exception {
        try (RawServer stalled = RawServer.neverAnswering()) {
            startProxy(stalled.url(), "  mirror: { timeout: 1s }\n");
            int first = Mirror.STALLED_AFTER + 5;
            for (int i = 0; i < first; i++) {
                assertThat(send(HttpRequest.newBuilder(proxied("/items/" + i))).statusCode()).isEqualTo(200);
            }
            awaitExchanges(first); // all timed out: the candidate now counts as stalled for one timeout's length
            for (int i = 0; i < 10; i++) {
                assertThat(send(HttpRequest.newBuilder(proxied("/items/" + i))).statusCode()).isEqualTo(200);
            }
            EndpointStats.Snapshot s = awaitExchanges(first + 10);
            assertThat(stalled.requestsRead()).isEqualTo(first);
            assertThat(s.outcomes()).containsEntry(Outcome.TIMEOUT, (long) first + 10);
            assertThat(s.reasons()).containsEntry("timeout: candidate: not sent; " + Mirror.STALLED_AFTER
                    + " mirrors in a row got no answer within 1000 ms, and no answer has come since", 10L);

            // It recovers: once the pause is over, a probe is answered and mirroring resumes in full.
            stalled.startAnswering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                send(HttpRequest.newBuilder(proxied("/items/" + 1000)));
                return compared() > 0;
            });
            long compared = compared();
            for (int i = 0; i < 5; i++) {
                send(HttpRequest.newBuilder(proxied("/items/" + i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> compared() >= compared + 5);
        }
    }

    @Test
    void mirrorsBeyondTheConnectionCapWaitForAFreeConnectionInsteadOfOpeningMore() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
        try (RawServer slow = RawServer.holdingAnswers(answer)) {
            startProxy(slow.url(), "  mirror: { timeout: 10s, connections: 2, threads: 1 }\n");
            for (int i = 0; i < 6; i++) {
                assertThat(send(HttpRequest.newBuilder(proxied("/c/" + i))).statusCode()).isEqualTo(200);
            }
            // The clients have their answers; the candidate holds two mirrors, the other four wait in the proxy.
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.requestsRead() == 2);
            assertThat(ledger.exchanges()).isZero();
            slow.release();
            EndpointStats.Snapshot s = awaitExchanges(6);
            assertThat(s.outcomes()).containsEntry(Outcome.COMPARED, 6L);
            assertThat(slow.requestsRead()).isEqualTo(6);
            assertThat(slow.connections()).as("the waiting mirrors went over the two open connections").isEqualTo(2);
        }
    }

    @Test
    void aCandidateThatIsDownOrSendsGarbageNeverReachesTheClient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        startProxy("http://127.0.0.1:" + closedPort, "");
        assertThat(send(HttpRequest.newBuilder(proxied("/a"))).statusCode()).isEqualTo(200);
        EndpointStats.Snapshot down = awaitExchanges(1);
        assertThat(down.reasons()).containsKey("failed: candidate: cannot connect to 127.0.0.1:" + closedPort);
        // Right after a refused connection the candidate is not dialled again; the mirror still fails on record.
        assertThat(send(HttpRequest.newBuilder(proxied("/a"))).statusCode()).isEqualTo(200);
        EndpointStats.Snapshot backedOff = awaitExchanges(2);
        assertThat(backedOff.reasons()).containsKey("failed: candidate: cannot connect to 127.0.0.1:" + closedPort
                + " (not retried for 500 ms after a refused connection)");
        assertThat(backedOff.candidateErrors()).isEqualTo(2);
        stopProxy();

        try (RawServer garbage = new RawServer("NOT HTTP AT ALL\r\n\r\n")) {
            startProxy(garbage.url(), "");
            assertThat(new String(send(HttpRequest.newBuilder(proxied("/a"))).body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"ok\":true}");
            EndpointStats.Snapshot bad = awaitExchanges(1);
            assertThat(bad.outcomes()).containsEntry(Outcome.FAILED, 1L);
            assertThat(bad.reasons().keySet()).singleElement().asString().contains("invalid HTTP response");
        }
    }

    @Test
    void aCandidateThatResetsTheConnectionNeverReachesTheClient() throws Exception {
        try (RawServer resetting = RawServer.resetting()) {
            startProxy(resetting.url(), "");
            assertThat(new String(send(HttpRequest.newBuilder(proxied("/r"))).body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"ok\":true}");
            EndpointStats.Snapshot s = awaitExchanges(1);
            assertThat(s.outcomes()).containsEntry(Outcome.FAILED, 1L);
            assertThat(s.candidateErrors()).isEqualTo(1);
            assertThat(resetting.requestsRead()).isEqualTo(1);
        }
    }

    @Test
    void aCandidateThatResetsEveryConnectionIsBackedOffAfterAFewAndEveryMirrorIsStillCounted() throws Exception {
        try (RawServer resetting = RawServer.resetting()) {
            startProxy(resetting.url(), "");
            for (int i = 0; i < 20; i++) {
                assertThat(send(HttpRequest.newBuilder(proxied("/r/" + i))).statusCode()).isEqualTo(200);
            }
            EndpointStats.Snapshot s = awaitExchanges(20);
            assertThat(s.outcomes()).containsEntry(Outcome.FAILED, 20L);
            assertThat(s.candidateErrors()).isEqualTo(20);
            // 20 mirrors, most of them inside a back-off: the candidate was dialled for a few only (all 20 before).
            assertThat(resetting.requestsRead()).isBetween(Mirror.LOST_AFTER, 15);
            assertThat(s.reasons().keySet()).anyMatch(r -> r.contains("not retried for 500 ms after 3 connections in a row lost"));
        }
    }

    @Test
    void mirrorsBeyondTheInFlightBoundAreDroppedAndCounted() throws Exception {
        try (RawServer stalled = RawServer.neverAnswering()) {
            startProxy(stalled.url(), "  mirror: { timeout: 2s, maxInFlight: 2 }\n");
            for (int i = 0; i < 5; i++) {
                assertThat(send(HttpRequest.newBuilder(proxied("/items/" + i))).statusCode()).isEqualTo(200);
            }
            EndpointStats.Snapshot s = awaitExchanges(5);
            assertThat(s.outcomes()).containsEntry(Outcome.DROPPED, 3L).containsEntry(Outcome.TIMEOUT, 2L);
            assertThat(s.reasons()).containsEntry("dropped: candidate in-flight limit 2 reached", 3L);
        }
    }

    @Test
    void writesAreMirroredOnlyOnRoutesThatAllowIt() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), """
                routes:
                  - route: POST /api/attendance
                    mirrorWrites: true
                """);
        send(HttpRequest.newBuilder(proxied("/api/orders")).POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
        send(HttpRequest.newBuilder(proxied("/api/attendance")).POST(HttpRequest.BodyPublishers.ofString("{\"studentId\":1}")));
        awaitExchanges(1);
        assertThat(primary.getAllServeEvents()).hasSize(2);
        assertThat(candidate.getAllServeEvents()).singleElement()
                .satisfies(e -> {
                    assertThat(e.getRequest().getUrl()).isEqualTo("/api/attendance");
                    assertThat(e.getRequest().getBodyAsString()).isEqualTo("{\"studentId\":1}");
                });
        assertThat(proxy.notMirrored()).isEqualTo(1);
    }

    @Test
    void zeroPercentMirrorsNothingAndCanBeChangedWhileRunning() throws Exception {
        startProxy("http://127.0.0.1:" + candidate.port(), "  mirror: { percent: 0 }\n");
        for (int i = 0; i < 5; i++) {
            send(HttpRequest.newBuilder(proxied("/x")));
        }
        assertThat(proxy.mirrored()).isZero();
        proxy.mirrorPercent(100);
        send(HttpRequest.newBuilder(proxied("/x")));
        awaitExchanges(1);
        assertThat(candidate.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anUnreachablePrimaryIsA502WithAJsonError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String yaml = """
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(closedPort, candidate.port());
        SuiteConfig config = new ConfigLoader(k -> null).parse(yaml, "t.yaml");
        ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, ledger, null, 1, 10);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(proxied("/x")));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"primary unreachable\"}");
        EndpointStats.Snapshot s = awaitExchanges(1);
        assertThat(s.outcomes()).containsEntry(Outcome.FAILED, 1L);
    }

    /** Writes raw bytes on one connection and reads {@code responses} Content-Length-framed answers. */
    private List<String> rawExchange(String bytes, int responses) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            java.util.ArrayList<String> answers = new java.util.ArrayList<>();
            for (int i = 0; i < responses; i++) {
                answers.add(readResponse(in));
            }
            return answers;
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed after: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        boolean chunked = false;
        for (String line : h.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }
        // Chunked: the decoded body follows the head, as the test reads it.
        StringBuilder body = new StringBuilder();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return h + body;
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
