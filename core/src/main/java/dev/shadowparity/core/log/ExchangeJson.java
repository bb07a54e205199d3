package dev.shadowparity.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.Ranking;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code exchanges.jsonl} line format, both ways. Writing redacts; reading rebuilds the records
 * (with redacted values where secrets were).
 */
public final class ExchangeJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Redactor redactor;
    private final boolean allBodies;
    /**
     * Every body whole, a binary one too, and those written as their own bytes attached after the JSON head rather
     * than inside it: a record another process compares, not a log a person reads.
     */
    private final boolean wholeBodies;

    /** Writes response bodies only where something differs or was not compared. */
    public ExchangeJson(Redactor redactor) {
        this(redactor, false);
    }

    public ExchangeJson(Redactor redactor, boolean allBodies) {
        this(redactor, allBodies, false);
    }

    /**
     * @param wholeBodies every body written (as {@code allBodies}) and a binary answer whole, as a record that is
     *                    compared elsewhere needs them (a published exchange, {@link #exchangeBytes}); secrets are
     *                    masked all the same
     */
    public ExchangeJson(Redactor redactor, boolean allBodies, boolean wholeBodies) {
        this.redactor = redactor;
        this.allBodies = allBodies || wholeBodies;
        this.wholeBodies = wholeBodies;
    }

    /** Fields a caller adds to a line, written before its closing brace. */
    public interface ExtraFields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The record a proxy publishes: a JSON object of the exchange's fields (no outcome), {@code extra} fields first,
     * then, when this writer keeps whole bodies, a newline and the bodies kept as their own bytes, which the head names
     * by place ({@code "body":{"offset":0,"bytes":2048},"bodyEncoding":"attached"}, counted from after the newline).
     * Read back by {@link #parseRecord} and {@link #readExchange(Record)}.
     */
    public byte[] exchangeBytes(Exchange x, ExtraFields extra) {
        List<byte[]> attached = wholeBodies ? new ArrayList<>(2) : null;
        byte[] head = generated(x.id(), g -> {
            g.writeStartObject();
            extra.write(g);
            writeExchange(g, x, true, attached);
            g.writeEndObject();
        });
        if (attached == null || attached.isEmpty()) {
            return head;
        }
        // The record in one array of its size: the bodies are copied once, after the head and a newline (the
        // generator never writes a raw newline, so the first one ends the head).
        int size = head.length + 1;
        for (byte[] body : attached) {
            size += body.length;
        }
        byte[] record = java.util.Arrays.copyOf(head, size);
        record[head.length] = '\n';
        int at = head.length + 1;
        for (byte[] body : attached) {
            System.arraycopy(body, 0, record, at, body.length);
            at += body.length;
        }
        return record;
    }

    /**
     * A published record read: its JSON head, and the record's bytes with the place its attached bodies begin.
     *
     * @param attachedFrom the index in {@code bytes} of the first attached body's first byte
     */
    public record Record(JsonNode head, byte[] bytes, int attachedFrom) {}

    /** Splits a record {@link #exchangeBytes} wrote (or one of JSON alone) into its head and its attached bodies. */
    public static Record parseRecord(byte[] bytes) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(bytes)) {
            JsonNode head = MAPPER.readTree(p);
            long end = p.currentLocation().getByteOffset();
            return new Record(head, bytes, (int) Math.min(bytes.length, end + 1));
        }
    }

    /** As {@link #toLineBytes(ExchangeResult)}, with {@code extra} fields at the end of the line. */
    public byte[] toLineBytes(ExchangeResult ce, ExtraFields extra) {
        return generated(ce.exchange().id(), g -> write(g, ce, extra));
    }

    /** What {@code content} generates, as UTF-8 bytes. */
    private static byte[] generated(long id, ExtraFields content) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            content.write(g);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise exchange " + id, e);
        }
        return out.toByteArray();
    }

    /** The parser of every line and record: one configuration, Jackson's defaults. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /**
     * The line as UTF-8 bytes, without a newline. Written with a streaming generator straight from the
     * records: the log is written for every exchange, and building a tree first cost as much as comparing.
     */
    public byte[] toLineBytes(ExchangeResult ce) {
        return toLineBytes(ce, null);
    }

    private void write(JsonGenerator g, ExchangeResult ce, ExtraFields extra) throws IOException {
        g.writeStartObject();
        // Bodies explain differences; an exchange that was not compared has none to explain.
        boolean bodies = allBodies || !ce.differences().isEmpty();
        writeExchange(g, ce.exchange(), bodies, null);
        if (!bodies) {
            g.writeStringField("responseBodies", "omitted: no differences");
        }
        g.writeStringField("outcome", ce.outcome().label());
        if (ce.reason() != null) {
            g.writeStringField("reason", ce.reason());
        }
        g.writeArrayFieldStart("differences");
        for (Difference d : ce.differences()) {
            g.writeStartObject();
            g.writeStringField("path", d.path());
            g.writeStringField("kind", d.kind().label());
            value(g, "primary", redactor.valueAt(d.path(), d.primary()));
            value(g, "candidate", redactor.valueAt(d.path(), d.candidate()));
            g.writeBooleanField("noise", d.isNoise());
            if (d.isNoise()) {
                g.writeStringField("noiseReason", d.noiseReason());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!ce.secondaryDifferences().isEmpty()) {
            // Where the two primaries differed: the evidence behind the ledger's per-field noise decision.
            g.writeArrayFieldStart("secondaryDifferences");
            for (Difference d : ce.secondaryDifferences()) {
                g.writeStartObject();
                g.writeStringField("path", d.path());
                g.writeStringField("kind", d.kind().label());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!ce.drifts().isEmpty()) {
            // The numbers at paths with a tolerance, so the drift statistics are rebuilt from the line as well.
            g.writeArrayFieldStart("drifts");
            for (Drift d : ce.drifts()) {
                g.writeStartObject();
                g.writeStringField("path", d.path());
                g.writeNumberField("primary", d.primary());
                g.writeNumberField("candidate", d.candidate());
                if (d.cosine()) {
                    g.writeBooleanField("cosine", true);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!ce.rankings().isEmpty()) {
            // The ranked lists the answers disagreed on, so the ranking statistics are rebuilt from the line as well.
            g.writeArrayFieldStart("rankings");
            for (Ranking r : ce.rankings()) {
                g.writeStartObject();
                g.writeStringField("path", r.path());
                g.writeNumberField("jaccard", r.jaccard());
                g.writeNumberField("tau", r.tau());
                g.writeBooleanField("sameFirst", r.sameFirst());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (extra != null) {
            extra.write(g);
        }
        g.writeEndObject();
    }

    /**
     * Everything that is not the outcome: ids, request, each backend's reply.
     *
     * @param attached where a record's bodies kept as their own bytes go, in order; null in a log line
     */
    private void writeExchange(JsonGenerator g, Exchange x, boolean bodies, List<byte[]> attached) throws IOException {
        g.writeNumberField("id", x.id());
        g.writeStringField("endpoint", x.endpoint().toString());
        g.writeStringField("receivedAt", LineFormats.instant(x.receivedAt()));
        g.writeObjectFieldStart("request");
        g.writeStringField("method", x.request().method());
        g.writeStringField("uri", redactor.uri(x.request().uri()));
        headers(g, x.request().headers());
        body(g, x.request().body(), x.request().headers().first("Content-Type").orElse(""), true, attached);
        g.writeEndObject();
        reply(g, "primary", x.primary(), bodies, null, attached);
        byte[] primaryBody = wholeBodies && x.primary() instanceof BackendReply.Responded p ? p.response().body() : null;
        reply(g, "candidate", x.candidate(), bodies, primaryBody, attached);
        if (x.secondary() != null) {
            reply(g, "secondary", x.secondary(), bodies, primaryBody, attached);
        }
    }

    /** A difference's value, already passed through the redactor (masked at a secret path, and inside). */
    private static void value(JsonGenerator g, String field, JsonNode value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeTree(value);
        }
    }

    /**
     * @param primaryBody in a record (whole bodies), the primary's body: an answer with the same bytes names it
     *                    ({@code "bodySameAs": "primary"}) instead of carrying it twice, the common case by far
     */
    private void reply(JsonGenerator g, String field, BackendReply reply, boolean withBody, byte[] primaryBody,
                       List<byte[]> attached) throws IOException {
        g.writeObjectFieldStart(field);
        String millis = LineFormats.millis(reply.elapsed());
        g.writeFieldName("latencyMs");
        if (millis != null) {
            g.writeNumber(millis);
        } else {
            g.writeNumber(reply.elapsed().toNanos() / 1_000_000.0);
        }
        if (reply instanceof BackendReply.Responded r) {
            RecordedResponse resp = r.response();
            g.writeNumberField("status", resp.status());
            headers(g, resp.headers());
            if (primaryBody != null && resp.body().length > 0 && java.util.Arrays.equals(primaryBody, resp.body())) {
                g.writeStringField("bodySameAs", "primary");
            } else if (withBody) {
                body(g, resp.body(), resp.contentType(), false, attached);
            } else {
                g.writeNumberField("bodyBytes", resp.body().length);
            }
        } else if (reply instanceof BackendReply.NoResponse n) {
            g.writeStringField("outcome", n.outcome().label());
            g.writeStringField("reason", n.reason());
        }
        g.writeEndObject();
    }

    /**
     * A body as its media type reads: JSON as JSON, text as text (in its charset), secrets masked in both. A binary
     * request body is kept whole (base64), since a replay of this log sends it again; a binary answer is named by
     * its size, digest and first bytes, which is all a reader of differences needs and keeps the log small. A record
     * ({@code attached} given) keeps a binary body, and a text one in which nothing could be a secret, as its own bytes.
     */
    private void body(JsonGenerator g, byte[] body, String contentType, boolean request, List<byte[]> attached)
            throws IOException {
        if (body.length == 0) {
            return;
        }
        if (attached != null && Bodies.isText(body, contentType) && !couldMask(body, contentType)) {
            // Nothing in it could be a secret: its own bytes, no parse, no escaping of its quotes, no base64 (which
            // cost the publishing proxy 7% of its CPU), and the comparator reads exactly what the backend sent. One
            // that might hold a secret is masked below.
            attach(g, body, attached);
            return;
        }
        JsonNode json = Bodies.parseJson(body, contentType);
        if (json != null) {
            g.writeFieldName("body");
            g.writeTree(redactor.jsonInPlace(json));
            g.writeStringField("bodyEncoding", "json");
            return;
        }
        byte[] shown = redactor.body(body, contentType);
        if (Bodies.isText(shown, contentType)) {
            g.writeStringField("body", Bodies.text(shown, contentType));
            g.writeStringField("bodyEncoding", "text");
        } else if (attached != null) {
            attach(g, shown, attached);
        } else if (request || wholeBodies) {
            g.writeStringField("body", Base64.getEncoder().encodeToString(shown));
            g.writeStringField("bodyEncoding", "base64");
        } else {
            g.writeObjectFieldStart("body");
            g.writeNumberField("bytes", body.length);
            g.writeStringField("sha256", Bodies.sha256(body));
            g.writeStringField("head", Bodies.head(body));
            g.writeEndObject();
            g.writeStringField("bodyEncoding", "binary");
        }
    }

    /** Names the body's place among the record's attached bodies, which it joins. */
    private static void attach(JsonGenerator g, byte[] body, List<byte[]> attached) throws IOException {
        long offset = 0;
        for (byte[] before : attached) {
            offset += before.length;
        }
        attached.add(body);
        g.writeObjectFieldStart("body");
        g.writeNumberField("offset", offset);
        g.writeNumberField("bytes", body.length);
        g.writeEndObject();
        g.writeStringField("bodyEncoding", "attached");
    }

    /** Whether masking could change a text body; a UTF-8 one is asked from its bytes, without decoding it. */
    private boolean couldMask(byte[] body, String contentType) {
        return java.nio.charset.StandardCharsets.UTF_8.equals(Bodies.charset(contentType)) ? redactor.couldMaskUtf8(body)
                : redactor.couldMask(Bodies.text(body, contentType));
    }

    /**
     * Headers as an object in received order, secrets masked; a name that repeats (same spelling) becomes
     * an array of its values at its first position. Repeats are rare, so the common case allocates nothing.
     */
    private void headers(JsonGenerator g, Headers h) throws IOException {
        g.writeObjectFieldStart("headers");
        List<Headers.Header> all = h.entries();
        for (int i = 0; i < all.size(); i++) {
            String name = all.get(i).name();
            if (seenBefore(all, i)) {
                continue;
            }
            boolean secret = redactor.isSecretHeader(name);
            int repeats = 0;
            for (int j = i + 1; j < all.size(); j++) {
                repeats += all.get(j).name().equals(name) ? 1 : 0;
            }
            if (repeats == 0) {
                g.writeStringField(name, secret ? Redactor.mask(all.get(i).value()) : all.get(i).value());
                continue;
            }
            g.writeArrayFieldStart(name);
            for (int j = i; j < all.size(); j++) {
                if (all.get(j).name().equals(name)) {
                    g.writeString(secret ? Redactor.mask(all.get(j).value()) : all.get(j).value());
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static boolean seenBefore(List<Headers.Header> all, int i) {
        for (int j = 0; j < i; j++) {
            if (all.get(j).name().equals(all.get(i).name())) {
                return true;
            }
        }
        return false;
    }

    /** Rebuilds a record from one line's JSON; throws {@link IllegalArgumentException} naming the bad field. */
    public static ExchangeResult fromJson(JsonNode o) {
        Exchange x = readExchange(o);
        EndpointKey endpoint = x.endpoint();
        Outcome outcome;
        try {
            outcome = Outcome.fromLabel(require(o, "outcome").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'outcome': unknown value '" + o.get("outcome").asText() + "'");
        }
        List<Difference> diffs = new ArrayList<>();
        for (JsonNode d : o.path("differences")) {
            String noise = d.path("noise").asBoolean(false) ? d.path("noiseReason").asText("noise") : null;
            diffs.add(new Difference(endpoint, require(d, "path").asText(), kind(d, "differences"),
                    nullIfMissing(d.get("primary")), nullIfMissing(d.get("candidate")), noise));
        }
        List<Difference> secondaryDiffs = new ArrayList<>();
        for (JsonNode d : o.path("secondaryDifferences")) {
            secondaryDiffs.add(new Difference(endpoint, require(d, "path").asText(), kind(d, "secondaryDifferences"),
                    null, null, null));
        }
        List<Drift> drifts = new ArrayList<>();
        for (JsonNode d : o.path("drifts")) {
            drifts.add(new Drift(require(d, "path").asText(), require(d, "primary").asDouble(),
                    require(d, "candidate").asDouble(), d.path("cosine").asBoolean(false)));
        }
        List<Ranking> rankings = new ArrayList<>();
        for (JsonNode r : o.path("rankings")) {
            try {
                rankings.add(new Ranking(require(r, "path").asText(), require(r, "jaccard").asDouble(),
                        require(r, "tau").asDouble(), require(r, "sameFirst").asBoolean()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'rankings': " + e.getMessage());
            }
        }
        return new ExchangeResult(x, outcome, o.hasNonNull("reason") ? o.get("reason").asText() : null, diffs,
                secondaryDiffs, drifts, rankings);
    }

    /** The exchange of a line; throws {@link IllegalArgumentException} naming the bad field. */
    public static Exchange readExchange(JsonNode o) {
        return readExchange(o, null);
    }

    /** The exchange of a published record, its attached bodies included; {@link IllegalArgumentException} names the bad field. */
    public static Exchange readExchange(Record r) {
        return readExchange(r.head(), r);
    }

    private static Exchange readExchange(JsonNode o, Record record) {
        long id = require(o, "id").asLong();
        EndpointKey endpoint = EndpointKey.parse(require(o, "endpoint").asText());
        Instant receivedAt = Instant.parse(require(o, "receivedAt").asText());
        JsonNode rq = require(o, "request");
        Headers requestHeaders = readHeaders(rq.get("headers"));
        RecordedRequest request = new RecordedRequest(require(rq, "method").asText(), require(rq, "uri").asText(),
                requestHeaders, readBody(rq, requestHeaders.first("Content-Type").orElse(""), record, "request"));
        BackendReply primary = readReply(require(o, "primary"), null, record, "primary");
        byte[] primaryBody = primary instanceof BackendReply.Responded p ? p.response().body() : null;
        BackendReply candidate = readReply(require(o, "candidate"), primaryBody, record, "candidate");
        BackendReply secondary = o.has("secondary") ? readReply(o.get("secondary"), primaryBody, record, "secondary") : null;
        return new Exchange(id, endpoint, receivedAt, request, primary, candidate, secondary);
    }

    private static DifferenceKind kind(JsonNode d, String list) {
        try {
            return DifferenceKind.fromLabel(require(d, "kind").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + list + ".kind': unknown value '" + d.get("kind").asText() + "'");
        }
    }

    private static JsonNode nullIfMissing(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    private static BackendReply readReply(JsonNode o, byte[] primaryBody, Record record, String field) {
        Duration elapsed = Duration.ofNanos((long) (o.path("latencyMs").asDouble(0) * 1_000_000));
        if (o.has("status")) {
            Headers headers = readHeaders(o.get("headers"));
            byte[] body = primaryBody != null && "primary".equals(o.path("bodySameAs").asText(null)) ? primaryBody
                    : readBody(o, headers.first("Content-Type").orElse(""), record, field);
            return new BackendReply.Responded(new RecordedResponse(o.get("status").asInt(), headers, body), elapsed);
        }
        return new BackendReply.NoResponse(Outcome.fromLabel(require(o, "outcome").asText()),
                o.path("reason").asText(""), elapsed);
    }

    private static Headers readHeaders(JsonNode o) {
        if (o == null) {
            return Headers.EMPTY;
        }
        List<Headers.Header> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list.add(new Headers.Header(e.getKey(), v.asText())));
            } else {
                list.add(new Headers.Header(e.getKey(), e.getValue().asText()));
            }
        }
        return new Headers(list);
    }

    /** The bytes a body was, as far as the log kept them: a binary answer's were not kept, only named. */
    private static byte[] readBody(JsonNode o, String contentType, Record record, String field) {
        JsonNode body = o.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        return switch (o.path("bodyEncoding").asText("json")) {
            case "text" -> body.asText().getBytes(Bodies.charset(contentType));
            case "base64" -> Base64.getDecoder().decode(body.asText());
            case "binary" -> new byte[0];
            case "attached" -> attachedBody(body, record, field);
            default -> body.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] attachedBody(JsonNode body, Record record, String field) {
        if (record == null) {
            throw new IllegalArgumentException("field '" + field + ".body': an attached body, but this is a log line, "
                    + "not a published record");
        }
        long offset = body.path("offset").asLong(-1);
        long bytes = body.path("bytes").asLong(-1);
        long available = record.bytes().length - (long) record.attachedFrom();
        if (offset < 0 || bytes < 0 || offset + bytes > available) {
            throw new IllegalArgumentException("field '" + field + ".body': attached bytes " + body
                    + " outside the record's " + available + " attached bytes");
        }
        int from = record.attachedFrom() + (int) offset;
        return java.util.Arrays.copyOfRange(record.bytes(), from, from + (int) bytes);
    }

    private static JsonNode require(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }
}
