package dev.shadowparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.demo.StudentsMigration;
import dev.shadowparity.demo.TrafficDriver;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import dev.shadowparity.run.ShadowRun;
import dev.shadowparity.testkit.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past one process, as deployed: {@code parity proxy --publish} and {@code parity worker} as real processes on a real
 * KRaft broker, the demo migration's WireMock backends behind them, and {@code parity gate --from} merging the group's
 * results. The merged verdict is the verdict of one process on the same traffic, even with a worker SIGKILLed mid-run.
 */
class KafkaFleetTest {

    @TempDir
    static Path shared;
    static KafkaBroker broker;

    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(shared.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        broker.close();
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The demo's suite as a file, its backend URLs filled in. */
    private static Path suiteFile(Path dir, StudentsMigration backends, String candidateUrl) throws IOException {
        String yaml;
        try (InputStream in = StudentsMigration.class.getResourceAsStream(StudentsMigration.SUITE_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("${PRIMARY_URL}", backends.legacyUrl()).replace("${SECONDARY_URL}", backends.legacySecondaryUrl())
                .replace("${CANDIDATE_URL}", candidateUrl);
        Path file = dir.resolve("parity.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * The suite a worker that sends captured requests itself runs with: its own credentials for the backends it sends
     * to, since those in captured requests are masked.
     */
    private static Path withCredentials(Path suite, String candidateUrl) throws IOException {
        String yaml = Files.readString(suite);
        yaml = yaml.replaceAll("candidate: \\{ url: \"[^\"]*\" \\}",
                "candidate: { url: \"" + candidateUrl + "\", headers: { Authorization: \"Bearer replay-credential\" } }");
        yaml = yaml.replaceAll("secondary: \\{ url: (\"[^\"]*\") \\}",
                "secondary: { url: $1, headers: { Authorization: \"Bearer replay-credential\" } }");
        Path file = suite.resolveSibling("worker.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Process parity(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ParityCommand.class.getName()));
        command.addAll(List.of(args));
        // Output goes to a file: a pipe reader can lose the tail when the JDK drains the pipe at exit.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * Waits for {@code process} to print {@code text}; a process that exits first, or does not print it in time, fails
     * the test with what it printed (on a busy two-core CI box a JVM's start can take tens of seconds).
     */
    private static void awaitLine(Process process, Path log, String text) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing \"" + text + "\"; it printed:\n"
                        + (Files.exists(log) ? Files.readString(log) : ""));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("did not print \"" + text + "\" within 120 s; it printed:\n"
                + (Files.exists(log) ? Files.readString(log) : ""));
    }

    /** Every process log in {@code dir}, for a failure's message. */
    private static String logs(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                out.append("--- ").append(f.getFileName()).append('\n').append(Files.readString(f)).append('\n');
            }
        }
        return out.toString();
    }

    /** The worker that has judged the most records so far, or -1 while none has judged any. */
    private static int busiest(int[] adminPorts) {
        int best = -1;
        long most = 0;
        for (int i = 0; i < adminPorts.length; i++) {
            long judged = judgedBy(adminPorts[i]);
            if (judged > most) {
                most = judged;
                best = i;
            }
        }
        return best;
    }

    private static long judgedBy(int adminPort) {
        return health(adminPort, "records");
    }

    private static long partitionsOf(int adminPort) {
        return health(adminPort, "partitions");
    }

    private static long health(int adminPort, String field) {
        try {
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(health);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest toProxy(RecordedRequest r, int port) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.uri()))
                .timeout(Duration.ofSeconds(10))
                .method(r.method(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().entries().forEach(h -> b.header(h.name(), h.value()));
        return b.build();
    }

    /** What must be equal between the merged verdict and one process's: everything counted, per endpoint and field. */
    private static Map<String, Object> counted(Verdict v) {
        Map<String, Object> out = new TreeMap<>();
        out.put("verdict", v.verdict());
        out.put("totals", List.of(v.totals().exchanges(), v.totals().compared(), v.totals().withRegression()));
        for (Verdict.EndpointVerdict e : v.endpoints()) {
            out.put(e.endpoint(), List.of(e.requests(), e.compared(), e.candidateErrors(), e.dropped(), e.parityRate(),
                    e.regressions().stream().map(f -> f.describe()).sorted().toList(),
                    // A timestamp differs only when the two answers straddle a second: its noise depends on timing.
                    e.noise().stream().filter(f -> f.reason() == null || !f.reason().startsWith("volatile value"))
                            .map(f -> f.path() + " " + f.kind() + " " + f.count()).sorted().toList(),
                    e.primaryLatency().count(), e.candidateLatency().count(),
                    new TreeMap<>(e.drift()).entrySet().stream().map(d -> d.getKey() + " " + d.getValue().values()).toList()));
        }
        v.checks().forEach(c -> out.put("check " + c.name(), c.passed()));
        return out;
    }

    private static int gate(String... args) {
        StringWriter out = new StringWriter();
        int code = ParityCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
        System.out.println(out);
        return code;
    }

    @Test
    void twoProxiesPublishThreeWorkersJudgeOneIsKilledAndTheMergedVerdictIsThatOfOneProcess(@TempDir Path dir) throws Exception {
        int n = 300;
        try (StudentsMigration backends = StudentsMigration.start()) {
            Path suite = suiteFile(dir, backends, backends.rewriteUrl());
            String topic = "kafka://" + broker.bootstrap() + "/fleet";
            int[] proxyPorts = {freePort(), freePort()};
            int[] proxyAdmin = {freePort(), freePort()};
            Path[] proxyLogs = {dir.resolve("proxy-a.log"), dir.resolve("proxy-b.log")};
            Process[] proxies = new Process[2];
            for (int i = 0; i < 2; i++) {
                proxies[i] = parity(proxyLogs[i], "proxy", "--config", suite.toString(), "--listen", "127.0.0.1:" + proxyPorts[i],
                        "--admin", "127.0.0.1:" + proxyAdmin[i], "--publish", topic, "--name", "proxy-" + (char) ('a' + i),
                        "--out", dir.resolve("proxy-" + i).toString());
            }
            for (int i = 0; i < 2; i++) {
                awaitLine(proxies[i], proxyLogs[i], "publish   every exchange");
            }
            int[] workerAdmin = {freePort(), freePort(), freePort()};
            Process[] workers = new Process[3];
            for (int i = 0; i < 3; i++) {
                workers[i] = parity(dir.resolve("worker-" + i + ".log"), "worker", "--from", topic, "--group", "fleet",
                        "--config", suite.toString(), "--name", "w" + i, "--admin", "127.0.0.1:" + workerAdmin[i]);
            }
            TrafficDriver driver = new TrafficDriver(URI.create("http://127.0.0.1/"));
            List<RecordedRequest> traffic = driver.mix(n);
            // Eight users, each on its own connections: the proxies key by client connection, over the partitions.
            List<HttpClient> users = new ArrayList<>();
            for (int u = 0; u < 8; u++) {
                users.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            }
            HttpClient http = users.get(0);
            int killed = -1;
            for (int i = 0; i < n; i++) {
                if (i == n / 2) {
                    // Mid-run: a worker that has judged some holds partitions with records; SIGKILL it. Which one is
                    // chance: eight connections' keys need not land on every worker's partitions.
                    try {
                        await().atMost(Duration.ofSeconds(120)).until(() -> busiest(workerAdmin) >= 0);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("no worker judged anything in 120 s; the logs:\n" + logs(dir), e);
                    }
                    killed = busiest(workerAdmin);
                    workers[killed].destroyForcibly();
                    assertThat(workers[killed].waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
                HttpResponse<String> r = users.get(i % 8).send(toProxy(traffic.get(i), proxyPorts[i % 2]),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("answered from the primary").isLessThan(500);
            }
            for (int i = 0; i < 2; i++) {
                proxies[i].destroy();
                assertThat(proxies[i].waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(proxies[i].exitValue()).isZero();
                assertThat(Files.readString(proxyLogs[i])).containsPattern("published (\\d+) of \\1 exchanges");
            }
            Path merged = dir.resolve("merged");
            int code = gate("gate", "--from", topic, "--group", "fleet", "--config", suite.toString(), "--wait", "120s",
                    "--out", merged.toString());
            StringBuilder survivorLogs = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                if (i != killed) {
                    workers[i].destroy();
                    assertThat(workers[i].waitFor(30, TimeUnit.SECONDS)).isTrue();
                    survivorLogs.append(Files.readString(dir.resolve("worker-" + i + ".log")));
                }
            }
            String survivors = survivorLogs.toString();
            assertThat(survivors).as("the killed worker's partitions were taken over").contains("assigned");
            Verdict fleet = VerdictFiles.read(merged);
            assertThat(fleet.environment().get("merged")).contains(n + " results").contains("[proxy-a, proxy-b]");
            assertThat(fleet.environment()).doesNotContainKey("notJudgedYet");
            assertThat(Files.readAllLines(merged.resolve("exchanges.jsonl"))).hasSize(n);
            // Secrets were masked before they left the proxies: in no record of either topic, in no file merged.
            List<String> published = new ArrayList<>(records("fleet"));
            published.addAll(records("fleet.results.fleet"));
            assertThat(published).hasSizeGreaterThanOrEqualTo(2 * n);
            for (String secret : driver.secrets()) {
                assertThat(published).noneMatch(r -> r.contains(secret));
                try (var files = Files.walk(merged)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                                .doesNotContain(secret);
                    }
                }
            }

            // The same traffic through one comparing proxy in this process.
            SuiteConfig single = new ConfigLoader().load(suite, null, null);
            Path one = dir.resolve("single");
            Verdict reference;
            try (ShadowRun run = ShadowRun.start(single, one)) {
                for (RecordedRequest r : traffic) {
                    http.send(toProxy(r, run.address().getPort()), HttpResponse.BodyHandlers.discarding());
                }
                reference = run.finish().written().verdict();
            }
            assertThat(code).isEqualTo(reference.promotes() ? 0 : 1);
            assertThat(counted(fleet)).as(survivors).isEqualTo(counted(reference));
            assertThat(fleet.verdict()).isEqualTo(Verdict.HOLD); // the demo's two regressions
        }
    }

    /** Every record of {@code topic} as text, with base64 bodies decoded too (a secret inside one would be found). */
    private static List<String> records(String topic) throws IOException {
        java.util.Properties c = new java.util.Properties();
        c.put("bootstrap.servers", broker.bootstrap());
        c.put("isolation.level", "read_committed");
        List<String> all = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(c,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    StringBuilder text = new StringBuilder(new String(r.value(), StandardCharsets.UTF_8));
                    var o = json.readTree(r.value());
                    for (String side : List.of("request", "primary", "candidate", "secondary")) {
                        if ("base64".equals(o.path(side).path("bodyEncoding").asText())) {
                            text.append('\n').append(new String(java.util.Base64.getDecoder()
                                    .decode(o.path(side).path("body").asText()), StandardCharsets.ISO_8859_1));
                        }
                    }
                    all.add(text.toString());
                }
            }
        }
        return all;
    }

    private static String metrics(int adminPort) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long metric(String text, String line) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line) + " ([0-9.E]+)$").matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static void send(List<RecordedRequest> requests, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (RecordedRequest r : requests) {
            assertThat(http.send(toProxy(r, port), HttpResponse.BodyHandlers.discarding()).statusCode()).isLessThan(500);
        }
    }

    @Test
    void captureOnlyThenWorkersReplayItLaterAgainstACandidateStartedAfterwardsFromAGivenTime(@TempDir Path dir) throws Exception {
        try (StudentsMigration old = StudentsMigration.start()) {
            // No candidate exists while the proxy captures: nothing listens at its URL. A request body over 4 KiB is
            // not captured, and is counted as skipped in the merged verdict as in one process.
            Path suite = suiteFile(dir, old, "http://127.0.0.1:" + freePort());
            Files.writeString(suite, Files.readString(suite).replace("proxy:\n", "proxy:\n  captureLimit: 4KiB\n"));
            String topic = "kafka://" + broker.bootstrap() + "/captured";
            int port = freePort();
            Path proxyLog = dir.resolve("proxy.log");
            int proxyAdmin = freePort();
            Process proxy = parity(proxyLog, "proxy", "--config", suite.toString(), "--listen", "127.0.0.1:" + port,
                    "--admin", "127.0.0.1:" + proxyAdmin, "--mirror-percent", "0", "--publish", topic, "--name", "edge-1");
            awaitLine(proxy, proxyLog, "(capture only)");
            List<RecordedRequest> traffic = new TrafficDriver(URI.create("http://127.0.0.1/")).mix(40);
            send(traffic.subList(0, 20), port);
            RecordedRequest face = traffic.stream().filter(r -> r.uri().startsWith("/api/ml/encode-face")).findFirst().orElseThrow();
            send(List.of(new RecordedRequest("POST", face.uri(), face.headers(), new byte[5000])), port);
            // A group that judges only what is captured from its start on, against the old backends' own candidate URL.
            int newAdmin = freePort();
            Path newLog = dir.resolve("latest.log");
            Process fromNowOn = parity(newLog, "worker", "--from", topic, "--group", "only-new", "--config",
                    withCredentials(suite, old.rewriteUrl()).toString(), "--since", "latest", "--admin", "127.0.0.1:" + newAdmin);
            await().atMost(Duration.ofSeconds(60)).until(() -> partitionsOf(newAdmin) > 0);
            Thread.sleep(1500);
            java.time.Instant later = java.time.Instant.now();
            Thread.sleep(500);
            send(traffic.subList(20, 40), port);
            String captured = metrics(proxyAdmin);
            assertThat(metric(captured, "parity_mirrored_total")).as("nothing mirrored while capturing").isZero();
            assertThat(metric(captured, "parity_publish_exchanges_total")).isEqualTo(41);
            proxy.destroy();
            assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(proxyLog)).contains("published 41 of 41 exchanges");
            await().atMost(Duration.ofSeconds(60)).until(() -> judgedBy(newAdmin) == 20);
            fromNowOn.destroy();
            assertThat(fromNowOn.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(newLog)).contains("20 records judged (20 sent to the candidate by this worker)");
            assertThat(old.requestsReceivedBy("candidate")).as("the latest group's sends only").isEqualTo(20);

            try (StudentsMigration next = StudentsMigration.start()) {
                // The candidate build that is judged now, on the traffic captured before it existed.
                Path workerSuite = withCredentials(suite, next.rewriteUrl());
                assertThat(Files.readString(workerSuite)).contains("replay-credential");
                Path all = dir.resolve("all.log");
                Process whole = parity(all, "worker", "--from", topic, "--group", "build-2", "--config", workerSuite.toString(),
                        "--idle-exit", "3s");
                Path since = dir.resolve("since.log");
                Process recent = parity(since, "worker", "--from", topic, "--group", "build-2-recent", "--config", suite.toString(),
                        "--candidate", next.rewriteUrl(), "--idle-exit", "3s", "--since", later.toString());
                assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(recent.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(whole.exitValue()).as(Files.readString(all)).isZero();
                assertThat(Files.readString(all)).contains("41 records judged (40 sent to the candidate by this worker)");
                assertThat(Files.readString(since)).contains("20 records judged (20 sent to the candidate by this worker)")
                        .contains("note: captured requests carry a masked Authorization");
                assertThat(Files.readString(all)).doesNotContain("note: captured requests carry a masked Authorization");
                assertThat(next.requestsReceivedBy("candidate")).isEqualTo(60);

                Path merged = dir.resolve("merged");
                assertThat(gate("gate", "--from", topic, "--group", "build-2", "--config", suite.toString(),
                        "--out", merged.toString())).isEqualTo(ParityCommand.HOLD);
                Verdict v = VerdictFiles.read(merged);
                assertThat(v.totals().compared()).isEqualTo(40);
                assertThat(v.totals().exchanges()).isEqualTo(41);
                assertThat(v.totals().notCompared()).hasEntrySatisfying(
                        "skipped: too-large (request body over the capture limit of 4KiB)", n -> assertThat(n).isEqualTo(1));
                assertThat(v.endpoints()).filteredOn(e -> e.endpoint().equals("GET /api/students/{id}"))
                        .singleElement().satisfies(e -> assertThat(e.regressions()).extracting(Verdict.FieldCount::describe)
                                .contains("$.lastName missing (" + e.compared() + ")"));
                assertThat(v.environment().get("merged")).contains("41 results").contains("[edge-1]");

                Path recentMerged = dir.resolve("recent");
                gate("gate", "--from", topic, "--group", "build-2-recent", "--config", suite.toString(), "--out", recentMerged.toString());
                assertThat(VerdictFiles.read(recentMerged).totals().exchanges()).isEqualTo(20);
            }
        }
    }

    @Test
    void aBrokerLostMidRunNeverCostsAClientItsAnswerAndWhatWasNotPublishedIsCounted(@TempDir Path dir) throws Exception {
        try (StudentsMigration backends = StudentsMigration.start()) {
            Path suite = suiteFile(dir, backends, backends.rewriteUrl());
            int port = freePort();
            int admin = freePort();
            Path log = dir.resolve("proxy.log");
            Process proxy = parity(log, "proxy", "--config", suite.toString(), "--listen", "127.0.0.1:" + port,
                    "--admin", "127.0.0.1:" + admin, "--publish", "kafka://" + broker.bootstrap() + "/lossy",
                    "--publish-timeout", "3s");
            awaitLine(proxy, log, "publish   every exchange");
            List<RecordedRequest> traffic = new TrafficDriver(URI.create("http://127.0.0.1/")).mix(30);
            send(traffic.subList(0, 10), port);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(metrics(admin), "parity_published_total") == 10);
            broker.kill();
            try {
                long start = System.nanoTime();
                send(traffic.subList(10, 20), port); // every one answered from the primary, none waits for Kafka
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        metric(metrics(admin), "parity_unpublished_total{reason=\"broker unreachable\"}") == 10);
            } finally {
                broker.startAgain();
            }
            send(traffic.subList(20, 30), port);
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(metrics(admin), "parity_published_total") == 20);
            proxy.destroy();
            assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("published 20 of 30 exchanges").contains("broker unreachable=10");
        }
    }

    @Test
    void aBrokerThatCannotBeReachedAtStartIsAClearErrorAndExitTwo() throws Exception {
        String nowhere = "kafka://127.0.0.1:" + freePort() + "/x";
        StringWriter out = new StringWriter();
        int code = ParityCommand.execute(new String[] {"proxy", "--primary", "http://127.0.0.1:1", "--candidate",
                "http://127.0.0.1:2", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--publish", nowhere},
                new PrintWriter(out, true), new PrintWriter(out, true));
        assertThat(code).isEqualTo(ParityCommand.INVALID);
        assertThat(out.toString()).contains("parity proxy: cannot reach Kafka at 127.0.0.1:");
        StringWriter out2 = new StringWriter();
        int code2 = ParityCommand.execute(new String[] {"worker", "--from", nowhere, "--group", "g", "--primary",
                "http://127.0.0.1:1", "--candidate", "http://127.0.0.1:2"}, new PrintWriter(out2, true), new PrintWriter(out2, true));
        assertThat(code2).isEqualTo(ParityCommand.INVALID);
        assertThat(out2.toString()).contains("parity worker: cannot reach Kafka at 127.0.0.1:").contains("no broker answered");
    }
}
