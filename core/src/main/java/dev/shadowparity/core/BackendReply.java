package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one backend did with one request. A failure is data with a reason, never an exception that escapes
 * a stage, so the ledger can account for every mirrored request.
 */
public sealed interface BackendReply {

    Duration elapsed();

    /** The backend answered (any status, including 5xx). */
    record Responded(RecordedResponse response, Duration elapsed) implements BackendReply {
        public Responded {
            requireNonNull(response, "response");
            requireNonNull(elapsed, "elapsed");
        }
    }

    /** No answer: the request was dropped before sending, timed out, or failed on the wire. */
    record NoResponse(Outcome outcome, String reason, Duration elapsed) implements BackendReply {
        public NoResponse {
            requireNonNull(outcome, "outcome");
            requireNonNull(reason, "reason");
            requireNonNull(elapsed, "elapsed");
            if (outcome == Outcome.COMPARED) {
                throw new IllegalArgumentException("a missing response cannot be 'compared'");
            }
        }
    }
}
