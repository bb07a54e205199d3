package dev.shadowparity.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.log.ExchangeJson;
import java.io.IOException;

/**
 * The record a worker writes for each captured record it consumed, both ways: an {@code exchanges.jsonl} line of the
 * compared exchange (masked as the log is), or a rejection naming why the captured record could not be read; each
 * with the captured record's place ({@code topic-partition@offset}) and the proxy that published it.
 *
 * <pre>{"id":7,…,"outcome":"compared","differences":[…],"schema":1,"from":{"topic":"shop","partition":2,"offset":41,"proxy":"a"}}
 * {"schema":1,"rejected":"schema version 9 (this parity reads versions 1 to 2; …)","from":{"topic":"shop","partition":0,"offset":3}}</pre>
 */
public final class ResultRecords {

    public static final int SCHEMA = 1;

    /** Where a captured record was read. */
    public record From(String topic, int partition, long offset, String proxy) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** A result read back: the exchange's result, or the rejection of its captured record. */
    public record Result(ExchangeResult exchange, String rejected, From from) {}

    private final ExchangeJson json;

    public ResultRecords(Redactor redactor, boolean allBodies) {
        this.json = new ExchangeJson(redactor, allBodies);
    }

    public byte[] compared(ExchangeResult result, From from) {
        return json.toLineBytes(result, g -> {
            g.writeNumberField("schema", SCHEMA);
            writeFrom(g, from);
        });
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    public static byte[] rejected(String problem, From from) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("rejected", problem);
            writeFrom(g, from);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void writeFrom(com.fasterxml.jackson.core.JsonGenerator g, From from) throws IOException {
        g.writeObjectFieldStart("from");
        g.writeStringField("topic", from.topic());
        g.writeNumberField("partition", from.partition());
        g.writeNumberField("offset", from.offset());
        if (from.proxy() != null) {
            g.writeStringField("proxy", from.proxy());
        }
        g.writeEndObject();
    }

    /** Reads a result; {@link IllegalArgumentException} names what is wrong. */
    public static Result read(byte[] value) {
        JsonNode o;
        try {
            o = ExchangeJson.parse(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + CapturedExchanges.firstLine(e.getMessage()));
        }
        if (o == null || !o.isObject() || o.path("schema").asInt(-1) != SCHEMA) {
            throw new IllegalArgumentException("not a result record of schema version " + SCHEMA);
        }
        JsonNode f = o.path("from");
        From from = new From(f.path("topic").asText("?"), f.path("partition").asInt(-1), f.path("offset").asLong(-1),
                f.hasNonNull("proxy") ? f.get("proxy").asText() : null);
        if (o.hasNonNull("rejected")) {
            return new Result(null, o.get("rejected").asText(), from);
        }
        return new Result(ExchangeJson.fromJson(o), null, from);
    }
}
