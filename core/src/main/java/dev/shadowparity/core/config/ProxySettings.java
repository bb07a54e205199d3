package dev.shadowparity.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * Where the proxy and its admin endpoints listen, how it mirrors, and how it talks to the primary.
 *
 * @param connectTimeout  to any backend (default 5s)
 * @param primaryTimeout  for the primary's head, then between pieces of its body (a read timeout); without a
 *                        head in time the client gets 504 (default 30s)
 * @param idleTimeout     an unused upstream keep-alive connection is closed after this (default 60s)
 * @param preserveHost    send the client's Host header to backends instead of each backend's own (default false)
 * @param captureLimit    request bodies up to this size are mirrored; larger ones only go to the primary and
 *                        are counted as {@code skipped: too-large} (default 10MiB)
 * @param maxBodySize     larger request bodies are refused with 413 (default 64MiB); the proxy buffers each
 *                        request whole
 * @param clients         timeouts for, and the number of, client connections
 * @param http2           accept HTTP/2 from clients: h2 by ALPN with {@code tls}, h2c (prior knowledge, or
 *                        {@code Upgrade: h2c}) without (default true; false answers an HTTP/2 preface 505)
 * @param tls             serve clients over TLS with this certificate and key (PEM), reloaded when the files change;
 *                        plain HTTP without it
 */
public record ProxySettings(HostPort listen, HostPort admin, MirrorSettings mirror, String shadowHeader,
                            @JsonDeserialize(using = DurationDeserializer.class)
                            @JsonSerialize(using = DurationDeserializer.Writer.class) Duration connectTimeout,
                            @JsonDeserialize(using = DurationDeserializer.class)
                            @JsonSerialize(using = DurationDeserializer.Writer.class) Duration primaryTimeout,
                            @JsonDeserialize(using = DurationDeserializer.class)
                            @JsonSerialize(using = DurationDeserializer.Writer.class) Duration idleTimeout,
                            Boolean preserveHost, ByteSize captureLimit, ByteSize maxBodySize, ClientLimits clients,
                            ListenerTls tls, Boolean http2) {

    public static final ProxySettings DEFAULT = new ProxySettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    public ProxySettings {
        listen = listen == null ? HostPort.parse("127.0.0.1:8080") : listen;
        admin = admin == null ? HostPort.parse("127.0.0.1:9901") : admin;
        mirror = mirror == null ? MirrorSettings.DEFAULT : mirror;
        shadowHeader = shadowHeader == null ? "X-Shadow-Request" : shadowHeader;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        primaryTimeout = primaryTimeout == null ? Duration.ofSeconds(30) : primaryTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
        preserveHost = preserveHost != null && preserveHost;
        captureLimit = captureLimit == null ? ByteSize.mib(10) : captureLimit;
        maxBodySize = maxBodySize == null ? ByteSize.mib(64) : maxBodySize;
        maxBodySize.asInt("maxBodySize");
        clients = clients == null ? ClientLimits.DEFAULT : clients;
        http2 = http2 == null || http2;
        if (captureLimit.bytes() > maxBodySize.bytes()) {
            throw new IllegalArgumentException("captureLimit (" + captureLimit + ") cannot exceed maxBodySize (" + maxBodySize + ")");
        }
        if (connectTimeout.isZero() || primaryTimeout.isZero() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be longer than 0ms");
        }
    }

    /** How clients reach the proxy, for {@code X-Forwarded-Proto}: {@code https} with a TLS listener. */
    public String clientScheme() {
        return tls == null ? "http" : "https";
    }

    public ProxySettings withListen(HostPort l) {
        return new ProxySettings(l, admin, mirror, shadowHeader, connectTimeout, primaryTimeout, idleTimeout, preserveHost,
                captureLimit, maxBodySize, clients, tls, http2);
    }

    public ProxySettings withAdmin(HostPort a) {
        return new ProxySettings(listen, a, mirror, shadowHeader, connectTimeout, primaryTimeout, idleTimeout, preserveHost,
                captureLimit, maxBodySize, clients, tls, http2);
    }

    public ProxySettings withMirror(MirrorSettings m) {
        return new ProxySettings(listen, admin, m, shadowHeader, connectTimeout, primaryTimeout, idleTimeout, preserveHost,
                captureLimit, maxBodySize, clients, tls, http2);
    }
}
