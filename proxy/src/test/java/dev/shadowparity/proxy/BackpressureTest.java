package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.RawServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must slow the primary down, not make the proxy buffer the primary's whole
 * answer: the proxy stops reading the primary while the client's socket is not writable.
 */
class BackpressureTest {

    private static final long BODY = 128L << 20;
    private static final int PIECE = 64 << 10;

    private final AtomicLong primaryWrote = new AtomicLong();
    private ServerSocket primary;
    private ComparePipeline pipeline;
    private ShadowProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
            pipeline.close();
        }
        primary.close();
    }

    /** Byte {@code i} of the body; a pattern whose period (251) does not divide the piece size. */
    private static byte at(long i) {
        return (byte) (i % 251);
    }

    private void startPrimary() throws Exception {
        startPrimary(BODY);
    }

    private void startPrimary(long body) throws Exception {
        primary = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = primary.accept()) {
                RawServer.readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                byte[] piece = new byte[PIECE];
                for (long sent = 0; sent < body; sent += PIECE) {
                    for (int i = 0; i < PIECE; i++) {
                        piece[i] = at(sent + i);
                    }
                    out.write(piece); // blocks once the proxy stops reading and the socket buffers are full
                    primaryWrote.addAndGet(PIECE);
                }
                out.flush();
                Thread.sleep(500);
            } catch (Exception e) {
                // the test is over
            }
        }, "flooding-primary");
        t.setDaemon(true);
        t.start();
        SuiteConfig config = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:9" }
                proxy:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  primaryTimeout: 60s
                  mirror: { percent: 0 }
                """.formatted(primary.getLocalPort()), "t.yaml");
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, new Ledger(), null, 1, 10);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
    }

    /** Polls until the primary has written nothing new for a second (bounded: 30 polls). */
    private long primaryStalledAt() throws InterruptedException {
        long last = -1;
        int unchanged = 0;
        for (int poll = 0; poll < 30 && unchanged < 5; poll++) {
            Thread.sleep(200);
            long now = primaryWrote.get();
            unchanged = now == last ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    @Test
    void aClientThatStopsReadingPausesThePrimaryAndThenGetsEveryByte() throws Exception {
        startPrimary();
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(64 << 10);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.address().getPort()));
            client.setSoTimeout(20_000);
            client.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            long stalledAt = primaryStalledAt();
            assertThat(stalledAt)
                    .as("bytes the primary could send while the client read nothing (socket buffers and the "
                            + "proxy's write watermark, not the whole body)")
                    .isLessThan(BODY / 4);

            InputStream in = client.getInputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                assertThat(b).as("end of the response head").isNotNegative();
                state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
            }
            byte[] buffer = new byte[PIECE];
            long received = 0;
            long mismatchAt = -1;
            int n;
            while (received < BODY && (n = in.read(buffer)) > 0) {
                for (int i = 0; i < n && mismatchAt < 0; i++) {
                    if (buffer[i] != at(received + i)) {
                        mismatchAt = received + i;
                    }
                }
                received += n;
            }
            assertThat(mismatchAt).as("first byte that differs from what the primary sent").isEqualTo(-1);
            assertThat(received).isEqualTo(BODY);
        }
    }

    @Test
    void anHttp2StreamWhoseWindowStaysClosedPausesThePrimaryAndThenGetsEveryByte() throws Exception {
        long body = 32L << 20;
        startPrimary(body);
        try (H2TestClient h2 = new H2TestClient(proxy.address().getPort(), null)) {
            H2TestClient.Stream stream = h2.open();
            // The client reads nothing: no WINDOW_UPDATE, so the stream's window (64 KiB) closes.
            stream.channel.config().setAutoRead(false);
            stream.channel.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2HeadersFrame(H2TestClient.get("/big"), true));
            long stalledAt = primaryStalledAt();
            assertThat(stalledAt).as("bytes the primary could send while the stream's window was closed").isLessThan(body / 4);

            stream.channel.config().setAutoRead(true);
            H2TestClient.Answer answer = stream.answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(stream.received.get()).isEqualTo(body);
            byte[] first = stream.firstBytes();
            for (int i = 0; i < first.length; i += 4099) {
                assertThat(first[i]).as("byte %d", i).isEqualTo(at(i));
            }
        }
    }
}
