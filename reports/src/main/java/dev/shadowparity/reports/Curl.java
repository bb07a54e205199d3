package dev.shadowparity.reports;

import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.BackendConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A ready-to-paste {@code curl} command that sends a recorded (redacted) request to one backend, so an
 * engineer can reproduce a difference by hand. Redacted values stay redacted; the command says which ones
 * the engineer must supply.
 */
final class Curl {

    private Curl() {}

    static String command(String baseUrl, RecordedRequest r) {
        List<String> redacted = new ArrayList<>();
        StringBuilder sb = new StringBuilder("curl -sS -i");
        if (!r.method().equals("GET") || r.body().length > 0) {
            sb.append(" -X ").append(r.method());
        }
        sb.append(' ').append(quote(BackendConfig.under(baseUrl, r.uri())));
        for (Headers.Header h : r.headers().withoutTransportFields().entries()) {
            if (h.value().contains(Redactor.MASK)) {
                redacted.add(h.name());
            }
            sb.append(" \\\n  -H ").append(quote(h.name() + ": " + h.value()));
        }
        if (r.body().length > 0) {
            if (Bodies.isText(r.body(), r.headers().first("Content-Type").orElse(""))) {
                sb.append(" \\\n  --data-binary ").append(quote(Bodies.text(r.body(), r.headers().first("Content-Type").orElse(""))));
            } else {
                sb.append(" \\\n  --data-binary @request-body.bin");
                redacted.add("the binary body (" + r.body().length + " bytes, sha256 " + Bodies.sha256(r.body()) + ", in exchanges.jsonl as base64)");
            }
        }
        if (r.uri().contains(Redactor.MASK)) {
            redacted.add("query parameters");
        }
        String header = redacted.isEmpty() ? "" : "# redacted, supply your own: " + String.join(", ", redacted) + "\n";
        return header + sb + "\n";
    }

    /** POSIX shell single quotes: nothing inside is special except the quote itself. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
