package dev.shadowparity.proxy;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Outcome;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One lane per order key ({@code mirror.orderBy}): a key's mirrors reach the backend one at a time, in the order they
 * were handed in, each sent when the one before it was answered or timed out. Live traffic otherwise dispatches a
 * user's write and the read after it together, and a candidate that applies the write a moment later answers the
 * read from the old state: a false difference on every read-after-write.
 *
 * <p>Nothing here waits on a thread: a lane is a queue, and the next mirror is sent from the completion of the one
 * before. A key with a mirror under way has a lane in the map; the lane holds only those waiting behind it, at most
 * {@code maxPerKey}, and all lanes together at most {@code maxTotal}. A mirror beyond either bound is dropped with its
 * reason, as the in-flight limit drops one.
 */
final class MirrorLanes {

    private record Waiting(FullHttpRequest copy, CompletableFuture<BackendReply> reply) {}

    private final Mirror mirror;
    private final String role;
    private final int maxPerKey;
    private final int maxTotal;
    private final ConcurrentHashMap<String, ArrayDeque<Waiting>> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    MirrorLanes(Mirror mirror, String role, int maxPerKey, int maxTotal) {
        this.mirror = mirror;
        this.role = role;
        this.maxPerKey = maxPerKey;
        this.maxTotal = maxTotal;
    }

    CompletableFuture<BackendReply> send(String key, FullHttpRequest copy) {
        Waiting w = new Waiting(copy, new CompletableFuture<>());
        // 0: sent now (the lane was idle); 1: waits in the lane; 2: dropped (the lane or all lanes are full).
        int[] fate = {0};
        lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                return new ArrayDeque<>(); // present means busy: this mirror goes out now, later ones wait
            }
            if (lane.size() >= maxPerKey || waiting.get() >= maxTotal) {
                fate[0] = 2;
                return lane;
            }
            lane.addLast(w);
            waiting.incrementAndGet();
            fate[0] = 1;
            return lane;
        });
        if (fate[0] == 2) {
            copy.release();
            return CompletableFuture.completedFuture(new BackendReply.NoResponse(Outcome.DROPPED, role
                    + ": ordered by key, and " + (waiting.get() >= maxTotal ? maxTotal + " mirrors of all keys"
                    : maxPerKey + " mirrors of this key") + " already wait for earlier ones", Duration.ZERO));
        }
        if (fate[0] == 0) {
            start(key, w);
        }
        return w.reply();
    }

    /** Sends {@code w}, then each mirror that waits behind it, until the key's lane is empty and removed. */
    private void start(String key, Waiting w) {
        mirror.dispatch(w::copy).whenComplete((reply, error) -> {
            Waiting next = next(key);
            w.reply().complete(reply);
            if (next != null) {
                start(key, next);
            }
        });
    }

    private Waiting next(String key) {
        Waiting[] next = {null};
        lanes.computeIfPresent(key, (k, lane) -> {
            next[0] = lane.pollFirst();
            return next[0] == null ? null : lane;
        });
        if (next[0] != null) {
            waiting.decrementAndGet();
        }
        return next[0];
    }

    /** Mirrors waiting behind a key's earlier ones. */
    int waiting() {
        return waiting.get();
    }
}
