package dev.shadowparity.upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of mirror answers held at once, across every mirror and shadow backend, against one cap
 * ({@code mirror.maxBuffered}): 256 connections of a candidate that answers 200 MB each would otherwise hold 50 GB.
 */
public final class MirrorBuffer {

    /** No cap: for answers read whole on purpose (a replay, a load, a reflection call), as Java's client reads them. */
    public static final MirrorBuffer UNBOUNDED = new MirrorBuffer(Long.MAX_VALUE);

    private final long max;
    private final AtomicLong held = new AtomicLong();

    public MirrorBuffer(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} from the cap; {@code false} (and nothing taken) when they do not fit. */
    public boolean reserve(long bytes) {
        if (held.addAndGet(bytes) > max) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    public void free(long bytes) {
        held.addAndGet(-bytes);
    }

    public long held() {
        return held.get();
    }

    public long max() {
        return max;
    }
}
