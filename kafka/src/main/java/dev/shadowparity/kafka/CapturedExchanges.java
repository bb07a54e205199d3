package dev.shadowparity.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.comparators.ContentDecoding;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.log.ExchangeJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record a proxy publishes for one exchange, both ways: the request, the primary's answer and, when this proxy
 * mirrored it, the candidate's and secondary's; in {@code exchanges.jsonl}'s form with every body whole, masked
 * before it leaves the process. A compressed answer is published decoded (a compressed secret cannot be masked) and
 * named in {@code decoded}; a worker codes it again, so its comparator sees what the proxy's would have. A body in
 * which nothing could be a secret, and a binary one, follow the JSON head as their own bytes after a newline, named
 * by place in the head ({@code "body":{"offset":0,"bytes":2048},"bodyEncoding":"attached"}).
 *
 * <pre>{"schema":2,"source":"proxy-a","mirrored":true,"decoded":{"primary":"gzip"},"id":7,"endpoint":…,"request":…,
 *  "primary":{…,"body":{"offset":0,"bytes":2048},"bodyEncoding":"attached"},"candidate":{…,"bodySameAs":"primary"}}
 * {"items":[…]}…</pre>
 */
public final class CapturedExchanges {

    /**
     * The version of the record's form; a worker skips (and counts) records of a version it does not know. Version 1
     * carried such bodies in base64 inside the JSON; it is still read, so a topic written by an older proxy is judged.
     */
    public static final int SCHEMA = 2;

    private static final int OLDEST_READ = 1;

    /**
     * A record read back.
     *
     * @param mirrored the proxy mirrored it: the record holds the candidate's answer (and the secondary's)
     * @param source   the proxy that published it
     */
    public record Captured(Exchange exchange, boolean mirrored, String source) {}

    /** A record that is not a captured exchange this version reads: malformed, or of a later schema. */
    public static final class UnreadableRecord extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableRecord(String problem) {
            super(problem);
        }
    }

    private final ExchangeJson json;
    private final long decodeLimit;

    /** @param decodeLimit an answer that decodes past this is published as it came (the suite's {@code maxDecodedBody}) */
    public CapturedExchanges(Redactor redactor, long decodeLimit) {
        this.json = new ExchangeJson(redactor, true, true);
        this.decodeLimit = decodeLimit;
    }

    /** The record's bytes; {@code source} names the publishing proxy. */
    public byte[] encode(Exchange x, String source) {
        Map<String, String> decoded = new LinkedHashMap<>(2);
        Exchange plain = new Exchange(x.id(), x.endpoint(), x.receivedAt(), x.request(),
                decoded(x.primary(), "primary", decoded), decoded(x.candidate(), "candidate", decoded),
                x.secondary() == null ? null : decoded(x.secondary(), "secondary", decoded));
        boolean mirrored = !BackendReply.isNotSent(x.candidate());
        return json.exchangeBytes(plain, g -> {
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("source", source);
            g.writeBooleanField("mirrored", mirrored);
            if (!decoded.isEmpty()) {
                g.writeObjectFieldStart("decoded");
                for (Map.Entry<String, String> e : decoded.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
        });
    }

    private BackendReply decoded(BackendReply reply, String side, Map<String, String> decoded) {
        if (!(reply instanceof BackendReply.Responded r)) {
            return reply;
        }
        String codings = r.response().headers().first("Content-Encoding").orElse(null);
        if (codings == null) {
            return reply;
        }
        byte[] body = ContentDecoding.decodedBody(r.response(), decodeLimit);
        if (body == null) {
            return reply; // not decodable: published as it came, and the comparator says why it could not read it
        }
        decoded.put(side, String.join(", ", r.response().headers().all("Content-Encoding")));
        return new BackendReply.Responded(new RecordedResponse(r.response().status(), r.response().headers(), body),
                r.elapsed());
    }

    /** Reads a record; {@link UnreadableRecord} names what is wrong with it. */
    public static Captured decode(byte[] value) throws UnreadableRecord {
        if (value == null) {
            throw new UnreadableRecord("empty record (a tombstone)");
        }
        ExchangeJson.Record record;
        try {
            record = ExchangeJson.parseRecord(value);
        } catch (IOException e) {
            throw new UnreadableRecord("not JSON: " + firstLine(e.getMessage()));
        }
        JsonNode o = record.head();
        if (o == null || !o.isObject()) {
            throw new UnreadableRecord("not a JSON object");
        }
        JsonNode schema = o.get("schema");
        if (schema == null || !schema.canConvertToInt()) {
            throw new UnreadableRecord("no 'schema' version: not a record parity published");
        }
        if (schema.asInt() < OLDEST_READ || schema.asInt() > SCHEMA) {
            throw new UnreadableRecord("schema version " + schema.asInt() + " (this parity reads versions " + OLDEST_READ
                    + " to " + SCHEMA + (schema.asInt() > SCHEMA ? "; a newer proxy published it: upgrade the workers)" : ")"));
        }
        try {
            Exchange x = ExchangeJson.readExchange(record);
            JsonNode decoded = o.path("decoded");
            if (!decoded.isMissingNode()) {
                x = new Exchange(x.id(), x.endpoint(), x.receivedAt(), x.request(),
                        coded(x.primary(), decoded.path("primary")), coded(x.candidate(), decoded.path("candidate")),
                        x.secondary() == null ? null : coded(x.secondary(), decoded.path("secondary")));
            }
            return new Captured(x, o.path("mirrored").asBoolean(false), o.path("source").asText("?"));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new UnreadableRecord(e.getMessage());
        }
    }

    private static BackendReply coded(BackendReply reply, JsonNode codings) {
        if (!codings.isTextual() || !(reply instanceof BackendReply.Responded r)) {
            return reply;
        }
        byte[] body = ContentDecoding.encode(codings.asText(), r.response().body());
        return new BackendReply.Responded(new RecordedResponse(r.response().status(), r.response().headers(), body), r.elapsed());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
