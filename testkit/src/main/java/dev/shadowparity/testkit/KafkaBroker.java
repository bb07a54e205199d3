package dev.shadowparity.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process), started from Apache Kafka's own jars on
 * the test's class path ({@code org.apache.kafka:kafka_2.13} at test scope) as a process of its own, on loopback
 * ports: a test can stop it, kill it and start it again on the same ports and data, as a broker lost and regained.
 * Topics are created by the code under test or the test; automatic creation is off, as in most deployments.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String READY = "Transition from STARTING to STARTED";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a new broker's storage under {@code dir}, starts it and waits until it serves (at most 60 s). */
    public static KafkaBroker start(Path dir) {
        return start(dir, null);
    }

    /**
     * As {@link #start(Path)}, its client listener requiring SASL/PLAIN: {@code users} maps each user name to its
     * password (no ACLs: every authenticated user may do anything), as a secured cluster does.
     */
    public static KafkaBroker startWithSasl(Path dir, java.util.Map<String, String> users) {
        return start(dir, users);
    }

    /**
     * As {@link #start(Path)}, its client listener speaking TLS with {@code keyStore} (PKCS#12, {@code password}): clients
     * must trust the CA that issued it, as they do a cluster behind its own certificate authority.
     */
    public static KafkaBroker startWithTls(Path dir, Path keyStore, String password) {
        return start(dir, null, keyStore, password);
    }

    private static KafkaBroker start(Path dir, java.util.Map<String, String> saslUsers) {
        return start(dir, saslUsers, null, null);
    }

    private static KafkaBroker start(Path dir, java.util.Map<String, String> saslUsers, Path keyStore, String password) {
        try {
            Files.createDirectories(dir);
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
            String listener = keyStore != null ? "SSL" : saslUsers == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
            List<String> lines = new java.util.ArrayList<>(List.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + broker.controllerPort,
                    "listeners=" + listener + "://127.0.0.1:" + broker.port + ",CONTROLLER://127.0.0.1:" + broker.controllerPort,
                    "advertised.listeners=" + listener + "://127.0.0.1:" + broker.port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=" + listener,
                    "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "transaction.state.log.num.partitions=4",
                    "group.initial.rebalance.delay.ms=0",
                    // a killed worker's open transaction is aborted within a second of its timeout
                    "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000"));
            if (saslUsers != null) {
                StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\"");
                saslUsers.forEach((user, secret) -> jaas.append(" user_").append(user).append("=\"").append(secret).append('"'));
                lines.add("sasl.enabled.mechanisms=PLAIN");
                lines.add("sasl.mechanism.inter.broker.protocol=PLAIN");
                lines.add("listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas + ";");
            }
            if (keyStore != null) {
                lines.add("ssl.keystore.location=" + keyStore);
                lines.add("ssl.keystore.type=PKCS12");
                lines.add("ssl.keystore.password=" + password);
                lines.add("ssl.key.password=" + password);
                // the broker reaches itself over the same listener: it trusts its own issuer
                lines.add("ssl.truststore.location=" + keyStore);
                lines.add("ssl.truststore.type=PKCS12");
                lines.add("ssl.truststore.password=" + password);
            }
            Files.writeString(broker.properties(), String.join("\n", lines) + "\n");
            Process format = broker.java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                    broker.properties().toString()).redirectOutput(dir.resolve("format.log").toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("kafka-storage format failed: " + Files.readString(dir.resolve("format.log")));
            }
            broker.startAgain();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on its ports and data after {@link #kill()} or {@link #stop()}. */
    public void startAgain() {
        try {
            Path log = dir.resolve("broker.log");
            Files.deleteIfExists(log);
            process = java("kafka.Kafka", properties().toString()).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited at start:\n" + tail(log));
                }
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
                    return;
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the Kafka broker did not start within 60 s:\n" + tail(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the broker vanishes as a lost machine does. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, waiting for the controlled shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    private ProcessBuilder java(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The line that says the broker serves is logged at INFO, whatever level the tests' logging sets.
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.BrokerServer=info",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A KRaft cluster id: 16 random bytes in URL-safe base64 without padding, as {@code kafka-storage random-uuid} gives. */
    /**
     * A random cluster id as Kafka writes them (URL-safe base64 of 16 bytes), never starting with {@code -}: the
     * storage tool would read such an id as an option and fail ("--cluster-id: expected one argument"), one start in
     * 64, as Kafka's own {@code Uuid.randomUuid} avoids.
     */
    private static String clusterId() {
        while (true) {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
