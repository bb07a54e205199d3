package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.scenarios.ReplayEngine;
import dev.shadowparity.scenarios.ReplayRequest;
import dev.shadowparity.scenarios.ReplaySetup;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * Two backends as containers on a real Docker daemon: an image built here (a root file system imported with
 * {@code docker import}, the host's JVM mounted read-only), started by Testcontainers with host networking,
 * replayed against, compared, and stopped.
 *
 * <p>Skipped where no Docker daemon runs, unless {@code PARITY_REQUIRE_DOCKER=1} (set by {@code .ci/run},
 * which starts one) makes that a failure.
 */
class ContainerBackendsTest {

    static final String IMAGE = "parity-test/jvm-base:1";

    @TempDir
    static Path work;

    @BeforeAll
    static void dockerAndImage() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            if (System.getenv("PARITY_REQUIRE_DOCKER") != null) {
                throw new AssertionError("PARITY_REQUIRE_DOCKER is set but no Docker daemon answers");
            }
            Assumptions.abort("no Docker daemon answers: the container backend tests are skipped on this machine"
                    + " (.ci/run starts one: dockerd --iptables=false --ip-masq=false)");
        }
        importBaseImage();
    }

    /**
     * No registry is reachable, so the image is a root file system made here: empty top-level folders and the
     * merged-/usr links of Debian; the JVM and its configuration come from the host's /usr and /etc.
     */
    private static void importBaseImage() throws IOException, InterruptedException {
        Path root = Files.createDirectories(work.resolve("rootfs"));
        for (String d : List.of("usr", "etc", "tmp", "proc", "sys", "dev", "app")) {
            Files.createDirectories(root.resolve(d));
        }
        for (String link : List.of("lib", "lib64", "bin", "sbin")) {
            Files.createSymbolicLink(root.resolve(link), Path.of("usr", link));
        }
        Path tar = work.resolve("rootfs.tar");
        Process p = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", root.toString(), ".").inheritIO().start();
        assertThat(p.waitFor()).as("tar of the root file system").isZero();
        // docker-java's import call fails with "unexpected EOF" against this daemon; the docker CLI's does not.
        Process imp = new ProcessBuilder("docker", "import", tar.toString(), IMAGE).redirectErrorStream(true).start();
        String output = new String(imp.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(imp.waitFor()).as("docker import: " + output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String backend(int port, String field, String command) {
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath();
        try {
            javaHome = javaHome.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String classes = Path.of("target", "test-classes").toAbsolutePath().toString();
        String jvmMount = javaHome.startsWith("/usr") ? "" : ", \"" + javaHome + "\": \"" + javaHome + "\"";
        String cmd = command != null ? command
                : "[\"" + javaHome + "/bin/java\", \"-cp\", \"/app\", \"" + ContainerServer.class.getName() + "\"]";
        return "{ image: \"" + IMAGE + "\", port: " + port + ", env: { PORT: \"" + port + "\", FIELD: " + field + " },"
                + " command: " + cmd + ", ready: /health, startupTimeout: 60s,"
                + " mounts: { /usr: /usr, /etc: /etc, \"" + classes + "\": /app" + jvmMount + " } }";
    }

    @Test
    void aLegacyAndARewriteContainerAreStartedReplayedComparedAndStopped() throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                suite: containers
                backends:
                  primary: %s
                  candidate: %s
                routes:
                  - route: GET /api/students/{id}
                """.formatted(backend(freePort(), "lastName", null), backend(freePort(), "familyName", null)),
                "containers.yaml");
        List<String> started = new ArrayList<>();
        Ledger ledger = new Ledger();
        List<String> containerIds = new ArrayList<>();
        try (ContainerBackends containers = ContainerBackends.start(suite, started::add)) {
            assertThat(started).hasSize(2);
            assertThat(started.get(0)).startsWith("primary").contains("image " + IMAGE);
            assertThat(started.get(1)).startsWith("candidate");
            assertThat(containers.suite().backends().primary().url().toString()).startsWith("http://127.0.0.1:");
            DockerClientFactory.instance().client().listContainersCmd().exec()
                    .forEach(c -> containerIds.add(c.getId()));
            List<ReplayRequest> requests = TrafficReader.inline(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                    [{"method":"GET","path":"/api/students/1"},{"method":"GET","path":"/api/students/2"},
                     {"method":"GET","path":"/api/students/3"}]""").findParents("method"), "inline", true).requests();
            try (ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(containers.suite())::compare, ledger,
                    new ExchangeLogWriter(work.resolve("exchanges.jsonl"), new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true), 100),
                    2, 16)) {
                ReplayEngine.Result result = new ReplayEngine(ReplaySetup.of(containers.suite(), RouteTable.of(containers.suite().routes())), pipeline, Duration.ofSeconds(5))
                        .run(requests, 2, 0, false, (done, diffs) -> { });
                assertThat(result.sent()).isEqualTo(3);
            }
        }
        EndpointStats.Snapshot students = ledger.snapshot().get(0);
        assertThat(students.endpoint().toString()).isEqualTo("GET /api/students/{id}");
        assertThat(students.compared()).isEqualTo(3);
        assertThat(students.regressions()).extracting(f -> f.key().path() + " " + f.key().kind().label())
                .containsExactlyInAnyOrder("$.lastName missing", "$.familyName extra");
        // Both containers are gone once the run is over.
        assertThat(containerIds).hasSizeGreaterThanOrEqualTo(2);
        List<String> stillRunning = DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                .map(c -> c.getId()).filter(containerIds::contains).toList();
        assertThat(stillRunning).isEmpty();
    }

    @Test
    void aContainerThatExitsBeforeItIsReadyFailsTheRunNamingTheBackendAndShowingItsOutput() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home")).toRealPath() + "/bin/java";
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                suite: containers
                backends:
                  primary: %s
                  candidate: { url: "http://127.0.0.1:9" }
                """.formatted(backend(freePort(), "lastName", "[\"" + javaBin + "\", \"-version\"]")), "containers.yaml");
        assertThatThrownBy(() -> ContainerBackends.start(suite, line -> { }))
                .isInstanceOf(ContainerBackends.ContainerStartException.class)
                .hasMessageContaining("cannot start the primary backend (image " + IMAGE + ")")
                .hasMessageContaining("version");
    }
}
