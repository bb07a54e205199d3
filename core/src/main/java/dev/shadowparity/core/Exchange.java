package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One request and what each backend did with it. Backends are named fields, never list positions.
 *
 * @param id        sequence number in the order requests were received or replayed
 * @param secondary {@code null} when no secondary backend is configured
 */
public record Exchange(long id, EndpointKey endpoint, Instant receivedAt, RecordedRequest request,
                       BackendReply primary, BackendReply candidate, BackendReply secondary) {

    public Exchange {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(receivedAt, "receivedAt");
        requireNonNull(request, "request");
        requireNonNull(primary, "primary");
        requireNonNull(candidate, "candidate");
    }
}
