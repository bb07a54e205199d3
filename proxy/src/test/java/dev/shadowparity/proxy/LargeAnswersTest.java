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
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A candidate that answers 40 MB, chunked (no length to refuse it by), behind a proxy whose capture limit is 1 MiB:
 * the answer is read to its end and dropped rather than held, the exchange is skipped as too-large with the size
 * seen, the candidate's connection is used again, and no mirror bytes stay held.
 */
class LargeAnswersTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

    private ServerSocket hugeCandidate;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger bytesWritten = new AtomicInteger();
    private RawServer primary;
    private ShadowProxy proxy;
    private ComparePipeline pipeline;

    /** Answers every request with 40 MB of a JSON string, in 64 KB chunks, on a keep-alive connection. */
    private void startHugeCandidate() throws IOException {
        hugeCandidate = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!hugeCandidate.isClosed()) {
                try (Socket s = hugeCandidate.accept()) {
                    connections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    while (RawServer.readHead(in)) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n\"\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 640; i++) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(chunk);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            bytesWritten.addAndGet(chunk.length);
                        }
                        out.write("1\r\n\"\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed by the test or the proxy
                }
            }
        }, "huge-candidate");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy == null) {
            return; // a test that started nothing
        }
        proxy.close();
        pipeline.close();
        primary.close();
        hugeCandidate.close();
    }

    @Test
    void aCandidateAnswerPastTheCaptureLimitIsDrainedNotHeldAndSkippedWithItsSize() throws Exception {
        primary = new RawServer(OK, true);
        startHugeCandidate();
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "http://127.0.0.1:%d" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0, captureLimit: 1MiB, mirror: { timeout: 20s, connections: 1, threads: 1 } }
                """.formatted(primary.url(), hugeCandidate.getLocalPort()), "large.yaml");
        Ledger ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 100);
        proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort()
                    + "/api/export")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"ok\":true}");
            int exchanges = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.exchanges() == exchanges);
        }
        assertThat(ledger.snapshot().get(0).reasons()).containsOnly(org.assertj.core.api.Assertions.entry(
                "skipped: candidate: too-large (the answer passed the capture limit of 1MiB; 32MiB-64MiB seen)", 2L));
        assertThat(bytesWritten.get()).as("both answers were read to their end").isEqualTo(2 * 640 * 64 * 1024);
        assertThat(connections.get()).as("and the connection was used again").isEqualTo(1);
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("parity_mirror_buffered_bytes 0.0");
    }

    @Test
    void sizesAreToldAsPowerOfTwoRanges() {
        assertThat(Mirror.sizeClass(100)).isEqualTo("under 1KiB");
        assertThat(Mirror.sizeClass(6000)).isEqualTo("4KiB-8KiB");
        assertThat(Mirror.sizeClass(200L << 20)).isEqualTo("128MiB-256MiB");
    }
}
