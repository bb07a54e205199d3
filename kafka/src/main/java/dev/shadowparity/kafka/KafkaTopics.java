package dev.shadowparity.kafka;

import dev.shadowparity.core.ParityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What a command checks of the cluster before it starts: that the brokers answer (else a clear error, and the command
 * exits 2 rather than running blind), and that its topics exist, created when they do not.
 */
public final class KafkaTopics {

    /** Partitions of a topic parity creates: room for this many workers of one group. */
    public static final int DEFAULT_PARTITIONS = 6;

    private KafkaTopics() {}

    static Properties adminProperties(KafkaTarget cluster, Duration timeout) {
        Properties p = cluster.clientProperties();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * Waits up to {@code timeout} for the cluster to answer, then makes sure {@code topics} exist (creating the missing
     * ones with {@code partitions} partitions, replicated as far as the cluster's size allows, up to 3). Returns each
     * topic's partition count.
     *
     * @throws ParityException naming the bootstrap servers when no broker answers in time
     */
    public static Map<String, Integer> ensure(KafkaTarget cluster, List<String> topics, int partitions, Duration timeout) {
        String bootstrap = cluster.bootstrap();
        return ask(cluster, timeout, admin -> {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) Math.min(3, Math.max(1, brokers)))).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new ParityException("cannot create the topics " + missing.stream().map(NewTopic::name).toList()
                                + " on " + bootstrap + ": " + e.getCause().getMessage());
                    }
                }
            }
            Map<String, TopicDescription> described = described(admin, topics, timeout);
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            topics.forEach(t -> counts.put(t, described.get(t).partitions().size()));
            return counts;
        });
    }

    /**
     * The topics' descriptions; a topic created a moment ago may not be known to every part of the cluster yet
     * ("does not host this topic-partition"), so that answer is asked again until {@code timeout}, never taken as an
     * unreachable cluster.
     */
    private static Map<String, TopicDescription> described(Admin admin, List<String> topics, Duration timeout)
            throws ExecutionException, java.util.concurrent.TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Whether {@code topic} exists; {@link ParityException} when the cluster does not answer. */
    public static boolean exists(KafkaTarget cluster, String topic, Duration timeout) {
        return ask(cluster, timeout,
                admin -> admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic));
    }

    /** One conversation with the cluster's admin API. */
    interface AdminCall<T> {
        T call(Admin admin) throws ExecutionException, java.util.concurrent.TimeoutException, InterruptedException;
    }

    /**
     * Runs {@code call} on an admin client of its own; a cluster that does not answer within {@code timeout} is a
     * {@link ParityException} that says so in words, naming the bootstrap servers.
     */
    static <T> T ask(KafkaTarget cluster, Duration timeout, AdminCall<T> call) {
        String bootstrap = cluster.bootstrap();
        try (Admin admin = Admin.create(adminProperties(cluster, timeout))) {
            return call.call(admin);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            throw unreachable(bootstrap, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParityException("interrupted while asking Kafka at " + bootstrap);
        }
    }

    static ParityException unreachable(String bootstrap, Duration timeout, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof org.apache.kafka.common.errors.AuthenticationException
                || cause instanceof org.apache.kafka.common.errors.AuthorizationException) {
            return new ParityException("Kafka at " + bootstrap + " refused parity: " + cause.getMessage()
                    + " (check the credentials and settings given by --kafka-config)");
        }
        String why = cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no broker answered within " + timeout.toSeconds() + " s" : cause.getMessage();
        return new ParityException("cannot reach Kafka at " + bootstrap + ": " + why
                + " (is the broker running, is that its advertised listener, and does it take this security protocol?"
                + " --kafka-config sets it)");
    }
}
