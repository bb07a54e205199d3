package dev.shadowparity.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.NoiseSettings;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.testkit.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publisher, workers and the merged read on a real KRaft broker: what a worker concludes from a published record is
 * exactly what the comparator concludes in one process, no secret reaches the topic, unreadable records are named
 * and skipped, a broker lost mid-run loses no count, and two workers sharing a group judge each record once.
 */
class KafkaRoundTripTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdHVkZW50LTcifQ.c2lnbmF0dXJlLXNlY3JldA";
    private static final String PASSWORD = "hunter2-planted";

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    private final RouteTable<RouteConfig> routes = RouteTable.of(List.of(RouteConfig.of("/api/students/{id}", false)));
    private final ExchangeComparator comparator = new ExchangeComparator(routes, NoiseSettings.DEFAULT, 10 << 20);
    private final Redactor redactor = new Redactor(RedactionSettings.DEFAULT);

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        broker.close();
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static BackendReply json(String body, String... headers) {
        List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
        h.addAll(List.of(headers));
        return new BackendReply.Responded(new RecordedResponse(200, Headers.of(h.toArray(String[]::new)),
                body.getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(3));
    }

    private static BackendReply gzipped(String body) throws Exception {
        return new BackendReply.Responded(new RecordedResponse(200, Headers.of("Content-Type", "application/json",
                "Content-Encoding", "gzip"), gzip(body)), Duration.ofMillis(4));
    }

    /** Exchanges of the kinds real traffic has: equal, a renamed field, a compressed answer, a secret, a failure. */
    private List<Exchange> traffic(BackendReply notMirrored) throws Exception {
        List<Exchange> xs = new ArrayList<>();
        RecordedRequest get = new RecordedRequest("GET", "/api/students/7?access_token=" + JWT,
                Headers.of("Authorization", "Bearer " + JWT, "Cookie", "session=" + PASSWORD, "Accept-Encoding", "gzip"), null);
        String student = "{\"id\":7,\"lastName\":\"Okafor\",\"token\":\"" + JWT + "\",\"password\":\"" + PASSWORD + "\"}";
        long id = 0;
        for (int i = 0; i < 5; i++) {
            Instant at = Instant.parse("2026-12-02T06:00:00Z").plusMillis(i);
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/7"), at, get, json(student), json(student), null));
            // renamed field
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/7"), at, get, json(student),
                    json(student.replace("lastName", "familyName")), null));
            // the same answer, compressed by the candidate only, with a secret inside the compressed body
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/7"), at, get, json(student), gzipped(student), null));
            // a changed secret: a difference, shown masked
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/7"), at, get, json(student),
                    gzipped(student.replace(PASSWORD, PASSWORD + "-other")), null));
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/7"), at, get, json(student),
                    new BackendReply.NoResponse(dev.shadowparity.core.Outcome.TIMEOUT, "no answer within 10 ms",
                            Duration.ofMillis(10)), null));
            xs.add(new Exchange(++id, routes.endpointOf("GET", "/api/students/8"), at, get, json(student), notMirrored, null));
        }
        return xs;
    }

    private static List<String> described(ExchangeResult r) {
        List<String> out = new ArrayList<>();
        out.add(r.outcome().label() + (r.reason() == null ? "" : ": " + r.reason()));
        for (Difference d : r.differences()) {
            out.add(d.path() + " " + d.kind().label() + (d.isNoise() ? " noise" : ""));
        }
        return out;
    }

    private CompareWorker worker(KafkaTarget from, String group, String name, CompareWorker.Judge judge) {
        return new CompareWorker(new CompareWorker.Settings(from, group, name, null, Duration.ofSeconds(5), 100), judge,
                new ResultRecords(redactor, false), line -> { });
    }

    private static Thread running(CompareWorker w) {
        Thread t = new Thread(() -> w.run(null), "worker");
        t.start();
        return t;
    }

    /** A record as text with its base64 bodies decoded too, so a secret inside one would be found. */
    private static String searchable(byte[] raw) throws Exception {
        StringBuilder all = new StringBuilder(new String(raw, StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
        for (String side : List.of("request", "primary", "candidate", "secondary")) {
            com.fasterxml.jackson.databind.JsonNode reply = o.path(side);
            if ("base64".equals(reply.path("bodyEncoding").asText())) {
                all.append('\n').append(new String(java.util.Base64.getDecoder().decode(reply.path("body").asText()),
                        StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private List<byte[]> rawRecords(String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        List<byte[]> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> ps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(ps);
            consumer.seekToBeginning(ps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(ps);
            // Up to the end offsets, not a record count: a transaction's commit marker takes an offset too.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
            }
        }
        return all;
    }

    @Test
    void aWorkerConcludesFromPublishedRecordsWhatTheComparatorDoesInOneProcessAndNoSecretIsPublished() throws Exception {
        KafkaTarget target = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/roundtrip");
        KafkaTopics.ensure(target, List.of(target.topic(), target.resultsTopic("g1")), 3, Duration.ofSeconds(20));
        BackendReply sentLater = json("{\"id\":8,\"lastName\":\"Okafor\"}");
        List<Exchange> traffic = traffic(BackendReply.notSent());
        Map<Long, List<String>> expected = new HashMap<>();
        for (Exchange x : traffic) {
            Exchange asSent = BackendReply.isNotSent(x.candidate())
                    ? new Exchange(x.id(), x.endpoint(), x.receivedAt(), x.request(), x.primary(), sentLater, null) : x;
            expected.put(x.id(), described(comparator.compare(asSent)));
        }
        try (ExchangePublisher publisher = new ExchangePublisher(target, "proxy-a", new CapturedExchanges(redactor, 10 << 20),
                1000, 8 << 20, Duration.ofSeconds(20))) {
            for (Exchange x : traffic) {
                publisher.submitKeyed(x, "user-" + (x.id() % 3));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == traffic.size());
            assertThat(publisher.stats().unpublishedTotal()).isZero();
        }
        for (byte[] raw : rawRecords(target.topic())) {
            String text = searchable(raw);
            assertThat(text).doesNotContain(JWT).doesNotContain(PASSWORD).contains(Redactor.MASK);
        }

        CompareWorker.Judge judge = c -> CompletableFuture.supplyAsync(() -> {
            Exchange x = c.exchange();
            if (!c.mirrored()) {
                x = new Exchange(x.id(), x.endpoint(), x.receivedAt(), x.request(), x.primary(), sentLater, null);
            }
            return comparator.compare(x);
        });
        CompareWorker w = worker(target, "g1", "w1", judge);
        Thread t = running(w);
        await().atMost(Duration.ofSeconds(60)).until(() -> w.stats().consumed() == traffic.size());
        w.stop();
        t.join(20_000);
        w.close();
        assertThat(w.stats().sent()).isEqualTo(5);

        Map<Long, List<String>> merged = new HashMap<>();
        GroupResults.Summary summary = GroupResults.read(target, "g1", Duration.ofSeconds(20),
                r -> merged.put(r.exchange().exchange().id(), described(r.exchange())));
        assertThat(summary.results()).isEqualTo(traffic.size());
        assertThat(summary.waiting()).isZero();
        assertThat(summary.proxies()).containsExactly("proxy-a");
        assertThat(merged).isEqualTo(expected);
        // the compressed answer with the same content differs only in its Content-Encoding, as in one process
        assertThat(merged.get(3L)).noneMatch(d -> d.startsWith("$"));
        assertThat(merged.get(4L)).anyMatch(d -> d.equals("$.password value"));
        for (byte[] raw : rawRecords(target.resultsTopic("g1"))) {
            assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain(JWT).doesNotContain(PASSWORD);
        }
    }

    @Test
    void malformedAndFutureRecordsAreNamedByTheirOffsetAndSkippedWithoutStoppingTheWorker() throws Exception {
        KafkaTarget target = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/bad-records");
        KafkaTopics.ensure(target, List.of(target.topic()), 1, Duration.ofSeconds(20));
        CapturedExchanges codec = new CapturedExchanges(redactor, 10 << 20);
        Exchange good = traffic(BackendReply.notSent()).get(0);
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(target.topic(), codec.encode(good, "a"))).get();
            producer.send(new ProducerRecord<>(target.topic(), "{not json".getBytes(StandardCharsets.UTF_8))).get();
            String future = new String(codec.encode(good, "a"), StandardCharsets.ISO_8859_1)
                    .replace("\"schema\":" + CapturedExchanges.SCHEMA, "\"schema\":" + (CapturedExchanges.SCHEMA + 1));
            producer.send(new ProducerRecord<>(target.topic(), future.getBytes(StandardCharsets.ISO_8859_1))).get();
            producer.send(new ProducerRecord<>(target.topic(), "{\"schema\":1,\"id\":3}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(target.topic(), codec.encode(good, "a"))).get();
        }
        CompareWorker w = worker(target, "g2", "w1", c -> CompletableFuture.completedFuture(comparator.compare(c.exchange())));
        Thread t = running(w);
        await().atMost(Duration.ofSeconds(60)).until(() -> w.stats().consumed() == 5);
        w.stop();
        t.join(20_000);
        w.close();
        assertThat(w.stats().rejected()).isEqualTo(3);
        List<ExchangeResult> read = Collections.synchronizedList(new ArrayList<>());
        GroupResults.Summary s = GroupResults.read(target, "g2", Duration.ofSeconds(20), r -> read.add(r.exchange()));
        assertThat(read).hasSize(2);
        assertThat(s.rejectedCount()).isEqualTo(3);
        assertThat(s.rejected()).satisfiesExactly(
                a -> assertThat(a).startsWith("bad-records-0@1: not JSON"),
                b -> assertThat(b).startsWith("bad-records-0@2: schema version " + (CapturedExchanges.SCHEMA + 1)
                        + " (this parity reads versions 1 to " + CapturedExchanges.SCHEMA + "; a newer proxy"),
                c -> assertThat(c).startsWith("bad-records-0@3: missing field 'endpoint'"));
    }

    @Test
    void twoWorkersOfOneGroupJudgeEachRecordOnceThroughARebalance() throws Exception {
        KafkaTarget target = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/shared");
        KafkaTopics.ensure(target, List.of(target.topic()), 4, Duration.ofSeconds(20));
        List<Exchange> base = traffic(BackendReply.notSent()).stream().filter(x -> !BackendReply.isNotSent(x.candidate())).toList();
        int n = 2000;
        try (ExchangePublisher publisher = new ExchangePublisher(target, "proxy-b", new CapturedExchanges(redactor, 10 << 20),
                n, 32 << 20, Duration.ofSeconds(20))) {
            for (int i = 0; i < n; i++) {
                Exchange x = base.get(i % base.size());
                publisher.submitKeyed(new Exchange(i + 1, x.endpoint(), x.receivedAt(), x.request(), x.primary(),
                        x.candidate(), null), "user-" + (i % 12));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == n);
        }
        // Slow judging (50 ms each, twelve users at once: about 8 s in all), so the second worker joins and takes
        // partitions away while the first is under way.
        CompareWorker.Judge slow = c -> CompletableFuture.supplyAsync(() -> comparator.compare(c.exchange()),
                CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
        CompareWorker a = worker(target, "g3", "a", slow);
        Thread ta = running(a);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.stats().consumed() > 100);
        CompareWorker b = worker(target, "g3", "b", slow);
        Thread tb = running(b);
        await().atMost(Duration.ofSeconds(90)).until(() -> a.stats().consumed() + b.stats().consumed() >= n
                && GroupResults.waiting(target, "g3", Duration.ofSeconds(10)) == 0);
        a.stop();
        b.stop();
        ta.join(20_000);
        tb.join(20_000);
        a.close();
        b.close();
        assertThat(b.stats().consumed()).isPositive();
        Map<Long, Integer> seen = new HashMap<>();
        GroupResults.read(target, "g3", Duration.ofSeconds(20), r -> seen.merge(r.exchange().exchange().id(), 1, Integer::sum));
        assertThat(seen).hasSize(n);
        assertThat(seen.values()).allMatch(count -> count == 1);
    }

    @Test
    void aBrokerLostMidRunCostsCountedExchangesOnlyAndPublishingResumesWhenItReturns() throws Exception {
        KafkaTarget target = KafkaTarget.parse("kafka://" + broker.bootstrap() + "/lost");
        KafkaTopics.ensure(target, List.of(target.topic()), 1, Duration.ofSeconds(20));
        List<Exchange> xs = traffic(BackendReply.notSent());
        try (ExchangePublisher publisher = new ExchangePublisher(target, "proxy-c", new CapturedExchanges(redactor, 10 << 20),
                100, 1 << 20, Duration.ofSeconds(4))) {
            publisher.submitKeyed(xs.get(0), "k");
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == 1);
            broker.kill();
            for (int i = 0; i < 10; i++) {
                publisher.submitKeyed(xs.get(i), "k");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().unpublished()
                    .getOrDefault(ExchangePublisher.BROKER, 0L) == 10);
            assertThat(publisher.stats().published()).isEqualTo(1);
            broker.startAgain();
            // The producer finds the returned broker within its reconnect backoff; an exchange sent before it has is
            // counted like the others (CI saw one of five, with this test's 4 s delivery timeout). So exchanges go
            // one a second until five more are acknowledged, and every one is accounted for either way.
            for (int i = 0; i < 60 && publisher.stats().published() < 6; i++) {
                publisher.submitKeyed(xs.get(i % xs.size()), "k");
                Thread.sleep(1000);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() >= 6);
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().waiting() == 0);
            ExchangePublisher.Stats stats = publisher.stats();
            assertThat(stats.unpublishedTotal()).as("the ten sent while it was away, and any sent before it was found")
                    .isGreaterThanOrEqualTo(10).isEqualTo(stats.unpublished().getOrDefault(ExchangePublisher.BROKER, 0L));
            assertThat(stats.published() + stats.unpublishedTotal()).isEqualTo(stats.submitted());
        }
    }
}
