package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold the proxy's connections without using them, on raw sockets: a slow-loris head and a silent
 * connection get 408 and are closed within the header timeout; an idle keep-alive connection is closed after the
 * keep-alive timeout while a busy one stays; connections beyond the cap get 503; a client that goes away mid-answer
 * has the primary's connection cut at once, recorded as "client aborted" and not as the primary's error.
 */
class HostileClientsTest {

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

    private final List<AutoCloseable> open = new ArrayList<>();
    private ShadowProxy proxy;
    private Ledger ledger;

    private void start(String primaryAnswer, String clientsYaml) throws Exception {
        RawServer primary = new RawServer(primaryAnswer, true);
        RawServer candidate = new RawServer(OK, true);
        open.add(primary);
        open.add(candidate);
        start(primary, candidate, clientsYaml);
    }

    private void start(RawServer primary, RawServer candidate, String clientsYaml) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, clients: %s }
                """.formatted(primary.url(), candidate.url(), clientsYaml), "hostile.yaml");
        ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 100);
        proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        open.add(0, pipeline);
        open.add(0, proxy);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort());
        s.setSoTimeout(10_000);
        open.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Everything the proxy sends until it closes the connection (bounded by the socket's read timeout). */
    private static String untilClosed(Socket s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static String response(InputStream in) throws IOException {
        return RawServer.readResponse(in);
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + proxy.adminAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aSlowLorisHeadAndASilentConnectionGet408WithinTheHeaderTimeout() throws Exception {
        start(OK, "{ headerTimeout: 400ms }");
        Socket loris = client();
        Socket silent = client();
        send(loris, "GET /api/x HTTP/1.1\r\nHost: shop\r\nX-Slow: 1\r\n");
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            try {
                send(loris, "X-More-" + i + ": x\r\n"); // a trickle, never the blank line
            } catch (IOException closed) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(untilClosed(loris)).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close")
                .endsWith("{\"error\":\"the request was not received within 400 ms\"}");
        assertThat(untilClosed(silent)).startsWith("HTTP/1.1 408 ");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(9));
        assertThat(metrics()).contains("parity_client_header_timeouts_total 2.0");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWhileABusyOneStays() throws Exception {
        start(OK, "{ keepAliveTimeout: 500ms }");
        Socket busy = client();
        Socket idle = client();
        send(idle, "GET /a HTTP/1.1\r\nHost: shop\r\n\r\n");
        assertThat(response(idle.getInputStream())).startsWith("HTTP/1.1 200");
        for (int i = 0; i < 5; i++) {
            send(busy, "GET /a HTTP/1.1\r\nHost: shop\r\n\r\n");
            assertThat(response(busy.getInputStream())).as("request %d on the same connection", i).startsWith("HTTP/1.1 200");
            Thread.sleep(200); // under the keep-alive timeout each time, 1 s in all
        }
        assertThat(untilClosed(idle)).as("closed with nothing more sent").isEmpty();
        assertThat(metrics()).contains("parity_client_keepalive_timeouts_total 1.0");
    }

    @Test
    void connectionsBeyondTheCapGet503AndAFreedPlaceIsServed() throws Exception {
        start(OK, "{ maxConnections: 2 }");
        Socket first = client();
        Socket second = client();
        send(first, "GET /a HTTP/1.1\r\nHost: shop\r\n\r\n");
        assertThat(response(first.getInputStream())).startsWith("HTTP/1.1 200");
        send(second, "GET /a HTTP/1.1\r\nHost: shop\r\n\r\n");
        assertThat(response(second.getInputStream())).startsWith("HTTP/1.1 200");
        Socket third = client();
        assertThat(untilClosed(third)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("too many client connections (the proxy serves at most 2 at once)");
        first.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Socket again = client();
            send(again, "GET /a HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n");
            assertThat(untilClosed(again)).startsWith("HTTP/1.1 200");
        });
        assertThat(metrics()).contains("parity_client_connections_refused_total 1.0");
    }

    @Test
    void aClientGoneMidAnswerHasThePrimarysConnectionCutAndIsNotThePrimarysError() throws Exception {
        // The primary sends a head and 5 of 1,000,000 bytes, then nothing: only the client's going away ends it.
        RawServer primary = new RawServer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\nhello", true);
        RawServer candidate = new RawServer(OK, true);
        open.add(primary);
        open.add(candidate);
        start(primary, candidate, "{}");
        Socket s = client();
        send(s, "GET /api/big HTTP/1.1\r\nHost: shop\r\n\r\n");
        InputStream in = s.getInputStream();
        byte[] first = new byte[16];
        assertThat(in.read(first)).isPositive();
        s.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> primary.connectionsEnded() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.exchanges() == 1);
        assertThat(ledger.snapshot().get(0).reasons())
                .containsEntry("skipped: client aborted before the primary's answer was relayed whole", 1L);
        String m = metrics();
        assertThat(m).contains("parity_client_aborts_total 1.0").contains("parity_primary_errors_total 0.0");
    }
}
