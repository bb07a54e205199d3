package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

/** A backend's answer: status, headers and the whole body. */
public record RecordedResponse(int status, Headers headers, byte[] body) {

    public RecordedResponse {
        requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public String contentType() {
        return headers.first("Content-Type").orElse("");
    }
}
