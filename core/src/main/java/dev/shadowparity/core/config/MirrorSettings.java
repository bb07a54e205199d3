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
 */
public record MirrorSettings(Double percent, String stickyBy,
                             @JsonDeserialize(using = DurationDeserializer.class)
                             @JsonSerialize(using = DurationDeserializer.Writer.class) Duration timeout,
                             Integer maxInFlight, Integer connections, Integer threads) {

    public static final MirrorSettings DEFAULT = new MirrorSettings(null, null, null, null, null, null);

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
    }

    /** {@code p} when it is a share of 0-100 percent (the suite's, or one set on a running proxy). */
    public static double checkPercent(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percent must be within 0-100, got " + p);
        }
        return p;
    }

    /** Where a sticky sampling key is read from: {@code header}, {@code cookie} or {@code query}, and its name. */
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
        return new MirrorSettings(p, stickyBy, timeout, maxInFlight, connections, threads);
    }
}
