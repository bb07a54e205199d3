package dev.shadowparity.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The primary's answer reaches the client as it arrives, not once it is complete. */
class StreamingTest {

    private final CountDownLatch releaseRest = new CountDownLatch(1);
    private ServerSocket primary;
    private WireMockServer candidate;
    private Ledger ledger;
    private ComparePipeline pipeline;
    private ShadowProxy proxy;

    @AfterEach
    void stop() throws Exception {
        releaseRest.countDown();
        if (proxy != null) {
            proxy.close();
            pipeline.close();
        }
        primary.close();
        candidate.stop();
    }

    /** A primary that sends the head and a first chunk, then waits; {@code finish} decides how it ends. */
    private void startPrimary(boolean finish) throws Exception {
        primary = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = primary.accept()) {
                RawServer.readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "6\r\nfirst \r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                releaseRest.await(20, TimeUnit.SECONDS);
                if (finish) {
                    out.write("4\r\nrest\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(200);
                }
                // else: the connection dies mid-response
            } catch (Exception e) {
                // the test is over
            }
        }, "streaming-primary");
        t.setDaemon(true);
        t.start();
        candidate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        candidate.start();
        candidate.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("first rest")));
        SuiteConfig config = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(primary.getLocalPort(), candidate.port()), "t.yaml");
        ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(config)::compare, ledger, null, 1, 10);
        proxy = ShadowProxy.start(ProxySetup.of(config, RouteTable.of(config.routes())), pipeline, pipeline.ledger());
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                return seen.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theClientReadsTheFirstChunkWhileThePrimaryStillHoldsTheRest() throws Exception {
        startPrimary(true);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = client.getInputStream();
            String first = readUntil(in, "first ");
            assertThat(first).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            assertThat(releaseRest.getCount()).as("the primary has not sent the rest yet").isEqualTo(1);
            releaseRest.countDown();
            assertThat(readUntil(in, "0\r\n\r\n")).contains("rest");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.exchanges() == 1);
        assertThat(ledger.snapshot().get(0).withRegression()).as("the whole streamed body was compared").isZero();
        assertThat(ledger.snapshot().get(0).compared()).isEqualTo(1);
    }

    @Test
    void aPrimaryThatDiesMidResponseCutsTheClientConnectionAndIsRecorded() throws Exception {
        startPrimary(false);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = client.getInputStream();
            readUntil(in, "first ");
            releaseRest.countDown();
            assertThat(readUntil(in, "0\r\n\r\n")).endsWith("<EOF>");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.exchanges() == 1);
        assertThat(ledger.snapshot().get(0).reasons().keySet()).singleElement().asString()
                .startsWith("failed: primary failed: primary: primary closed the connection mid-response");
    }
}
