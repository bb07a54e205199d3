package dev.shadowparity.cli;

import dev.shadowparity.core.ParityException;
import dev.shadowparity.kafka.KafkaClientSettings;
import dev.shadowparity.kafka.KafkaTarget;
import picocli.CommandLine.Option;

/** {@code --from kafka://…/TOPIC --group NAME}: the captured topic and the group of workers that judges it. */
final class KafkaSource {

    @Option(names = "--from", paramLabel = "kafka://HOST:PORT/TOPIC",
            description = "The topic proxies publish to (parity proxy --publish).")
    String from;

    @Option(names = "--group", paramLabel = "NAME",
            description = "The workers' consumer group: one group judges the captured traffic once, against one candidate.")
    String group;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka connection settings for a secured cluster: a properties file of security.protocol, sasl.*, ssl.*.")
    java.nio.file.Path kafkaConfig;

    boolean given() {
        return from != null;
    }

    KafkaTarget target() {
        KafkaTarget t;
        try {
            t = KafkaTarget.parse(from);
        } catch (ParityException e) {
            throw new ParityCommand.UsageException("--from " + e.getMessage());
        }
        return kafkaConfig == null ? t : t.withClient(KafkaClientSettings.load(kafkaConfig));
    }

    String group() {
        if (group == null || !group.matches("[a-zA-Z0-9._-]{1,200}")) {
            throw new ParityCommand.UsageException(group == null ? "--from needs --group NAME (the workers' consumer group)"
                    : "--group '" + group + "': letters, digits, '.', '_' and '-' only (it names a topic)");
        }
        return group;
    }
}
