package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

/** A request as the client sent it: method, origin-form URI ({@code /path?query}), headers and body bytes. */
public record RecordedRequest(String method, String uri, Headers headers, byte[] body) {

    public RecordedRequest {
        requireNonNull(method, "method");
        requireNonNull(uri, "uri");
        requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
