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
        return start(dir, Security.NONE);
    }

    /**
     * As {@link #start(Path)}, its client listener requiring SASL/PLAIN: {@code users} maps each user name to its
     * password (no ACLs: every authenticated user may do anything), as a secured cluster does.
     */
    public static KafkaBroker startWithSasl(Path dir, java.util.Map<String, String> users) {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\"");
        users.forEach((user, secret) -> jaas.append(" user_").append(user).append("=\"").append(secret).append('"'));
        return start(dir, new Security("SASL_PLAINTEXT", List.of("sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + jaas + ";"), List.of()));
    }

    /**
     * As {@link #start(Path)}, its client listener requiring SASL/SCRAM-SHA-512: {@code users} maps each user name to its
     * password, whose salted credentials are written into the cluster's metadata when its storage is formatted (as
     * {@code kafka-storage format --add-scram} does for a KRaft cluster); the broker itself authenticates as {@code broker}.
     */
    public static KafkaBroker startWithScram(Path dir, java.util.Map<String, String> users) {
        List<String> format = new java.util.ArrayList<>(List.of("--add-scram", "SCRAM-SHA-512=[name=broker,password=broker-secret]"));
        users.forEach((user, secret) -> format.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + user + ",password=" + secret + "]")));
        return start(dir, new Security("SASL_PLAINTEXT", List.of("sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"broker\" password=\"broker-secret\";"), format));
    }

    /**
     * As {@link #start(Path)}, its client listener speaking TLS with {@code keyStore} (PKCS#12, {@code password}): clients
     * must trust the CA that issued it, as they do a cluster behind its own certificate authority.
     */
    public static KafkaBroker startWithTls(Path dir, Path keyStore, String password) {
        // the broker reaches itself over the same listener: its key store's chain up to the CA is its trust too
        return start(dir, new Security("SSL", tls(keyStore, keyStore, password), List.of()));
    }

    /**
     * As {@link #startWithTls}, and every client must present a certificate issued by a CA in {@code trustStore}
     * (PKCS#12, the same {@code password}; mutual TLS, {@code ssl.client.auth=required}), as clusters that identify
     * clients by certificate do.
     */
    public static KafkaBroker startWithMutualTls(Path dir, Path keyStore, Path trustStore, String password) {
        // a key entry's chain is no trust anchor for the clients' certificates: the CA must be a certificate entry
        List<String> lines = new java.util.ArrayList<>(tls(keyStore, trustStore, password));
        lines.add("ssl.client.auth=required");
        return start(dir, new Security("SSL", lines, List.of()));
    }

    private static List<String> tls(Path keyStore, Path trustStore, String password) {
        return List.of("ssl.keystore.location=" + keyStore, "ssl.keystore.type=PKCS12", "ssl.keystore.password=" + password,
                "ssl.key.password=" + password,
                "ssl.truststore.location=" + trustStore, "ssl.truststore.type=PKCS12", "ssl.truststore.password=" + password);
    }

    /** How the client listener is secured: its protocol, the broker's settings for it, and arguments for the storage format. */
    private record Security(String listener, List<String> settings, List<String> formatArgs) {
        static final Security NONE = new Security("PLAINTEXT", List.of(), List.of());
    }

    private static KafkaBroker start(Path dir, Security security) {
        try {
            Files.createDirectories(dir);
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
            String listener = security.listener();
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
            lines.addAll(security.settings());
            Files.writeString(broker.properties(), String.join("\n", lines) + "\n");
            List<String> format = new java.util.ArrayList<>(List.of("format", "-t", clusterId(), "-c", broker.properties().toString()));
            format.addAll(security.formatArgs());
            Process formatting = broker.java("kafka.tools.StorageTool", format.toArray(String[]::new))
                    .redirectOutput(dir.resolve("format.log").toFile()).start();
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
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
