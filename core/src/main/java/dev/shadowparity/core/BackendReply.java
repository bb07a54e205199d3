package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one backend did with one request. A failure is data with a reason, never an exception that escapes
 * a stage, so the ledger can account for every mirrored request.
 */
public sealed interface BackendReply {

    Duration elapsed();

    /** The reason of {@link #notSent()}. */
    String NOT_SENT = "captured, not mirrored: a worker sends it";

    /**
     * What stands for a candidate (or secondary) the engine did not send the request to, leaving that to a later
     * stage: a publishing proxy captures every qualifying request, and its workers send those it did not mirror.
     */
    static BackendReply notSent() {
        return new NoResponse(Outcome.SKIPPED, NOT_SENT, Duration.ZERO);
    }

    /** Whether {@code reply} is {@link #notSent()}. */
    static boolean isNotSent(BackendReply reply) {
        return reply instanceof NoResponse n && n.outcome() == Outcome.SKIPPED && NOT_SENT.equals(n.reason());
    }

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
