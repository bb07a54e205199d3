package dev.shadowparity.image;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image jib wrote to {@code target/parity-image.tar} (no daemon involved in building it), loaded into a real Docker
 * daemon and run: {@code parity demo} inside it holds with the summary, and {@code parity proxy} as a sidecar answers
 * clients through its port (host networking: no registry, no NAT here), mirrors, and writes its run folder when stopped.
 *
 * <p>Skipped where no Docker daemon runs, unless {@code PARITY_REQUIRE_DOCKER=1} (set by {@code .ci/run}, which starts
 * one) makes that a failure.
 */
class ParityImageTest {

    static final String IMAGE = System.getProperty("parity.image", "shadow-parity/parity:0.1.0-SNAPSHOT");
    static final Path TAR = Path.of(System.getProperty("parity.image.tar", "target/parity-image.tar"));

    @TempDir
    static Path work;
    private static final List<String> started = new ArrayList<>();

    record Result(int exit, String output) {}

    static Result docker(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " did not end within " + limit);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void loadTheImage() throws Exception {
        if (!daemonAnswers()) {
            if (System.getenv("PARITY_REQUIRE_DOCKER") != null) {
                throw new AssertionError("PARITY_REQUIRE_DOCKER is set but no Docker daemon answers");
            }
            Assumptions.abort("no Docker daemon answers: the image test is skipped on this machine"
                    + " (.ci/run starts one: dockerd --iptables=false --ip-masq=false)");
        }
        assertThat(TAR).as("jib's tarball (mvn package -pl image)").isRegularFile();
        Result load = docker(Duration.ofMinutes(2), "load", "-i", TAR.toAbsolutePath().toString());
        assertThat(load.exit()).as(load.output()).isZero();
        assertThat(load.output()).contains("Loaded image: " + IMAGE);
    }

    /** The docker CLI this test drives, asked once; no Testcontainers, whose discovery would try to pull its own images. */
    private static boolean daemonAnswers() {
        try {
            return docker(Duration.ofSeconds(20), "info", "--format", "{{.ServerVersion}}").exit() == 0;
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    @AfterAll
    static void removeContainers() throws Exception {
        for (String name : started) {
            docker(Duration.ofSeconds(30), "rm", "-f", name);
        }
    }

    @Test
    void theDemoInsideTheImageHoldsWithTheSummaryAndWritesItsRunFolder() throws Exception {
        Path out = Files.createDirectories(work.resolve("demo"));
        Result demo = docker(Duration.ofMinutes(3), "run", "--rm", "--network", "host", "-v", out + ":/out", IMAGE,
                "demo", "--requests", "40", "--out", "/out/run");
        assertThat(demo.exit()).as(demo.output()).isEqualTo(1);
        assertThat(demo.output()).contains("verdict: HOLD").contains("GET /api/students/{id}").contains("$.lastName missing")
                .contains("confident → uncertain");
        JsonNode verdict = new ObjectMapper().readTree(out.resolve("run/verdict.json").toFile());
        assertThat(verdict.path("verdict").asText()).isEqualTo("hold");
        assertThat(out.resolve("run/allure-report/index.html")).isRegularFile();
    }

    @Test
    void theProxyAsASidecarAnswersThroughItsPortMirrorsAndWritesTheRunFolderWhenStopped() throws Exception {
        WireMockServer primary = wiremock();
        WireMockServer candidate = wiremock();
        try {
            primary.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":7,\"lastName\":\"Hopper\"}")));
            candidate.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":7,\"familyName\":\"Hopper\"}")));
            int listen = freePort();
            int admin = freePort();
            Path out = Files.createDirectories(work.resolve("proxy"));
            String name = "parity-sidecar-" + ProcessHandle.current().pid();
            started.add(name);
            Result run = docker(Duration.ofMinutes(1), "run", "-d", "--name", name, "--network", "host", "-v", out + ":/out", IMAGE,
                    "proxy", "--primary", primary.baseUrl(), "--candidate", candidate.baseUrl(), "--listen", "127.0.0.1:" + listen,
                    "--admin", "127.0.0.1:" + admin, "--out", "/out/run");
            assertThat(run.exit()).as(run.output()).isZero();

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHealthy(client, admin, name);
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/api/students/7"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("{\"id\":7,\"lastName\":\"Hopper\"}");
            }
            // SIGTERM, as an orchestrator stops a sidecar: the proxy drains, judges and writes the folder, exits by the gate
            Result stop = docker(Duration.ofMinutes(1), "stop", "-t", "30", name);
            assertThat(stop.exit()).as(stop.output()).isZero();
            Result exit = docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.ExitCode}}", name);
            Result logs = docker(Duration.ofSeconds(30), "logs", name);
            assertThat(exit.output().trim()).as(logs.output()).isEqualTo("1");
            JsonNode verdict = new ObjectMapper().readTree(out.resolve("run/verdict.json").toFile());
            assertThat(verdict.path("totals").path("compared").asInt()).isEqualTo(5);
            List<String> regressions = new ArrayList<>();
            verdict.path("endpoints").get(0).path("regressions").forEach(f -> regressions.add(f.path("path").asText()));
            assertThat(regressions).containsExactlyInAnyOrder("$.lastName", "$.familyName");
            assertThat(candidate.getAllServeEvents()).hasSize(5);
        } finally {
            primary.stop();
            candidate.stop();
        }
    }

    private static void awaitHealthy(HttpClient client, int admin, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> h = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (h.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the JVM in the container is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the proxy in the container did not answer /health within 60 s:\n"
                + docker(Duration.ofSeconds(30), "logs", name).output());
    }

    private static WireMockServer wiremock() {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
