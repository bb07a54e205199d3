package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;

/** A recorded request or reply as an engineer reads HTTP: start line, headers, blank line, body (JSON indented). */
final class RawHttp {

    private RawHttp() {}

    static String request(RecordedRequest r) {
        StringBuilder sb = new StringBuilder(r.method()).append(' ').append(r.uri()).append(" HTTP/1.1\n");
        return withHeadersAndBody(sb, r.headers(), r.body(), r.headers().first("Content-Type").orElse(""));
    }

    static String reply(BackendReply reply) {
        if (reply instanceof BackendReply.NoResponse n) {
            return "no response: " + n.outcome().label() + " after " + n.elapsed().toMillis() + " ms (" + n.reason() + ")\n";
        }
        RecordedResponse resp = ((BackendReply.Responded) reply).response();
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(resp.status()).append('\n');
        return withHeadersAndBody(sb, resp.headers(), resp.body(), resp.contentType());
    }

    private static String withHeadersAndBody(StringBuilder sb, Headers headers, byte[] body, String contentType) {
        headers.entries().forEach(h -> sb.append(h.name()).append(": ").append(h.value()).append('\n'));
        sb.append('\n');
        if (body.length == 0) {
            return sb.toString();
        }
        JsonNode json = Bodies.parseJson(body, contentType);
        if (json != null) {
            sb.append(json.toPrettyString());
        } else if (Bodies.isText(body, contentType)) {
            sb.append(Bodies.text(body, contentType));
        } else {
            sb.append("(binary body: ").append(body.length).append(" bytes, sha256 ").append(Bodies.sha256(body))
                    .append(", first bytes in base64: ").append(Bodies.head(body)).append(')');
        }
        return sb.append('\n').toString();
    }
}
