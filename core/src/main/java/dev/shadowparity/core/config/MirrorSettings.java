package dev.shadowparity.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * Which requests are mirrored and how long a mirror may take.
 *
 * @param percent     share of eligible requests mirrored, 0-100 (default 100)
 * @param stickyBy    {@code header:NAME}, {@code cookie:NAME} or {@code query:NAME}: sample by a hash of that
 *                    value, so one user is always in or always out (default: each request at random)
 * @param timeout     per mirrored request (default 2s)
 * @param maxInFlight mirrors under way at once, sent or waiting for a connection; beyond this they are dropped
 *                    and counted (default 1000)
 * @param connections connections to each mirrored backend, across the mirror threads (default 256); further
 *                    mirrors wait, in order and within their timeout, for one to be free. Without this bound a
 *                    candidate that falls behind for a moment is sent a new connection per waiting mirror: a
 *                    storm that slows it further (measured: thousands of connections, then refused ones)
 * @param threads     event loops for mirrors, apart from the client's (default: one per core). Under CPU
 *                    saturation more threads compare more pairs and leave clients less CPU.
 * @param orderBy     {@code header:NAME}, {@code cookie:NAME}, {@code query:NAME} or {@code client-connection}:
 *                    mirrors with the same key reach each shadow backend one at a time, in the order the proxy
 *                    received them, each after the one before was answered or timed out, so a user's write and
 *                    the read after it are not swapped on the candidate (default: sent as they arrive)
 * @param maxQueuedPerKey mirrors of one key waiting behind its earlier ones; beyond this they are dropped and
 *                    counted (default 64). All keys together wait within {@code maxInFlight}.
 * @param maxBuffered answer bytes of all mirrors held at once while they arrive (default 256MiB). A mirror's answer
 *                    past the capture limit, or arriving when this is reached, is read to its end and discarded,
 *                    and its exchange is skipped as {@code too-large}: memory stays bounded whatever a candidate sends.
 */
public record MirrorSettings(Double percent, String stickyBy,
                             @JsonDeserialize(using = DurationDeserializer.class)
                             @JsonSerialize(using = DurationDeserializer.Writer.class) Duration timeout,
                             Integer maxInFlight, Integer connections, Integer threads, String orderBy,
                             Integer maxQueuedPerKey, ByteSize maxBuffered) {

    public static final MirrorSettings DEFAULT = new MirrorSettings(null, null, null, null, null, null, null, null, null);

    /** The {@code orderBy} value that keys mirrors by the client's connection. */
    public static final String CLIENT_CONNECTION = "client-connection";

    public MirrorSettings {
        percent = checkPercent(percent == null ? 100.0 : percent);
        stickyKey(stickyBy);
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        maxInFlight = maxInFlight == null ? 1000 : maxInFlight;
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        connections = connections == null ? 256 : connections;
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be within 1-64, got " + threads);
        }
        orderKey(orderBy);
        maxQueuedPerKey = maxQueuedPerKey == null ? 64 : maxQueuedPerKey;
        if (maxQueuedPerKey < 1) {
            throw new IllegalArgumentException("maxQueuedPerKey must be at least 1, got " + maxQueuedPerKey);
        }
        maxBuffered = maxBuffered == null ? ByteSize.mib(256) : maxBuffered;
    }

    /** {@code orderBy} parsed: a key as {@link #stickyKey} reads one, or source {@code client-connection}; {@code null} for none. */
    public static StickyKey orderKey(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return null;
        }
        if (orderBy.equals(CLIENT_CONNECTION)) {
            return new StickyKey(CLIENT_CONNECTION, "");
        }
        try {
            return stickyKey(orderBy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("orderBy must be header:NAME, cookie:NAME, query:NAME or client-connection, got '"
                    + orderBy + "'");
        }
    }

    /** {@code p} when it is a share of 0-100 percent (the suite's, or one set on a running proxy). */
    public static double checkPercent(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percent must be within 0-100, got " + p);
        }
        return p;
    }

    /** Where a sticky sampling (or ordering) key is read from: {@code header}, {@code cookie} or {@code query}, and its name. */
    public record StickyKey(String source, String name) {}

    /** {@code stickyBy} parsed; {@code null} when there is none. */
    public static StickyKey stickyKey(String stickyBy) {
        if (stickyBy == null || stickyBy.isBlank()) {
            return null;
        }
        int colon = stickyBy.indexOf(':');
        String source = colon < 0 ? "" : stickyBy.substring(0, colon);
        if (!(source.equals("header") || source.equals("cookie") || source.equals("query")) || colon == stickyBy.length() - 1) {
            throw new IllegalArgumentException("stickyBy must be header:NAME, cookie:NAME or query:NAME, got '" + stickyBy + "'");
        }
        return new StickyKey(source, stickyBy.substring(colon + 1));
    }

    public MirrorSettings withPercent(double p) {
        return new MirrorSettings(p, stickyBy, timeout, maxInFlight, connections, threads, orderBy, maxQueuedPerKey, maxBuffered);
    }
}
