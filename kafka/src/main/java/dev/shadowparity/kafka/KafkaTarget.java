package dev.shadowparity.kafka;

import dev.shadowparity.core.ParityException;
import java.util.regex.Pattern;

/**
 * A topic on a Kafka cluster as the command line names it: {@code kafka://HOST:PORT[,HOST:PORT…]/TOPIC}, and how to
 * connect to it.
 *
 * @param bootstrap the {@code bootstrap.servers} list, {@code host:port,host:port}
 * @param client    connection settings for a secured cluster ({@link KafkaClientSettings}), empty for plaintext; never
 *                  shown ({@link #toString} names the servers and the topic only)
 */
public record KafkaTarget(String bootstrap, String topic, java.util.Map<String, String> client) {

    public KafkaTarget {
        client = client == null ? java.util.Map.of() : java.util.Map.copyOf(client);
    }

    public KafkaTarget(String bootstrap, String topic) {
        this(bootstrap, topic, java.util.Map.of());
    }

    /** The same topic reached with these connection settings. */
    public KafkaTarget withClient(java.util.Map<String, String> settings) {
        return new KafkaTarget(bootstrap, topic, settings);
    }

    /** A client's properties: the bootstrap servers and the connection settings; each client adds its own. */
    java.util.Properties clientProperties() {
        java.util.Properties p = new java.util.Properties();
        p.putAll(client);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** How the cluster is reached, without a secret: {@code SASL_SSL, PLAIN}, or {@code PLAINTEXT}. */
    public String security() {
        String protocol = client.getOrDefault("security.protocol", "PLAINTEXT");
        String mechanism = client.get("sasl.mechanism");
        return protocol.startsWith("SASL") ? protocol + ", " + (mechanism == null ? "GSSAPI" : mechanism) : protocol;
    }

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
