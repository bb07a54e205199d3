package dev.shadowparity.kafka;

import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.IdleWait;
import dev.shadowparity.core.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sink of a proxy that publishes: each exchange goes to a Kafka topic as a {@link CapturedExchanges} record, keyed
 * by the user's session key (so one user's requests keep their order in one partition), instead of being compared
 * here. {@link #submit} never blocks its caller (a proxy event loop): exchanges wait in a bounded queue for the one
 * thread that masks, encodes and hands them to the producer, whose own bounded buffer holds them until the broker
 * acknowledges. An exchange that cannot be published is counted with its reason (the queue full, the broker not
 * reachable within the delivery timeout), never retried into the client's path.
 */
public final class ExchangePublisher implements ExchangeSink, AutoCloseable {

    /** A reason an exchange was not published, as counted and shown in {@code /metrics}. */
    public static final String QUEUE_FULL = "buffer full";
    public static final String BROKER = "broker unreachable";
    /** The cluster answered and would not take the records: credentials or ACLs ({@code --kafka-config}). */
    public static final String REFUSED = "broker refused";
    public static final String ENCODE = "cannot encode";

    private record Pending(Exchange exchange, String key) {}

    private static final Pending STOP = new Pending(null, null);
    /** Exchanges the publishing thread takes from the queue at a time. */
    private static final int BATCH = 256;
    private static final Duration LONGEST_IDLE_WAIT = Duration.ofMillis(10);

    private final KafkaTarget target;
    private final String source;
    private final CapturedExchanges records;
    private final BlockingQueue<Pending> queue;
    private final Producer<byte[], byte[]> producer;
    private final Thread sender;
    private final LongAdder submitted = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, LongAdder> unpublished = new ConcurrentHashMap<>();
    private volatile String lastError;
    /** Where the one line per change of state goes (publishing failed, publishing resumed). */
    private final Consumer<String> notices;
    /** Whether the last delivery failed, so a change of state is told once, not per exchange. */
    private final java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong unpublishedAtFailure = new AtomicLong();
    /** The time of the oldest exchange not yet acknowledged, for the publish lag; 0 when none waits. */
    private final AtomicLong lastAckedNanos = new AtomicLong(System.nanoTime());

    /**
     * @param source        this proxy's name in its records (several proxies publish to one topic)
     * @param queueCapacity exchanges waiting to be encoded before further ones are counted {@link #QUEUE_FULL}
     * @param bufferBytes   the producer's buffer for records the broker has not acknowledged ({@code buffer.memory})
     */
    public ExchangePublisher(KafkaTarget target, String source, CapturedExchanges records, int queueCapacity,
                             long bufferBytes, Duration deliveryTimeout) {
        this(target, source, records, queueCapacity, bufferBytes, deliveryTimeout, System.err::println);
    }

    /** @param notices gets one line when publishing starts failing and one when it resumes */
    public ExchangePublisher(KafkaTarget target, String source, CapturedExchanges records, int queueCapacity,
                             long bufferBytes, Duration deliveryTimeout, Consumer<String> notices) {
        this.notices = notices;
        this.target = target;
        this.source = source;
        this.records = records;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Properties p = target.clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "parity-proxy-" + source);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // a retried batch is not written twice
        // Records are keyed over many partitions: a longer linger fills batches (one compression stream each), and
        // only the publishing waits for it, never a client.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "100");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"); // measured: without it, more bytes cost more CPU on both ends
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(bufferBytes));
        // The sender thread never waits long for room or metadata: the queue in front of it takes the burst.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        int delivery = (int) deliveryTimeout.toMillis();
        if (delivery < 1000) {
            throw new dev.shadowparity.core.ParityException("the publish timeout must be at least 1 s, got " + delivery + " ms");
        }
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        // The producer needs delivery >= linger + request timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, delivery - 101)));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.sender = new Thread(this::sendAll, "parity-publish");
        sender.setDaemon(true);
        sender.start();
    }

    public KafkaTarget target() {
        return target;
    }

    /** Publishes under the client connection's key: used when the proxy knows no session key for the request. */
    @Override
    public void submit(Exchange x, Consumer<ExchangeResult> recorded) {
        submitKeyed(x, null);
        recorded.accept(new ExchangeResult(x, Outcome.SKIPPED, "published to " + target, List.of()));
    }

    @Override
    public void submitKeyed(Exchange x, String key) {
        submitted.increment();
        if (!queue.offer(new Pending(x, key))) {
            notPublished(QUEUE_FULL, 1);
        }
    }

    /**
     * The publishing thread's loop. It takes what waits in batches and, when nothing does, sleeps ({@link IdleWait},
     * up to 10 ms) rather than be woken by each offer; the producer lingers 100 ms for its batches anyway.
     */
    private void sendAll() {
        List<Pending> batch = new ArrayList<>(BATCH);
        IdleWait wait = new IdleWait(LONGEST_IDLE_WAIT);
        while (!Thread.currentThread().isInterrupted()) {
            if (queue.drainTo(batch, BATCH) == 0) {
                wait.idle();
                continue;
            }
            wait.busy();
            inFlight.addAndGet(batch.size()); // taken: waiting until acknowledged, or counted unpublished
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) == STOP) {
                    inFlight.addAndGet(i - batch.size());
                    if (i + 1 < batch.size()) {
                        notPublished(BROKER, batch.size() - i - 1); // submitted after close: counted as the queue's rest is
                    }
                    return;
                }
                send(batch.get(i));
            }
            batch.clear();
        }
    }

    private void send(Pending next) {
        byte[] value;
        try {
            value = records.encode(next.exchange(), source);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            notPublished(ENCODE, 1);
            lastError = ENCODE + ": " + e;
            return;
        }
        byte[] key = next.key() == null ? null : next.key().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(target.topic(), key, value), (meta, error) -> {
                inFlight.decrementAndGet();
                if (error == null) {
                    published.increment();
                    lastAckedNanos.set(System.nanoTime());
                    if (failing.compareAndSet(true, false)) {
                        notices.accept("kafka: publishing to " + target + " resumed ("
                                + (stats().unpublishedTotal() - unpublishedAtFailure.get()) + " exchanges not published meanwhile)");
                    }
                } else if (error instanceof org.apache.kafka.common.errors.AuthenticationException
                        || error instanceof org.apache.kafka.common.errors.AuthorizationException) {
                    notPublished(REFUSED, 1);
                    lastError = REFUSED + ": " + error.getMessage();
                } else {
                    brokerFailed(error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // A TimeoutException: no metadata or no room within max.block.ms, the broker has been away a while.
            inFlight.decrementAndGet();
            brokerFailed(e instanceof TimeoutException ? e.getMessage() : e.toString());
        }
    }

    private void brokerFailed(String why) {
        notPublished(BROKER, 1);
        lastError = BROKER + ": " + why;
    }

    private void notPublished(String reason, long n) {
        if (failing.compareAndSet(false, true)) {
            unpublishedAtFailure.set(stats().unpublishedTotal());
            notices.accept("kafka: publishing to " + target + " failing (" + reason + "); clients are answered as"
                    + " before, and each exchange not published is counted (parity_unpublished_total)");
        }
        unpublished.computeIfAbsent(reason, r -> new LongAdder()).add(n);
    }

    /**
     * What the publisher did.
     *
     * @param waiting      exchanges in the queue or sent and not yet acknowledged
     * @param lagSeconds   how long since the broker last acknowledged a record while some wait; 0 when none waits
     * @param unpublished  exchanges not published, by reason
     */
    public record Stats(long submitted, long published, long waiting, double lagSeconds, Map<String, Long> unpublished,
                        String lastError) {
        public long unpublishedTotal() {
            return unpublished.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Stats stats() {
        Map<String, Long> by = new TreeMap<>();
        unpublished.forEach((r, n) -> by.put(r, n.sum()));
        long waiting = queue.size() + inFlight.get();
        double lag = waiting == 0 ? 0 : (System.nanoTime() - lastAckedNanos.get()) / 1e9;
        return new Stats(submitted.sum(), published.sum(), waiting, lag, by, lastError);
    }

    /** The publisher's counters for the proxy's {@code /metrics}. */
    @Override
    public List<SinkMetric> metrics() {
        return List.of(
                new SinkMetric("parity_publish_exchanges_total", "Exchanges handed to the Kafka publisher.", true, null,
                        () -> Map.of("", (double) submitted.sum())),
                new SinkMetric("parity_published_total", "Exchanges the broker acknowledged.", true, null,
                        () -> Map.of("", (double) published.sum())),
                new SinkMetric("parity_unpublished_total", "Exchanges not published, by reason.", true, "reason", () -> {
                    Map<String, Double> by = new TreeMap<>();
                    for (String reason : List.of(QUEUE_FULL, BROKER, REFUSED, ENCODE)) {
                        LongAdder n = unpublished.get(reason);
                        by.put(reason, n == null ? 0.0 : n.sum());
                    }
                    return by;
                }),
                new SinkMetric("parity_publish_waiting", "Exchanges queued or sent and not yet acknowledged.", false, null,
                        () -> Map.of("", (double) stats().waiting())),
                new SinkMetric("parity_publish_lag_seconds",
                        "Seconds since the broker last acknowledged a record while exchanges wait (0 when none waits).",
                        false, null, () -> Map.of("", stats().lagSeconds())));
    }

    /**
     * Publishes what is queued and waits up to {@code timeout} for the broker's acknowledgements; what is still
     * unacknowledged then is counted {@link #BROKER}.
     */
    public void close(Duration timeout) throws InterruptedException {
        queue.put(STOP);
        sender.join(timeout.toMillis());
        if (sender.isAlive()) {
            sender.interrupt();
        }
        long left = queue.stream().filter(p -> p != STOP).count();
        if (left > 0) {
            notPublished(BROKER, left);
        }
        producer.close(timeout); // flushes; records it cannot deliver fail their callbacks (counted above)
        long unacknowledged = inFlight.getAndSet(0);
        if (unacknowledged > 0) {
            notPublished(BROKER, unacknowledged);
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
