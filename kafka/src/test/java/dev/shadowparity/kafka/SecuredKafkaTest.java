package dev.shadowparity.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.NoiseSettings;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that requires SASL/PLAIN, as secured deployments do: with {@code --kafka-config}'s settings the proxy's
 * publisher, a worker's transactions and the merge all reach it; with the wrong password it refuses parity, said in
 * words that never repeat the password; without settings it is not reached; a setting parity owns is refused. A
 * cluster that requires SASL/SCRAM-SHA-512, reached the same way. A broker whose listener speaks TLS under its own CA,
 * reached by trusting that CA; and one that requires a client certificate (mutual TLS), reached with a key store issued
 * by that CA and refused without one.
 */
class SecuredKafkaTest {

    private static final String SECRET = "parity-planted-secret";

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startWithSasl(dir.resolve("broker"), Map.of("parity", SECRET));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        broker.close();
    }

    private static Path settings(String name, String password) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                # how parity reaches the secured cluster
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="parity" password="%s";
                """.formatted(password));
        return f;
    }

    @Test
    void withTheSettingsEveryClientReachesTheClusterAndTheyAreNeverShown() throws Exception {
        KafkaTarget target = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/secured")
                .withClient(KafkaClientSettings.load(settings("good.properties", SECRET)));
        assertThat(target.toString()).doesNotContain(SECRET);
        assertThat(target.security()).isEqualTo("SASL_PLAINTEXT, PLAIN");
        assertThat(publishCompareAndMerge(target, "g")).as("regressions merged").isEqualTo(5);
    }

    /**
     * Ten exchanges, five of them regressions, published by a proxy's publisher, compared by a transactional worker of
     * {@code group} and merged back: every client parity has reaches the cluster. Returns the regressions merged.
     */
    private static long publishCompareAndMerge(KafkaTarget target, String group) throws Exception {
        KafkaTopics.ensure(target, List.of(target.topic(), target.resultsTopic(group)), 2, Duration.ofSeconds(20));
        RouteTable<RouteConfig> routes = RouteTable.of(List.of());
        ExchangeComparator comparator = new ExchangeComparator(routes, NoiseSettings.DEFAULT, 10 << 20);
        Redactor redactor = new Redactor(RedactionSettings.DEFAULT);
        List<Exchange> traffic = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            BackendReply answer = new BackendReply.Responded(new RecordedResponse(200, Headers.of("Content-Type", "application/json"),
                    ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(2));
            BackendReply other = new BackendReply.Responded(new RecordedResponse(200, Headers.of("Content-Type", "application/json"),
                    ("{\"id\":" + (i % 2 == 0 ? i : -i) + "}").getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(2));
            traffic.add(new Exchange(i, routes.endpointOf("GET", "/api/items/" + i), Instant.now(),
                    new RecordedRequest("GET", "/api/items/" + i, Headers.EMPTY, null), answer, other, null));
        }
        try (ExchangePublisher publisher = new ExchangePublisher(target, "proxy-s", new CapturedExchanges(redactor, 10 << 20),
                1000, 8 << 20, Duration.ofSeconds(20))) {
            traffic.forEach(x -> publisher.submitKeyed(x, "k" + x.id()));
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == traffic.size());
        }
        CompareWorker w = new CompareWorker(new CompareWorker.Settings(target, group, "w", null, Duration.ofSeconds(5), 100),
                c -> CompletableFuture.supplyAsync(() -> comparator.compare(c.exchange())), new ResultRecords(redactor, false),
                line -> { });
        Thread t = new Thread(() -> w.run(null), "worker");
        t.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> w.stats().consumed() == traffic.size());
        w.stop();
        t.join(20_000);
        w.close();
        List<Boolean> regressed = new ArrayList<>();
        GroupResults.Summary summary = GroupResults.read(target, group, Duration.ofSeconds(20),
                r -> regressed.add(r.exchange().hasRegression()));
        assertThat(summary.results()).isEqualTo(10);
        return regressed.stream().filter(b -> b).count();
    }

    /** {@code topic} on {@code broker}, reached with the connection {@code settings} written to {@code file}. */
    private static KafkaTarget reachedWith(KafkaBroker broker, String topic, String file, String settings) throws Exception {
        Path f = dir.resolve(file);
        Files.writeString(f, settings);
        return KafkaTarget.parse("kafka://" + broker.bootstrap() + "/" + topic).withClient(KafkaClientSettings.load(f));
    }

    @Test
    void aScramClusterIsReachedWithItsMechanismAndRefusesAWrongPassword() throws Exception {
        try (KafkaBroker scram = KafkaBroker.startWithScram(dir.resolve("scram-broker"), Map.of("parity", SECRET))) {
            String settings = """
                    security.protocol=SASL_PLAINTEXT
                    sasl.mechanism=SCRAM-SHA-512
                    sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="parity" password="%s";
                    """;
            KafkaTarget target = reachedWith(scram, "over-scram", "scram.properties", settings.formatted(SECRET));
            assertThat(target.security()).isEqualTo("SASL_PLAINTEXT, SCRAM-SHA-512");
            assertThat(target.toString()).doesNotContain(SECRET);
            assertThat(publishCompareAndMerge(target, "scram-group")).isEqualTo(5);

            KafkaTarget refused = reachedWith(scram, "over-scram", "scram-wrong.properties", settings.formatted("not-the-" + SECRET));
            assertThatThrownBy(() -> KafkaTopics.ensure(refused, List.of(refused.topic()), 1, Duration.ofSeconds(10)))
                    .isInstanceOf(ParityException.class)
                    .hasMessageContaining("Kafka at " + scram.bootstrap() + " refused parity")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void aWrongPasswordIsRefusedInWordsThatNeverRepeatItAndNoSettingsReachNothing() throws Exception {
        KafkaTarget wrong = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/secured-wrong")
                .withClient(KafkaClientSettings.load(settings("wrong.properties", "not-the-" + SECRET)));
        assertThatThrownBy(() -> KafkaTopics.ensure(wrong, List.of(wrong.topic()), 1, Duration.ofSeconds(10)))
                .isInstanceOf(ParityException.class)
                .hasMessageContaining("Kafka at " + broker.bootstrap() + " refused parity")
                .hasMessageContaining("--kafka-config")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        KafkaTarget plain = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/secured-plain");
        assertThatThrownBy(() -> KafkaTopics.ensure(plain, List.of(plain.topic()), 1, Duration.ofSeconds(5)))
                .isInstanceOf(ParityException.class).hasMessageContaining("cannot reach Kafka at " + broker.bootstrap());
    }

    @Test
    void aTlsListenerIsReachedTrustingItsCaAndNotWithoutIt() throws Exception {
        dev.shadowparity.testkit.TestPki pki = dev.shadowparity.testkit.TestPki.create(dir.resolve("pki"), "kafka-ca");
        Path store = dev.shadowparity.testkit.TestPki.keyStore(pki.issue("broker", "127.0.0.1", "localhost"), "broker-store");
        // the key store holds the chain up to the CA, so it serves as the broker's own trust store too
        try (KafkaBroker tls = KafkaBroker.startWithTls(dir.resolve("tls-broker"), store, "broker-store")) {
            Path settings = dir.resolve("tls.properties");
            Files.writeString(settings, "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location="
                    + pki.caFile() + "\n");
            KafkaTarget target = KafkaTarget.parse("kafka://" + tls.bootstrap() + "/over-tls")
                    .withClient(KafkaClientSettings.load(settings));
            assertThat(target.security()).isEqualTo("SSL");
            assertThat(KafkaTopics.ensure(target, List.of(target.topic()), 2, Duration.ofSeconds(20)))
                    .containsEntry("over-tls", 2);
            assertThat(KafkaTopics.exists(target, "over-tls", Duration.ofSeconds(10))).isTrue();

            KafkaTarget plain = KafkaTarget.parse("kafka://" + tls.bootstrap() + "/over-tls");
            assertThatThrownBy(() -> KafkaTopics.exists(plain, "over-tls", Duration.ofSeconds(5)))
                    .isInstanceOf(ParityException.class).hasMessageContaining("cannot reach Kafka at " + tls.bootstrap());
        }
    }

    @Test
    void aMutualTlsClusterIsReachedWithAClientCertificateAndNotWithoutOne() throws Exception {
        dev.shadowparity.testkit.TestPki pki = dev.shadowparity.testkit.TestPki.create(dir.resolve("mtls-pki"), "kafka-mtls-ca");
        Path store = dev.shadowparity.testkit.TestPki.keyStore(pki.issue("broker", "127.0.0.1", "localhost"), "broker-store");
        Path client = dev.shadowparity.testkit.TestPki.keyStore(pki.issue("parity-client", "parity"), SECRET);
        try (KafkaBroker mtls = KafkaBroker.startWithMutualTls(dir.resolve("mtls-broker"), store, pki.trustStore("broker-store"),
                "broker-store")) {
            String trust = "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=" + pki.caFile() + "\n";
            KafkaTarget target = reachedWith(mtls, "over-mtls", "mtls.properties", trust + "ssl.keystore.type=PKCS12\n"
                    + "ssl.keystore.location=" + client + "\nssl.keystore.password=" + SECRET + "\nssl.key.password=" + SECRET + "\n");
            assertThat(target.security()).isEqualTo("SSL");
            assertThat(target.toString()).doesNotContain(SECRET);
            assertThat(publishCompareAndMerge(target, "mtls-group")).isEqualTo(5);

            KafkaTarget anonymous = reachedWith(mtls, "over-mtls", "mtls-trust-only.properties", trust);
            assertThatThrownBy(() -> KafkaTopics.exists(anonymous, "over-mtls", Duration.ofSeconds(10)))
                    .isInstanceOf(ParityException.class).hasMessageContaining("Kafka at " + mtls.bootstrap());
        }
    }

    @Test
    void aSettingParityOwnsIsRefusedWithItsLine() throws Exception {
        Path f = dir.resolve("owned.properties");
        Files.writeString(f, "security.protocol=SASL_SSL\n\nacks=0\n");
        assertThatThrownBy(() -> KafkaClientSettings.load(f)).isInstanceOf(ParityException.class)
                .hasMessageContaining(f + ":3: 'acks' is not a connection setting");
        Files.writeString(f, "security.protocol=SASL_TLS\n");
        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .hasMessageContaining(f + ":1: security.protocol 'SASL_TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThatThrownBy(() -> KafkaClientSettings.load(dir.resolve("none.properties"))).hasMessageContaining("file not found");
    }
}
