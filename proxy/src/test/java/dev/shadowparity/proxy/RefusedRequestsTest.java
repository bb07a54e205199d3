package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Well-formed requests a reverse proxy must not forward, on raw sockets: CONNECT (405, the connection stays usable),
 * an HTTP/2 preface (505, closed), HTTP/1.1 without Host and with two (400). None reaches a backend.
 */
class RefusedRequestsTest {

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

    private RawServer primary;
    private RawServer candidate;
    private ShadowProxy proxy;
    private ComparePipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        primary = new RawServer(OK, true);
        candidate = new RawServer(OK, true);
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(primary.url(), candidate.url()), "refused.yaml");
        pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, new Ledger(), null, 1, 100);
        proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, pipeline.ledger());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        pipeline.close();
        primary.close();
        candidate.close();
    }

    private Socket client() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String response(InputStream in) throws IOException {
        return RawServer.readResponse(in);
    }

    @Test
    void connectIsRefusedWith405AndTheConnectionServesTheNextRequest() throws Exception {
        try (Socket s = client()) {
            send(s, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 405").contains("not a tunnel");
            send(s, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 200").endsWith("{\"ok\":true}");
        }
        assertThat(primary.requestsRead()).as("only the GET reached the primary").isEqualTo(1);
    }

    @Test
    void http11WithoutOrWithTwoHostHeadersIs400() throws Exception {
        try (Socket s = client()) {
            send(s, "GET /nohost HTTP/1.1\r\nAccept: */*\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 400").contains("needs a Host header");
            send(s, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
        try (Socket s = client()) {
            send(s, "GET /twohosts HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 400").contains("more than one Host");
        }
        try (Socket s = client()) {
            send(s, "GET /old HTTP/1.0\r\n\r\n");
            assertThat(response(s.getInputStream())).as("HTTP/1.0 needs no Host").startsWith("HTTP/1.1 200");
        }
        assertThat(primary.requestsRead()).isEqualTo(2);
    }

    @Test
    void anAbsoluteFormTargetReachesTheBackendsInOriginFormWithItsAuthorityAsHost() throws Exception {
        try (Socket s = client()) {
            send(s, "GET http://ada:pw@shop.example:8443/api/items/3?fields=name HTTP/1.1\r\nHost: elsewhere\r\n\r\n");
            assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> candidate.heads().size() == 1 && pipeline.ledger().exchanges() == 1);
        for (RawServer backend : java.util.List.of(primary, candidate)) {
            String head = backend.heads().get(0);
            assertThat(head).startsWith("GET /api/items/3?fields=name HTTP/1.1\r\n").doesNotContain("ada:pw", "elsewhere");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("x-forwarded-host: shop.example:8443\r\n");
        }
        assertThat(pipeline.ledger().snapshot().get(0).endpoint().toString()).isEqualTo("GET /api/items/{id}");
    }
}
