package dev.shadowparity.kafka;

import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One worker of a group: consumes captured exchanges, has each judged (compared, after sending it to the candidate
 * when the proxy did not mirror it), and writes each result to the group's results topic <em>in the same Kafka
 * transaction as the consumed offsets</em>. A worker that crashes or loses its partitions in a rebalance leaves an
 * open transaction that is aborted: its results are never read (the results are read {@code read_committed}) and the
 * offsets it consumed are not committed, so the partition's next owner judges those records again. No exchange is
 * counted twice or lost.
 *
 * <p>Within a poll, the records of one key (one user's session, as the proxy keyed them) are judged one after the
 * other in offset order, different keys at once. A batch that is not judged within the budget is committed up to the
 * last record of each partition whose predecessors are all judged; the rest is read again.
 */
public final class CompareWorker implements AutoCloseable {

    /** Judges a captured exchange; the future never fails (a failure is a result with its reason). */
    public interface Judge {
        CompletableFuture<ExchangeResult> judge(CapturedExchanges.Captured captured);
    }

    /**
     * @param name        this worker's name, unique in the group (its transactional id is made of it)
     * @param since       for partitions the group has no committed offset of: start at this time; {@code null} for
     *                    the earliest record kept, {@link #LATEST} for only what is captured from now on
     * @param batchBudget how long a poll's records may take to judge before the judged ones are committed
     */
    public record Settings(KafkaTarget from, String group, String name, Instant since, Duration batchBudget,
                           int maxPollRecords) {}

    /** {@code since}: a new group judges only what is captured after it starts. */
    public static final Instant LATEST = Instant.MAX;

    /** What the worker did so far. */
    public record Stats(long consumed, long compared, long sent, long rejected, long rebalances, long aborted,
                        long committedBatches, long lag, List<String> assigned) {}

    private final Settings settings;
    private final Judge judge;
    private final ResultRecords results;
    private final Consumer<String> log;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String resultsTopic;
    private volatile boolean stopping;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong rebalances = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private volatile long lag;
    private volatile List<String> assigned = List.of();
    private volatile long lastRecordNanos = System.nanoTime();

    public CompareWorker(Settings settings, Judge judge, ResultRecords results, Consumer<String> log) {
        this.settings = settings;
        this.judge = judge;
        this.results = results;
        this.log = log;
        this.resultsTopic = settings.from().resultsTopic(settings.group());
        Properties c = settings.from().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "parity-worker-" + settings.name());
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // offsets go with the results, in the transaction
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, LATEST.equals(settings.since()) ? "latest" : "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxPollRecords()));
        // A worker that vanishes gives up its partitions within seconds, not the default 45.
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Properties p = settings.from().clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "parity-worker-" + settings.name());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "parity-worker-" + settings.group() + "-" + settings.name());
        // An open transaction of a killed worker holds its partitions' offsets until the coordinator aborts it.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(settings.batchBudget().toMillis() + 10_000));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Judges records until {@link #stop()}, or until none has come for {@code idleExit} (when not {@code null}). */
    public void run(Duration idleExit) {
        // The results topic has the captured topic's partitions: results are keyed as the records they judge.
        int partitions = KafkaTopics.ensure(settings.from(), List.of(settings.from().topic()), KafkaTopics.DEFAULT_PARTITIONS,
                Duration.ofSeconds(30)).get(settings.from().topic());
        KafkaTopics.ensure(settings.from(), List.of(resultsTopic), partitions, Duration.ofSeconds(30));
        producer.initTransactions();
        consumer.subscribe(List.of(settings.from().topic()), new Rebalances());
        while (!stopping) {
            ConsumerRecords<byte[], byte[]> batch;
            try {
                batch = consumer.poll(Duration.ofMillis(500));
            } catch (WakeupException e) {
                break;
            }
            updateLag();
            if (batch.isEmpty()) {
                if (idleExit != null && System.nanoTime() - lastRecordNanos > idleExit.toNanos() && lag == 0) {
                    log.accept("idle for " + idleExit.toSeconds() + " s with nothing left to judge: stopping");
                    break;
                }
                continue;
            }
            lastRecordNanos = System.nanoTime();
            judgeAndCommit(batch);
        }
    }

    /** One record of a batch, judged into its result record's bytes. */
    private record Pending(ConsumerRecord<byte[], byte[]> record, CompletableFuture<byte[]> result) {}

    private void judgeAndCommit(ConsumerRecords<byte[], byte[]> batch) {
        Map<TopicPartition, List<Pending>> byPartition = new LinkedHashMap<>();
        Map<String, CompletableFuture<byte[]>> chains = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>())
                    .add(new Pending(r, resultOf(r, chains)));
        }
        long deadline = System.nanoTime() + settings.batchBudget().toNanos();
        for (List<Pending> pendings : byPartition.values()) {
            for (Pending p : pendings) {
                try {
                    p.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    break; // the rest of the batch waits for the next poll
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    // cannot happen: judged() turns every failure into a result
                }
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> rewind = new HashMap<>();
        try {
            producer.beginTransaction();
            for (Map.Entry<TopicPartition, List<Pending>> e : byPartition.entrySet()) {
                long next = -1;
                for (Pending p : e.getValue()) {
                    if (!p.result().isDone()) {
                        rewind.put(e.getKey(), p.record().offset());
                        break;
                    }
                    producer.send(new ProducerRecord<>(resultsTopic, p.record().key(), p.result().join()));
                    next = p.record().offset() + 1;
                }
                if (next >= 0) {
                    offsets.put(e.getKey(), new OffsetAndMetadata(next));
                }
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            committedBatches.incrementAndGet();
            for (Map.Entry<TopicPartition, List<Pending>> e : byPartition.entrySet()) {
                for (Pending p : e.getValue()) {
                    if (rewind.containsKey(e.getKey()) && p.record().offset() >= rewind.get(e.getKey())) {
                        break;
                    }
                    consumed.incrementAndGet();
                }
            }
            rewind.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
            throw new IllegalStateException("worker " + settings.name() + " cannot go on: " + fatal.getMessage(), fatal);
        } catch (KafkaException e) {
            // A rebalance took partitions away mid-batch, or the broker was lost: nothing of this batch counts.
            aborted.incrementAndGet();
            log.accept("batch of " + batch.count() + " records not committed (" + e.getMessage() + "): read again");
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the transaction is already aborted by the coordinator
            }
            rewindToCommitted(byPartition.keySet());
        }
    }

    /**
     * The result record of {@code r}: its rejection when it cannot be read, else its judgement, after the previous
     * record of the same key in this batch ({@code chains}: partition and key → the last result under way).
     */
    private CompletableFuture<byte[]> resultOf(ConsumerRecord<byte[], byte[]> r, Map<String, CompletableFuture<byte[]>> chains) {
        CapturedExchanges.Captured captured;
        try {
            captured = CapturedExchanges.decode(r.value());
        } catch (CapturedExchanges.UnreadableRecord e) {
            ResultRecords.From from = new ResultRecords.From(r.topic(), r.partition(), r.offset(), null);
            rejected.incrementAndGet();
            log.accept("skipped record " + from + ": " + e.getMessage());
            return CompletableFuture.completedFuture(ResultRecords.rejected(e.getMessage(), from));
        }
        ResultRecords.From source = new ResultRecords.From(r.topic(), r.partition(), r.offset(), captured.source());
        String chain = r.partition() + "/" + (r.key() == null ? "@" + r.offset() : java.util.Base64.getEncoder().encodeToString(r.key()));
        CompletableFuture<byte[]> result = chains.getOrDefault(chain, CompletableFuture.completedFuture(null))
                .thenCompose(ignored -> judged(captured)).thenApply(x -> results.compared(x, source));
        chains.put(chain, result);
        return result;
    }

    private CompletableFuture<ExchangeResult> judged(CapturedExchanges.Captured captured) {
        if (!captured.mirrored()) {
            sent.incrementAndGet();
        }
        CompletableFuture<ExchangeResult> f;
        try {
            f = judge.judge(captured);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((result, error) -> {
            if (error != null) {
                return new ExchangeResult(captured.exchange(), Outcome.FAILED, "worker error: " + error, List.of());
            }
            compared.incrementAndGet();
            return result;
        });
    }

    private void rewindToCommitted(Collection<TopicPartition> partitions) {
        Set<TopicPartition> mine = new java.util.HashSet<>(partitions);
        mine.retainAll(consumer.assignment());
        if (mine.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(mine);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : mine) {
            OffsetAndMetadata at = committed.get(tp);
            if (at == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        seekToStart(fromStart);
    }

    /** Partitions the group has no offset of start at {@code since}, or at the earliest record kept. */
    private void seekToStart(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (settings.since() == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        if (LATEST.equals(settings.since())) {
            consumer.seekToEnd(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, settings.since().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        List<TopicPartition> none = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            if (at == null) {
                none.add(tp); // nothing captured since then: only what comes next
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        if (!none.isEmpty()) {
            consumer.seekToEnd(none);
        }
    }

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to commit: every batch commits (or aborts) before the next poll.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            rebalances.incrementAndGet();
            assigned = consumer.assignment().stream().map(TopicPartition::toString).sorted().toList();
            log.accept("assigned " + assigned);
            // LATEST needs nothing here: the consumer starts a partition without offsets at its end by itself.
            if (settings.since() != null && !LATEST.equals(settings.since()) && !partitions.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
                seekToStart(partitions.stream().filter(tp -> committed.get(tp) == null).toList());
            }
        }
    }

    private void updateLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            sum += consumer.currentLag(tp).orElse(0);
        }
        lag = sum;
    }

    public Stats stats() {
        return new Stats(consumed.get(), compared.get(), sent.get(), rejected.get(), rebalances.get(), aborted.get(),
                committedBatches.get(), lag, assigned);
    }

    /** Asks {@link #run} to stop after the batch under way; safe from any thread (a signal handler). */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
