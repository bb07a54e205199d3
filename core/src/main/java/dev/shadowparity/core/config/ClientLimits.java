package dev.shadowparity.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * How long the proxy waits for its clients, and how many it serves at once: what holds off slow-loris connections
 * and clients that open connections and say nothing. The defaults are nginx's.
 *
 * @param headerTimeout    a request must be read whole within this, from its first byte (or from the connection's
 *                         opening, for its first request); else the client gets 408 and the connection closes
 *                         (default 60s, nginx's {@code client_header_timeout})
 * @param keepAliveTimeout a connection with no request under way is closed after this (default 75s, nginx's
 *                         {@code keepalive_timeout})
 * @param maxConnections   client connections open at once; one beyond is answered 503 and closed at once (default 10000)
 */
public record ClientLimits(@JsonDeserialize(using = DurationDeserializer.class)
                           @JsonSerialize(using = DurationDeserializer.Writer.class) Duration headerTimeout,
                           @JsonDeserialize(using = DurationDeserializer.class)
                           @JsonSerialize(using = DurationDeserializer.Writer.class) Duration keepAliveTimeout,
                           Integer maxConnections) {

    public static final ClientLimits DEFAULT = new ClientLimits(null, null, null);

    public ClientLimits {
        headerTimeout = headerTimeout == null ? Duration.ofSeconds(60) : headerTimeout;
        keepAliveTimeout = keepAliveTimeout == null ? Duration.ofSeconds(75) : keepAliveTimeout;
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        if (headerTimeout.isZero() || headerTimeout.isNegative() || keepAliveTimeout.isZero() || keepAliveTimeout.isNegative()) {
            throw new IllegalArgumentException("headerTimeout and keepAliveTimeout must be longer than 0ms");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }
}
