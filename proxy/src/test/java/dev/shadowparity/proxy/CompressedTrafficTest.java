package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.HeadlessChromium;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real clients send: {@code Accept-Encoding: gzip, deflate, br, zstd}, and backends that compress when asked,
 * one with gzip (the legacy, as Express's compression does) and one with br, through the proxy on real sockets.
 * The client gets the primary's bytes untouched; the pair compares by its decoded JSON.
 */
class CompressedTrafficTest {

    static final String STUDENT = "{\"id\":7,\"name\":\"Ada\",\"courses\":[{\"id\":1,\"title\":\"Logic\"}],\"bio\":\"" + "x".repeat(3000) + "\"}";
    static final String BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

    private final List<HttpServer> servers = new java.util.ArrayList<>();
    private ShadowProxy proxy;
    private ComparePipeline pipeline;

    /** A backend answering JSON, compressed with {@code coding} when the request accepts it; keeps what it sent. */
    private final class Backend {
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
        final String url;

        Backend(String coding, UnaryOperator<String> body) throws IOException {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", x -> {
                String accepted = x.getRequestHeaders().getFirst("Accept-Encoding");
                acceptEncodings.add(String.valueOf(accepted));
                byte[] json = body.apply(STUDENT).getBytes(StandardCharsets.UTF_8);
                int status = x.getRequestURI().getPath().startsWith("/api/") ? 200 : 404;
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.getResponseHeaders().add("Vary", "Accept-Encoding");
                byte[] out = json;
                if (accepted != null && accepted.contains(coding)) {
                    out = compress(coding, json);
                    x.getResponseHeaders().add("Content-Encoding", coding);
                }
                sent.add(out);
                x.sendResponseHeaders(status, out.length);
                x.getResponseBody().write(out);
                x.close();
            });
            s.start();
            servers.add(s);
            url = "http://127.0.0.1:" + s.getAddress().getPort();
        }
    }

    static byte[] compress(String coding, byte[] body) throws IOException {
        if (coding.equals("br")) {
            Brotli4jLoader.ensureAvailability();
            return Encoder.compress(body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private void start(Backend primary, Backend candidate, String extraYaml) throws InterruptedException {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "%s" }
                  candidate: { url: "%s" }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                routes:
                  - route: GET /api/students/{id}
                """.formatted(primary.url, candidate.url) + extraYaml, "compressed.yaml");
        pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, new Ledger(), null, 2, 100);
        proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, pipeline.ledger());
    }

    private String proxyUrl(String path) {
        return "http://127.0.0.1:" + proxy.address().getPort() + path;
    }

    private EndpointStats.Snapshot students(long compared) {
        await().atMost(Duration.ofSeconds(15)).until(() -> pipeline.ledger().snapshot().stream()
                .anyMatch(s -> s.endpoint().toString().equals("GET /api/students/{id}") && s.compared() >= compared));
        return pipeline.ledger().snapshot().stream().filter(s -> s.endpoint().toString().equals("GET /api/students/{id}"))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aGzipLegacyAndABrotliRewriteCompareByTheirDecodedJsonAndTheClientGetsThePrimarysBytes() throws Exception {
        Backend legacy = new Backend("gzip", UnaryOperator.identity());
        Backend rewrite = new Backend("br", UnaryOperator.identity());
        start(legacy, rewrite, "");
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxyUrl("/api/students/7")))
                .header("Accept-Encoding", BROWSER_ACCEPT_ENCODING)
                .header("Accept", "application/json, text/plain, */*")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36")
                .header("Cookie", "session=s-1; theme=dark").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(answer.body()).as("the primary's bytes, untouched").isEqualTo(legacy.sent.get(0));
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(answer.body())).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(STUDENT);

        EndpointStats.Snapshot s = students(1);
        assertThat(rewrite.acceptEncodings).containsExactly(BROWSER_ACCEPT_ENCODING);
        // The bodies are equal once decoded; what differs is how they were sent, and that is a header of its own
        // (spelled as the JDK's server sends it).
        assertThat(s.regressions()).extracting(f -> f.key().path().toLowerCase(java.util.Locale.ROOT) + " " + f.key().kind().label())
                .containsExactly("header:content-encoding header");
    }

    @Test
    void aFieldTheRewriteChangedInsideItsCompressedAnswerIsNamed() throws Exception {
        start(new Backend("gzip", UnaryOperator.identity()), new Backend("br", b -> b.replace("\"Logic\"", "\"Logik\"")),
                "noise: { ignoreHeaders: [Content-Encoding, Content-Length, Date, Vary] }\n");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxyUrl("/api/students/7")))
                .header("Accept-Encoding", BROWSER_ACCEPT_ENCODING).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(students(1).regressions()).extracting(f -> f.key().path() + " " + f.key().kind().label())
                .containsExactly("$.courses[*].title value");
    }

    @Test
    void headlessChromiumThroughTheProxyToAGzipAndABrotliBackendComparesEqual(@TempDir Path work) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip(work);
        Backend legacy = new Backend("gzip", UnaryOperator.identity());
        Backend rewrite = new Backend("br", UnaryOperator.identity());
        start(legacy, rewrite, "noise: { ignoreHeaders: [Content-Encoding, Content-Length, Date, Vary] }\n");
        String dom = chromium.dom(proxyUrl("/api/students/7"));
        assertThat(dom).as("the browser decoded the primary's gzip").contains("\"name\":\"Ada\"");
        EndpointStats.Snapshot s = students(1);
        // The browser's own header, which both backends honoured: one answered gzip, the other br.
        assertThat(legacy.acceptEncodings.get(0)).contains("gzip").contains("br");
        assertThat(rewrite.acceptEncodings.get(0)).isEqualTo(legacy.acceptEncodings.get(0));
        assertThat(s.compared()).isEqualTo(1);
        assertThat(s.regressions()).isEmpty();
        assertThat(s.parityRate()).isEqualTo(1.0);
        assertThat(Map.of("candidate", compressedOf(rewrite), "primary", compressedOf(legacy)))
                .containsEntry("candidate", true).containsEntry("primary", true);
    }

    private static boolean compressedOf(Backend b) {
        return !new String(b.sent.get(0), StandardCharsets.ISO_8859_1).contains("\"name\"");
    }
}
