package dev.shadowparity.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread that drains an {@link ExchangeSink}'s queue in batches waits when it finds the queue empty: it sleeps
 * a millisecond, twice as long each time it is still idle, up to a bound, instead of blocking in {@code take()}. A
 * thread blocked there must be woken by every offer, and that wake (a futex call on the proxy's event loop, then a
 * context switch) cost about as much as the exchange's own work: 4 µs a request in the kafka bench. Only for sinks
 * whose callers never wait for the result. One per consuming thread; not thread-safe.
 */
public final class IdleWait {

    private static final long FIRST_NANOS = 1_000_000;

    private final long longestNanos;
    private long nextNanos = FIRST_NANOS;

    /** @param longest the longest sleep, reached after a few empty looks in a row */
    public IdleWait(Duration longest) {
        this.longestNanos = Math.max(FIRST_NANOS, longest.toNanos());
    }

    /** The queue was empty: sleeps, and the next sleep (still idle) is twice as long. */
    public void idle() {
        LockSupport.parkNanos(nextNanos);
        nextNanos = Math.min(longestNanos, nextNanos * 2);
    }

    /** Something was taken: the next sleep is the shortest again. */
    public void busy() {
        nextNanos = FIRST_NANOS;
    }
}
