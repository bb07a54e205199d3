package dev.shadowparity.kafka;

import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How parity's Kafka clients reach a secured cluster: {@code --kafka-config FILE}, a Java properties file of Kafka's own
 * connection settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), applied alike to the publishing
 * proxy's producer, the workers' consumers and producers, and the admin client that checks topics. Only connection
 * settings are taken: a key parity sets itself (acks, idempotence, transactions, isolation, serialisers) would change
 * what it guarantees, and is refused with its line. The values (a JAAS password, a key's passphrase) never appear in
 * anything parity prints or writes.
 */
public final class KafkaClientSettings {

    private static final List<String> PREFIXES = List.of("security.", "sasl.", "ssl.");
    private static final List<String> ALSO = List.of("client.dns.lookup", "client.id");

    private KafkaClientSettings() {}

    /** The connection settings of {@code file}. */
    public static Map<String, String> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ParityException("--kafka-config " + file + ": " + (Files.exists(file) ? "cannot be read: " + e.getMessage()
                    : "file not found"));
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ParityException("--kafka-config " + file + ": not a properties file: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (String key : p.stringPropertyNames()) {
            if (!(ALSO.contains(key) || PREFIXES.stream().anyMatch(key::startsWith))) {
                throw new ParityException(file + ":" + lineOf(lines, key) + ": '" + key + "' is not a connection setting;"
                        + " --kafka-config takes security.protocol, sasl.*, ssl.*, client.dns.lookup and client.id"
                        + " (parity sets the others itself: acks, idempotence, transactions, isolation, serialisers)");
            }
            out.put(key, p.getProperty(key));
        }
        String protocol = out.get("security.protocol");
        if (protocol != null && !List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
            throw new ParityException(file + ":" + lineOf(lines, "security.protocol") + ": security.protocol '" + protocol
                    + "' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
        return Map.copyOf(out);
    }

    private static int lineOf(String[] lines, String key) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith(key) && l.substring(key.length()).matches("^\\s*[=:\\s].*|^$")) {
                return i + 1;
            }
        }
        return 1;
    }
}
