package dev.shadowparity.proxy;

import dev.shadowparity.upstream.AggregatingSink;
import dev.shadowparity.upstream.MirrorBuffer;
import dev.shadowparity.upstream.TlsFailed;
import dev.shadowparity.upstream.Upstream;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.ProxySettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends copies of requests to a shadow backend (candidate or secondary) on its own event loops and
 * connection pool, so nothing on the client's path waits for it. In-flight mirrors are bounded; beyond the
 * bound a mirror is not sent and its reply is "dropped" with the reason.
 */
final class Mirror implements AutoCloseable {

    private final String role;
    private final BackendConfig backend;
    private final Upstream client;
    private final Duration timeout;
    private final int maxInFlight;
    private final String shadowHeader;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LatencyBuckets latency;
    private final EventLoopGroup loops;
    private final boolean preserveHost;
    private final String clientScheme;
    private final MirrorLanes lanes;
    /** After a refused connection, how long mirrors fail at once instead of dialling again. */
    static final Duration BACK_OFF = Duration.ofMillis(500);
    /** {@link System#nanoTime()} until which the backend counts as unreachable; racy by design (a hint). */
    private volatile long unreachableUntil = System.nanoTime();
    /** Mirrors in a row that got no answer in time; after this many the backend counts as stalled. */
    static final int STALLED_AFTER = 20;
    private final AtomicInteger timeoutsInARow = new AtomicInteger();
    /** After this many connections in a row lost before an answer (reset, closed), the backend is backed off too. */
    static final int LOST_AFTER = 3;
    private final AtomicInteger lostInARow = new AtomicInteger();
    /** What a mirror not sent while backed off is recorded as. */
    private volatile String backedOff = "";
    /** {@link System#nanoTime()} until which a stalled backend is not sent more mirrors; a hint, like the above. */
    private volatile long stalledUntil = System.nanoTime();
    /** Stalled and not heard from since: at most {@link #STALLED_AFTER} probes in flight until one is answered. */
    private volatile boolean stalled;

    private final MirrorBuffer buffer;
    private final long captureLimit;

    Mirror(String role, EventLoopGroup loops, BackendConfig backend, ProxySettings settings, LatencyBuckets latency,
           MirrorBuffer buffer) {
        this.buffer = buffer;
        this.captureLimit = settings.captureLimit().bytes();
        this.latency = latency;
        this.loops = loops;
        this.preserveHost = settings.preserveHost();
        this.clientScheme = settings.clientScheme();
        this.role = role;
        this.backend = backend;
        this.timeout = settings.mirror().timeout();
        this.maxInFlight = settings.mirror().maxInFlight();
        this.shadowHeader = settings.shadowHeader();
        this.lanes = new MirrorLanes(this, role, settings.mirror().maxQueuedPerKey(), settings.mirror().maxInFlight());
        int loopCount = settings.mirror().threads();
        this.client = Upstream.of(role, backend, Math.max(1, (settings.mirror().connections() + loopCount - 1) / loopCount),
                settings.connectTimeout(), settings.idleTimeout());
    }

    /**
     * Never throws and never blocks: every call ends in a reply, possibly "dropped", "timeout" or "failed". With an
     * order key, the mirror waits (off the client's path) for the key's earlier mirrors to be answered.
     */
    CompletableFuture<BackendReply> send(FullHttpRequest clientRequest, byte[] body, String clientAddress, String orderKey) {
        if (orderKey == null) {
            return dispatch(() -> copyFor(clientRequest, body, clientAddress));
        }
        // Copied now: the client's request is released when this call returns, and the copy may wait a while.
        return lanes.send(orderKey, copyFor(clientRequest, body, clientAddress));
    }

    private FullHttpRequest copyFor(FullHttpRequest clientRequest, byte[] body, String clientAddress) {
        return ForwardedRequests.forBackend(clientRequest, Unpooled.wrappedBuffer(body), backend, clientAddress,
                shadowHeader, preserveHost, clientScheme);
    }

