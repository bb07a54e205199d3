package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parity proxy} as a real process: SIGTERM mid-request loses no answer and no exchange record. */
class ProxyShutdownTest {

    private final CountDownLatch slowRequestArrived = new CountDownLatch(1);
    private HttpServer primary;
    private HttpServer candidate;
    private Process process;

    private HttpServer backend(String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow") && s == primary) {
                slowRequestArrived.countDown();
                sleep(1500);
            }
            reply(exchange, body);
        });
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        s.start();
        return s;
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (primary != null) {
            primary.stop(0);
        }
        if (candidate != null) {
            candidate.stop(0);
        }
    }

    @Test
    void sigtermAnswersInFlightRequestsThenWritesEveryExchangeAndExitsWithTheGatesCode(@TempDir Path out) throws Exception {
        primary = backend("{\"name\":\"Ada\",\"v\":1}");
        candidate = backend("{\"name\":\"Ada\",\"v\":2}");
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        // Output goes to a file: a pipe reader can lose the tail when the JDK drains the pipe at exit.
        Path log = out.resolve("proxy.log");
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ParityCommand.class.getName(),
                "proxy", "--listen", "127.0.0.1:" + port, "--admin", "127.0.0.1:0",
                "--primary", "http://127.0.0.1:" + primary.getAddress().getPort(),
                "--candidate", "http://127.0.0.1:" + candidate.getAddress().getPort(),
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 600 && !(Files.exists(log) && Files.readString(log).contains("proxy     listening")); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log)).as("the proxy started").contains("proxy     listening");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/items/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("{\"name\":\"Ada\",\"v\":1}");
        }
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowRequestArrived.await(10, TimeUnit.SECONDS)).isTrue();

        process.destroy(); // SIGTERM while /slow is still at the primary

        assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("{\"name\":\"Ada\",\"v\":1}");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(ParityCommand.HOLD);
        assertThat(output).contains("GET /items/{id}").contains("$.v value (5)").contains("verdict: HOLD");
        List<String> lines = Files.readAllLines(out.resolve("exchanges.jsonl"));
        assertThat(lines).hasSize(6);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode x = mapper.readTree(line);
            assertThat(x.path("outcome").asText()).isEqualTo("compared");
        }
        assertThat(mapper.readTree(lines.get(5)).path("request").path("uri").asText()).isEqualTo("/slow");
        assertThat(mapper.readTree(out.resolve("verdict.json").toFile()).path("verdict").asText()).isEqualTo("hold");
    }

    /**
     * SIGKILL leaves no verdict, only the log, written whole line by line at least once a second. {@code parity report
     * --config} rebuilds the ledger from it, judges it and writes every file, saying it was recovered; a line torn by
     * the kill is skipped and counted.
     */
    @Test
    void afterSigkillReportRebuildsTheVerdictFromTheSurvivingLog(@TempDir Path out) throws Exception {
        primary = backend("{\"name\":\"Ada\",\"v\":1}");
        candidate = backend("{\"name\":\"Ada\",\"v\":2}");
        int port = freePort();
        Path suite = out.resolve("parity.yaml");
        Files.writeString(suite, """
                suite: killed
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d" }
                routes:
                  - route: GET /items/{id}
                """.formatted(primary.getAddress().getPort(), candidate.getAddress().getPort()));
        Path run = out.resolve("run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = out.resolve("proxy.log");
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ParityCommand.class.getName(),
                "proxy", "--config", suite.toString(), "--listen", "127.0.0.1:" + port, "--admin", "127.0.0.1:0",
                "--out", run.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 600 && !(Files.exists(log) && Files.readString(log).contains("proxy     listening")); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log)).as("the proxy started").contains("proxy     listening");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 12; i++) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/items/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        Path exchanges = run.resolve("exchanges.jsonl");
        for (int i = 0; i < 100 && !(Files.exists(exchanges) && Files.readAllLines(exchanges).size() == 12); i++) {
            Thread.sleep(100); // the writer flushes once a second
        }
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no verdict
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.resolve("verdict.json")).doesNotExist();
        assertThat(Files.readAllLines(exchanges)).hasSize(12);
        Files.writeString(exchanges, "{\"id\":13,\"endpoint\":\"GET /it", StandardOpenOption.APPEND);

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = ParityCommand.execute(new String[] {"report", "--in", run.toString()}, new PrintWriter(stdout, true),
                new PrintWriter(stderr, true));
        assertThat(exit).isEqualTo(ParityCommand.INVALID);
        assertThat(stderr.toString()).contains("has exchanges.jsonl but no verdict.json (was the run cut short?): give --config");

        stdout = new StringWriter();
        exit = ParityCommand.execute(new String[] {"report", "--in", run.toString(), "--config", suite.toString()},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertThat(exit).as(stdout + "" + stderr).isEqualTo(ParityCommand.HOLD);
        assertThat(stdout.toString()).contains("recovered rebuilt from exchanges.jsonl after the run was cut short: 12 exchanges read,"
                + " 0 missing from the log (of ids 1-12), 1 unreadable lines skipped").contains("$.v value (12)");
        JsonNode verdict = new ObjectMapper().readTree(run.resolve("verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("hold");
        assertThat(verdict.path("totals").path("exchanges").asLong()).isEqualTo(12);
        assertThat(verdict.path("environment").path("recovered").asText()).startsWith("rebuilt from exchanges.jsonl");
        assertThat(run.resolve("allure-report/index.html")).exists();
    }
}
