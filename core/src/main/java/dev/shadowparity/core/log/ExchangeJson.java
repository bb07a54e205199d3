package dev.shadowparity.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.ComparedExchange;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
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
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Redactor redactor;
    private final boolean allBodies;

    /** Writes response bodies only where something differs or was not compared. */
    public ExchangeJson(Redactor redactor) {
        this(redactor, false);
    }

    public ExchangeJson(Redactor redactor, boolean allBodies) {
        this.redactor = redactor;
        this.allBodies = allBodies;
    }

    public ObjectNode toJson(ComparedExchange ce) {
        Exchange x = ce.exchange();
        ObjectNode o = F.objectNode();
        o.put("id", x.id());
        o.put("endpoint", x.endpoint().toString());
        o.put("receivedAt", x.receivedAt().toString());
        ObjectNode req = o.putObject("request");
        req.put("method", x.request().method());
        req.put("uri", redactor.uri(x.request().uri()));
        req.set("headers", headers(redactor.headers(x.request().headers())));
        putBody(req, x.request().body(), x.request().headers().first("Content-Type").orElse(""));
        // Bodies explain differences; an exchange that was not compared has none to explain.
        boolean bodies = allBodies || !ce.differences().isEmpty();
        o.set("primary", reply(x.primary(), bodies));
        o.set("candidate", reply(x.candidate(), bodies));
        if (x.secondary() != null) {
            o.set("secondary", reply(x.secondary(), bodies));
        }
        if (!bodies) {
            o.put("responseBodies", "omitted: no differences");
        }
        o.put("outcome", ce.outcome().label());
        if (ce.reason() != null) {
            o.put("reason", ce.reason());
        }
        ArrayNode diffs = o.putArray("differences");
        for (Difference d : ce.differences()) {
            ObjectNode dj = diffs.addObject();
            dj.put("path", d.path());
            dj.put("kind", d.kind().label());
            boolean secret = redactor.isSecretPath(d.path());
            dj.set("primary", secret && d.primary() != null ? F.textNode(Redactor.MASK) : d.primary());
            dj.set("candidate", secret && d.candidate() != null ? F.textNode(Redactor.MASK) : d.candidate());
            dj.put("noise", d.isNoise());
            if (d.isNoise()) {
                dj.put("noiseReason", d.noise());
            }
        }
        return o;
    }

    /** The line as UTF-8 bytes, without a newline; Jackson encodes directly, with no char-to-byte pass. */
    public byte[] toLineBytes(ComparedExchange ce) {
        try {
            return MAPPER.writeValueAsBytes(toJson(ce));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise exchange " + ce.exchange().id(), e);
        }
    }

    private ObjectNode reply(BackendReply reply, boolean withBody) {
        ObjectNode o = F.objectNode();
        o.put("latencyMs", reply.elapsed().toNanos() / 1_000_000.0);
        if (reply instanceof BackendReply.Responded r) {
            RecordedResponse resp = r.response();
            o.put("status", resp.status());
            o.set("headers", headers(redactor.headers(resp.headers())));
            if (withBody) {
                putBody(o, resp.body(), resp.contentType());
            } else {
                o.put("bodyBytes", resp.body().length);
            }
        } else if (reply instanceof BackendReply.NoResponse n) {
            o.put("outcome", n.outcome().label());
            o.put("reason", n.reason());
        }
        return o;
    }

    private void putBody(ObjectNode o, byte[] body, String contentType) {
        if (body.length == 0) {
            return;
        }
        JsonNode json = Bodies.parseJson(body, contentType);
        if (json != null) {
            o.set("body", redactor.json(json));
            o.put("bodyEncoding", "json");
        } else if (Bodies.isText(body, contentType)) {
            o.put("body", new String(body, StandardCharsets.UTF_8));
            o.put("bodyEncoding", "text");
        } else {
            o.put("body", Base64.getEncoder().encodeToString(body));
            o.put("bodyEncoding", "base64");
        }
    }

    private static ObjectNode headers(Headers h) {
        ObjectNode o = F.objectNode();
        for (Headers.Header e : h.entries()) {
            JsonNode existing = o.get(e.name());
            if (existing == null) {
                o.put(e.name(), e.value());
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(e.value());
            } else {
                ArrayNode arr = o.putArray(e.name());
                arr.add(existing.asText()).add(e.value());
            }
        }
        return o;
    }

    /** Rebuilds a record from one line's JSON; throws {@link IllegalArgumentException} naming the bad field. */
    public static ComparedExchange fromJson(JsonNode o) {
        long id = require(o, "id").asLong();
        EndpointKey endpoint = EndpointKey.parse(require(o, "endpoint").asText());
        Instant receivedAt = Instant.parse(require(o, "receivedAt").asText());
        JsonNode rq = require(o, "request");
        RecordedRequest request = new RecordedRequest(require(rq, "method").asText(), require(rq, "uri").asText(),
                readHeaders(rq.get("headers")), readBody(rq));
        BackendReply primary = readReply(require(o, "primary"));
        BackendReply candidate = readReply(require(o, "candidate"));
        BackendReply secondary = o.has("secondary") ? readReply(o.get("secondary")) : null;
        Outcome outcome;
        try {
            outcome = Outcome.fromLabel(require(o, "outcome").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'outcome': unknown value '" + o.get("outcome").asText() + "'");
        }
        List<Difference> diffs = new ArrayList<>();
        for (JsonNode d : o.path("differences")) {
            DifferenceKind kind;
            try {
                kind = DifferenceKind.fromLabel(require(d, "kind").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'differences.kind': unknown value '" + d.get("kind").asText() + "'");
            }
            String noise = d.path("noise").asBoolean(false) ? d.path("noiseReason").asText("noise") : null;
            diffs.add(new Difference(endpoint, require(d, "path").asText(), kind,
                    nullIfMissing(d.get("primary")), nullIfMissing(d.get("candidate")), noise));
        }
        Exchange x = new Exchange(id, endpoint, receivedAt, request, primary, candidate, secondary);
        return new ComparedExchange(x, outcome, o.hasNonNull("reason") ? o.get("reason").asText() : null, diffs);
    }

    private static JsonNode nullIfMissing(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    private static BackendReply readReply(JsonNode o) {
        Duration elapsed = Duration.ofNanos((long) (o.path("latencyMs").asDouble(0) * 1_000_000));
        if (o.has("status")) {
            return new BackendReply.Responded(
                    new RecordedResponse(o.get("status").asInt(), readHeaders(o.get("headers")), readBody(o)), elapsed);
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

    private static byte[] readBody(JsonNode o) {
        JsonNode body = o.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        return switch (o.path("bodyEncoding").asText("json")) {
            case "text" -> body.asText().getBytes(StandardCharsets.UTF_8);
            case "base64" -> Base64.getDecoder().decode(body.asText());
            default -> body.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static JsonNode require(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }
}
