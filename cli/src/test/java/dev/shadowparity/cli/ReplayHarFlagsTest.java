package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parity replay --traffic session.har} with the HAR flags, against two real backends. */
class ReplayHarFlagsTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer primary;
    private HttpServer candidate;

    private HttpServer backend() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            if (s == primary) {
                seen.add(x.getRequestMethod() + " " + x.getRequestURI());
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        primary.stop(0);
        candidate.stop(0);
    }

    private static String entry(String type, String method, String url, String extraHeader) {
        return """
                {"_resourceType":"%s","request":{"method":"%s","url":"%s","headers":[{"name":"Accept","value":"*/*"}%s]},
                 "response":{"status":200,"content":{"mimeType":"application/json"}}}""".formatted(type, method, url,
                extraHeader == null ? "" : ",{\"name\":\"" + extraHeader + "\",\"value\":\"PUT\"}");
    }

    @Test
    void theHarFlagsChooseWhatIsReplayedAndWhatIsLeftOutIsPrintedByReason(@TempDir Path dir) throws Exception {
        primary = backend();
        candidate = backend();
        Path har = dir.resolve("session.har");
        Files.writeString(har, "{\"log\":{\"version\":\"1.2\",\"entries\":[" + String.join(",",
                entry("xhr", "GET", "https://app.example/api/students/1", null),
                entry("image", "GET", "https://app.example/logo.png", null),
                entry("preflight", "OPTIONS", "https://app.example/api/students/1", "Access-Control-Request-Method"),
                entry("fetch", "GET", "https://cdn.example/api/config", null)) + "]}}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ParityCommand.execute(new String[] {"replay", "--primary", "http://127.0.0.1:" + primary.getAddress().getPort(),
                "--candidate", "http://127.0.0.1:" + candidate.getAddress().getPort(), "--traffic", har.toString(),
                "--har-host", "app.example", "--out", dir.resolve("run").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + "" + err).isEqualTo(ParityCommand.PROMOTE);
        assertThat(out.toString()).contains("(har): 1 requests read, 0 skipped", "left out  1: resource type image",
                "left out  1: CORS preflight", "left out  1: host cdn.example (not a --har-host)");
        assertThat(seen).containsExactly("GET /api/students/1");

        seen.clear();
        out = new StringWriter();
        exit = ParityCommand.execute(new String[] {"replay", "--primary", "http://127.0.0.1:" + primary.getAddress().getPort(),
                "--candidate", "http://127.0.0.1:" + candidate.getAddress().getPort(), "--traffic", har.toString(),
                "--har-types", "all", "--har-preflights", "--out", dir.resolve("all").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + "" + err).isEqualTo(ParityCommand.PROMOTE);
        assertThat(out.toString()).contains("(har): 4 requests read").doesNotContain("left out");
        assertThat(seen).hasSize(4);
    }
}
