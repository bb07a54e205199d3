package dev.shadowparity.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HAR file as Chrome's devtools save a page session: API calls among assets, a document, CORS preflights,
 * third-party hosts, forms kept as {@code postData.params}, and response bodies the replay never needs.
 */
class HarTrafficTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final ArrayNode entries = MAPPER.createArrayNode();

    private ObjectNode entry(String type, String method, String url, String responseMime) {
        ObjectNode e = entries.addObject();
        if (type != null) {
            e.put("_resourceType", type);
        }
        e.put("startedDateTime", "2026-12-01T10:00:00.000Z");
        ObjectNode r = e.putObject("request").put("method", method).put("url", url).put("httpVersion", "h2");
        r.putArray("headers").addObject().put("name", ":authority").put("value", "app.example");
        r.withArray("headers").addObject().put("name", "accept").put("value", "*/*");
        e.putObject("response").put("status", 200).putObject("content").put("mimeType", responseMime).put("text", "…");
        return e;
    }

    private Path har() throws Exception {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode log = root.putObject("log").put("version", "1.2");
        log.putObject("creator").put("name", "WebInspector").put("version", "537.36");
        log.putArray("pages").addObject().put("id", "page_1");
        log.set("entries", entries);
        Path file = dir.resolve("session.har");
        MAPPER.writeValue(file.toFile(), root);
        return file;
    }

    private void pageSession() {
        entry("document", "GET", "https://app.example/students", "text/html");
        entry("script", "GET", "https://app.example/static/app.js", "application/javascript");
        entry("stylesheet", "GET", "https://app.example/static/app.css", "text/css");
        entry("image", "GET", "https://cdn.example/logo.png", "image/png");
        entry("font", "GET", "https://fonts.example/inter.woff2", "font/woff2");
        entry("xhr", "GET", "https://app.example/api/students?page=2", "application/json");
        entry("fetch", "GET", "https://api.example:8443/api/courses", "application/json");
        entry("xhr", "POST", "https://analytics.example/collect", "text/plain");
        ObjectNode preflight = entry("preflight", "OPTIONS", "https://api.example:8443/api/courses", "");
        preflight.with("request").withArray("headers").addObject().put("name", "Access-Control-Request-Method").put("value", "PUT");
        ObjectNode untyped = entry(null, "OPTIONS", "https://api.example:8443/api/courses", "");
        untyped.with("request").withArray("headers").addObject().put("name", "access-control-request-method").put("value", "PUT");
        entry(null, "GET", "https://app.example/favicon.ico", "image/x-icon"); // no _resourceType: typed by its answer
        ObjectNode form = entry("fetch", "POST", "https://app.example/api/login", "application/json");
        ObjectNode post = form.with("request").putObject("postData").put("mimeType", "application/x-www-form-urlencoded");
        post.putArray("params").addObject().put("name", "user").put("value", "ada lovelace");
        post.withArray("params").addObject().put("name", "tag").put("value", "a%26b");
        post.withArray("params").addObject().put("name", "tag").put("value", "c");
        ObjectNode multipart = entry("xhr", "POST", "https://app.example/api/avatar", "application/json");
        ObjectNode mp = multipart.with("request").putObject("postData")
                .put("mimeType", "multipart/form-data; boundary=----WebKitFormBoundaryX");
        mp.putArray("params").addObject().put("name", "caption").put("value", "me");
        ObjectNode binary = entry("fetch", "PUT", "https://app.example/api/blob", "application/json");
        binary.with("request").putObject("postData").put("mimeType", "application/octet-stream")
                .put("encoding", "base64").put("text", "AAEC/w==");
    }

    @Test
    void byDefaultOnlyApiCallsAreReplayedAndTheRestIsCountedByReason() throws Exception {
        pageSession();
        TrafficReader.Traffic t = TrafficReader.read(har(), TrafficReader.Format.HAR, true);
        assertThat(t.requests()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "GET /api/students?page=2", "GET /api/courses", "POST /collect", "POST /api/login", "POST /api/avatar",
                "PUT /api/blob");
        assertThat(t.leftOut()).containsOnly(
                org.assertj.core.api.Assertions.entry("resource type document", 1),
                org.assertj.core.api.Assertions.entry("resource type script", 1),
                org.assertj.core.api.Assertions.entry("resource type stylesheet", 1),
                org.assertj.core.api.Assertions.entry("resource type image", 2),
                org.assertj.core.api.Assertions.entry("resource type font", 1),
                org.assertj.core.api.Assertions.entry("CORS preflight", 2));
        assertThat(t.skipped()).isEmpty();
        assertThat(t.read()).isEqualTo(entries.size());
    }

    @Test
    void formsKeptAsParamsAndBase64BodiesAreSentAsTheBrowserSentThem() throws Exception {
        pageSession();
        List<ReplayRequest> sent = TrafficReader.read(har(), TrafficReader.Format.HAR, true).requests();
        ReplayRequest login = sent.get(3);
        assertThat(new String(login.body(), StandardCharsets.UTF_8)).isEqualTo("user=ada+lovelace&tag=a%26b&tag=c");
        assertThat(login.headers().first("Content-Type")).contains("application/x-www-form-urlencoded");
        ReplayRequest avatar = sent.get(4);
        String type = avatar.headers().first("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/form-data; boundary=parity-");
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
        assertThat(new String(avatar.body(), StandardCharsets.UTF_8)).isEqualTo("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nme\r\n--" + boundary + "--\r\n");
        assertThat(sent.get(5).body()).containsExactly(0, 1, 2, 0xff);
        assertThat(sent).allSatisfy(r -> assertThat(r.headers().entries()).noneMatch(h -> h.name().startsWith(":")));
    }

    @Test
    void hostsTypesAndPreflightsCanBeChosen() throws Exception {
        pageSession();
        Path file = har();
        TrafficReader.Traffic api = TrafficReader.read(file, TrafficReader.Format.HAR, true,
                new HarReader.Filter(Set.of("API.example"), Set.of("xhr", "fetch", "preflight"), true));
        assertThat(api.requests()).extracting(r -> r.method() + " " + r.uri())
                .containsExactly("GET /api/courses", "OPTIONS /api/courses", "OPTIONS /api/courses");
        assertThat(api.leftOut()).containsEntry("host app.example (not a --har-host)", 8)
                .containsEntry("host cdn.example (not a --har-host)", 1)
                .containsEntry("host analytics.example (not a --har-host)", 1);
        TrafficReader.Traffic all = TrafficReader.read(file, TrafficReader.Format.HAR, true,
                new HarReader.Filter(Set.of(), Set.of(), true));
        assertThat(all.requests()).hasSize(entries.size());
        assertThat(all.leftOut()).isEmpty();
    }

    @Test
    void aBadEntryIsNamedWithItsIndexAndLineAndTheRestStillRead() throws Exception {
        entry("xhr", "GET", "https://app.example/api/a", "application/json");
        entries.addObject().put("_resourceType", "xhr").putObject("request").put("method", "GET").put("url", "not a url");
        entry("xhr", "GET", "https://app.example/api/b", "application/json");
        Path file = har();
        TrafficReader.Traffic t = TrafficReader.read(file, TrafficReader.Format.HAR, false);
        assertThat(t.requests()).hasSize(2);
        assertThat(t.skipped()).containsOnlyKeys(file + ": log.entries[1] (line 1)");
        assertThat(t.skipped().values()).singleElement().satisfies(why -> assertThat(why).startsWith("field 'request.url':"));
    }

    /**
     * A session whose answers total ~120 MB is read by a JVM with a 48 MB heap: one entry at a time. Reading the whole
     * file as one tree, as before, needs several times the file's size.
     */
    @Test
    void aLargeRecordingIsReadAsAStreamInSmallMemory() throws Exception {
        Path file = dir.resolve("large.har");
        String body = "x".repeat(1 << 20);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\"},\"entries\":[");
            for (int i = 0; i < 120; i++) {
                w.write((i == 0 ? "" : ",") + "{\"_resourceType\":\"fetch\",\"request\":{\"method\":\"GET\",\"url\":\"https://app.example/api/items/"
                        + i + "\",\"headers\":[]},\"response\":{\"status\":200,\"content\":{\"mimeType\":\"application/json\",\"text\":\"");
                w.write(body);
                w.write("\"}}}");
            }
            w.write("]}}");
        }
        assertThat(Files.size(file)).isGreaterThan(120L << 20);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), ReadHar.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("the child's output").isEqualTo("120 requests\n");
        assertThat(p.exitValue()).isZero();
    }

    /** The child JVM of {@link #aLargeRecordingIsReadAsAStreamInSmallMemory}. */
    public static final class ReadHar {
        public static void main(String[] args) {
            System.out.println(TrafficReader.read(Path.of(args[0]), TrafficReader.Format.HAR, true).requests().size() + " requests");
        }
    }
}