    /** Sends one copy now, unless the backend is backed off, stalled or at its in-flight limit; built only when sent. */
    CompletableFuture<BackendReply> dispatch(Supplier<FullHttpRequest> copy) {
        long start = System.nanoTime();
        if (start - unreachableUntil < 0) {
            // A backend that refused a connection a moment ago is not dialled again for every request:
            // each doomed connect costs CPU the clients need. Recorded, with the reason, like any failure.
            return CompletableFuture.completedFuture(new BackendReply.NoResponse(Outcome.FAILED, backedOff, Duration.ZERO));
        }
        boolean probing = stalled;
        if (probing && start - stalledUntil < 0) {
            return notSentWhileStalled();
        }
        int cap = probing ? STALLED_AFTER : maxInFlight;
        if (inFlight.incrementAndGet() > cap) {
            inFlight.decrementAndGet();
            // While stalled, the probes are out and every other mirror would only wait out the timeout.
            return probing ? notSentWhileStalled() : CompletableFuture.completedFuture(new BackendReply.NoResponse(
                    Outcome.DROPPED, role + " in-flight limit " + maxInFlight + " reached", Duration.ZERO));
        }
        return client.send(copy.get(), timeout, loops.next(), captureLimit, buffer).handle((response, error) -> {
            inFlight.decrementAndGet();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause != null && !(cause instanceof AggregatingSink.TooLarge)) {
                return failure(cause, elapsed);
            }
            latency.record(elapsed);
            timeoutsInARow.set(0);
            lostInARow.set(0);
            stalled = false;
            if (cause instanceof AggregatingSink.TooLarge tooLarge) {
                // Answered, but not kept: read to its end and discarded, so memory stays bounded.
                return new BackendReply.NoResponse(Outcome.SKIPPED, role + ": too-large (" + tooLarge.getMessage() + "; "
                        + sizeClass(tooLarge.seen) + " seen)", elapsed);
            }
            long held = response.content().readableBytes();
            try {
                return new BackendReply.Responded(ForwardedRequests.record(response), elapsed);
            } finally {
                buffer.free(held);
                response.release();
            }
        });
    }

    /**
     * A backend that answered none of the last {@link #STALLED_AFTER} mirrors in time would only hold each new one,
     * and its connection, until the timeout. For one timeout's length no mirror is sent, then a few probe it until
     * one is answered. Each mirror not sent is recorded as a timeout, so the error budget still counts every one.
     */
    private CompletableFuture<BackendReply> notSentWhileStalled() {
        return CompletableFuture.completedFuture(new BackendReply.NoResponse(Outcome.TIMEOUT,
                role + ": not sent; " + STALLED_AFTER + " mirrors in a row got no answer within " + timeout.toMillis()
                        + " ms, and no answer has come since", Duration.ZERO));
    }

    /** A size as a power-of-two range: what a reason may say without a new reason for every size. */
    static String sizeClass(long bytes) {
        if (bytes < 1024) {
            return "under 1KiB";
        }
        long low = Long.highestOneBit(bytes);
        return new dev.shadowparity.core.config.ByteSize(low) + "-" + new dev.shadowparity.core.config.ByteSize(low * 2);
    }

    private BackendReply failure(Throwable cause, Duration elapsed) {
        if (cause instanceof TimeoutException) {
            if (timeoutsInARow.incrementAndGet() >= STALLED_AFTER) {
                timeoutsInARow.set(0);
                stalledUntil = System.nanoTime() + timeout.toNanos();
                stalled = true;
            }
            return new BackendReply.NoResponse(Outcome.TIMEOUT, cause.getMessage(), elapsed);
        }
        if (cause instanceof ConnectException) {
            backOff("cannot connect to " + backend.authority() + " (not retried for " + BACK_OFF.toMillis()
                    + " ms after a refused connection)");
            unreachableUntil = System.nanoTime() + BACK_OFF.toNanos();
        } else if (cause instanceof TlsFailed) {
            // A certificate that fails once fails every handshake, each costing the candidate and us CPU: backed off
            // as a refused connection is, the reason kept, so the report says what to fix.
            backOff(cause.getMessage() + " (not retried for " + BACK_OFF.toMillis() + " ms)");
            unreachableUntil = System.nanoTime() + BACK_OFF.toNanos();
            return new BackendReply.NoResponse(Outcome.FAILED, role + ": " + cause.getMessage(), elapsed);
        } else if (cause instanceof java.io.IOException && lostInARow.incrementAndGet() >= LOST_AFTER) {
            // A backend that resets (or closes) every connection costs a connection and a handshake per mirror, as a
            // refusing one does: it is backed off the same way, after a few in a row so one lost connection is not.
            lostInARow.set(0);
            backOff("cannot connect to " + backend.authority() + " (not retried for " + BACK_OFF.toMillis() + " ms after "
                    + LOST_AFTER + " connections in a row lost before an answer (" + cause.getMessage() + "))");
            unreachableUntil = System.nanoTime() + BACK_OFF.toNanos();
        }
        String what = cause instanceof ConnectException ? "cannot connect to " + backend.authority() : String.valueOf(cause.getMessage());
        return new BackendReply.NoResponse(Outcome.FAILED, role + ": " + what, elapsed);
    }

    private void backOff(String why) {
        backedOff = role + ": " + why;
    }

    /** Mirrors sent and not yet answered, and those waiting behind a key's earlier ones. */
    int inFlight() {
        return inFlight.get() + lanes.waiting();
    }

    /** Answer bytes all mirrors hold now, against {@code mirror.maxBuffered}. */
    long bufferedBytes() {
        return buffer.held();
    }

    @Override
    public void close() {
        client.close();
    }
}
