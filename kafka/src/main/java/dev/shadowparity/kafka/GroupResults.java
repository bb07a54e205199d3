package dev.shadowparity.kafka;

import dev.shadowparity.core.ParityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a group of workers judged, read back whole: every committed result of the group's results topic from its
 * first record to its end as of the read (aborted transactions, a killed worker's among them, are never seen), and
 * how far the group is behind the captured topic.
 */
public final class GroupResults {

    private GroupResults() {}

    /**
     * @param results    results read
     * @param rejected   captured records the workers could not read, each named {@code topic-partition@offset: why}
     * @param waiting    captured records the group has not judged yet (its lag on the captured topic)
     * @param proxies    the proxies whose exchanges were judged
     * @param unreadable result records this version could not read
     */
    public record Summary(long results, List<String> rejected, long rejectedCount, long waiting, Set<String> proxies,
                          long unreadable, int partitions) {}

    /**
     * How many captured records the group has not committed yet, over every partition of the captured topic; a
     * partition the group never committed counts from its earliest record kept.
     */
    public static long waiting(KafkaTarget from, String group, Duration timeout) {
        return KafkaTopics.ask(from, timeout, admin -> {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> d = admin.describeTopics(List.of(from.topic()))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            d.get(from.topic()).partitions().forEach(p -> {
                latest.put(new TopicPartition(from.topic(), p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(from.topic(), p.partition()), OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long behind = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata at = committed.get(tp);
                long from0 = at == null ? starts.get(tp).offset() : at.offset();
                behind += Math.max(0, ends.get(tp).offset() - from0);
            }
            return behind;
        });
    }

    /** Names kept of rejected records; beyond, they are counted only. */
    static final int REJECTED_NAMED = 20;

    /**
     * Reads every committed result of {@code group} and hands each to {@code sink} in partition order, then offset
     * order. Throws a {@link ParityException} when the cluster does not answer or the group has no results topic.
     */
    public static Summary read(KafkaTarget from, String group, Duration timeout, Consumer<ResultRecords.Result> sink) {
        String topic = from.resultsTopic(group);
        if (!KafkaTopics.exists(from, topic, timeout)) {
            throw new ParityException("no results of group '" + group + "' on " + from.bootstrap() + ": topic " + topic
                    + " does not exist (start workers with: parity worker --from " + from + " --group " + group + ")");
        }
        long waiting = waiting(from, group, timeout);
        Properties c = from.clientProperties();
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        long results = 0;
        long rejectedCount = 0;
        long unreadable = 0;
        List<String> rejected = new ArrayList<>();
        Set<String> proxies = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            // read_committed: the end is the last stable offset, so no transaction still open is waited for.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            for (TopicPartition tp : partitions) {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = ends.get(tp);
                long quietSince = System.nanoTime();
                while (consumer.position(tp) < end) {
                    var batch = consumer.poll(Duration.ofMillis(500));
                    if (batch.isEmpty()) {
                        if (System.nanoTime() - quietSince > timeout.toNanos()) {
                            throw new ParityException("results topic " + tp + " stopped at offset " + consumer.position(tp)
                                    + " of " + end + " for " + timeout.toSeconds() + " s");
                        }
                        continue;
                    }
                    quietSince = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        if (r.offset() >= end) {
                            break;
                        }
                        ResultRecords.Result result;
                        try {
                            result = ResultRecords.read(r.value());
                        } catch (IllegalArgumentException e) {
                            unreadable++;
                            continue;
                        }
                        if (result.rejected() != null) {
                            rejectedCount++;
                            if (rejected.size() < REJECTED_NAMED) {
                                rejected.add(result.from() + ": " + result.rejected());
                            }
                            continue;
                        }
                        if (result.from().proxy() != null) {
                            proxies.add(result.from().proxy());
                        }
                        results++;
                        sink.accept(result);
                    }
                }
            }
            return new Summary(results, List.copyOf(rejected), rejectedCount, waiting, proxies, unreadable, partitions.size());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaTopics.unreachable(from.bootstrap(), timeout, e);
        }
    }
}
