package dev.shadowparity.kafka;

import dev.shadowparity.core.ParityException;
import java.util.regex.Pattern;

/**
 * A topic on a Kafka cluster as the command line names it: {@code kafka://HOST:PORT[,HOST:PORT…]/TOPIC}.
 *
 * @param bootstrap the {@code bootstrap.servers} list, {@code host:port,host:port}
 */
public record KafkaTarget(String bootstrap, String topic) {

    /** Kafka's own rule for topic names: ASCII letters, digits, '.', '_' and '-', at most 249 characters. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVER = Pattern.compile("[^,:/\\s]+:\\d{1,5}");

    public static KafkaTarget parse(String uri) {
        String prefix = "kafka://";
        if (uri == null || !uri.startsWith(prefix)) {
            throw new ParityException("'" + uri + "' is not a Kafka topic: write kafka://HOST:PORT/TOPIC");
        }
        String rest = uri.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new ParityException("'" + uri + "' names no topic: write kafka://HOST:PORT/TOPIC");
        }
        String servers = rest.substring(0, slash);
        String topic = rest.substring(slash + 1);
        for (String server : servers.split(",", -1)) {
            if (!SERVER.matcher(server).matches()) {
                throw new ParityException("'" + uri + "': '" + server + "' is not HOST:PORT");
            }
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw new ParityException("'" + uri + "': topic '" + topic
                    + "' is not a Kafka topic name (letters, digits, '.', '_', '-', at most 249)");
        }
        return new KafkaTarget(servers, topic);
    }

    /**
     * Where a group's workers write their results: one topic per group, so a second group judging another candidate
     * build on the same captured traffic never mixes its results with the first's.
     */
    public String resultsTopic(String group) {
        return topic + ".results." + group;
    }

    @Override
    public String toString() {
        return "kafka://" + bootstrap + "/" + topic;
    }
}
