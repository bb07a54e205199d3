package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.shadowparity.core.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One backend: a running one at {@code url}, or a container image {@code parity replay} and {@code parity load}
 * start (with Testcontainers) and stop; and headers added to (or replacing) every request sent to it, such as
 * each side's own credentials.
 *
 * @param host           the {@code Host} header this backend gets, when not its URL's authority (a virtual host
 *                       behind a shared address)
 * @param renameQuery    query parameter names as recorded, to the names this backend expects (the rewrite
 *                       says {@code user_id} where the legacy said {@code userId})
 * @param image          a container image to start instead of a running {@code url}
 * @param containerPort  ({@code port:} in the suite) the port the container's server listens on; containers run with host networking, so
 *                       it is also the port on this machine and must be free
 * @param env            the container's environment
 * @param command        the container's command, replacing the image's
 * @param ready          the path polled over HTTP until it answers 2xx; then the container is ready
 * @param mounts         host path to container path, mounted read-only (a locally built image may take its
 *                       runtime from the host this way)
 * @param startupTimeout how long the container may take to become ready
 * @param protocol       how parity speaks to it: {@code h1} (HTTP/1.1, the default), {@code h2} (HTTP/2 over TLS, by
 *                       ALPN: an https:// URL) or {@code h2c} (HTTP/2 in the clear, by prior knowledge: gRPC servers)
 * @param tls            how an {@code https://} backend is trusted and what client certificate it is shown; without
 *                       it, the JDK's CAs and a certificate that must name the URL's host
 */
public record BackendConfig(
        @JsonDeserialize(using = HttpUrlDeserializer.class) URI url,
        Map<String, String> headers,
        String host,
        Map<String, String> renameQuery,
        String image,
        @JsonProperty("port") Integer containerPort,
        Map<String, String> env,
        List<String> command,
        String ready,
        Map<String, String> mounts,
        @JsonDeserialize(using = DurationDeserializer.class)
        @JsonSerialize(using = DurationDeserializer.Writer.class) Duration startupTimeout,
        BackendTls tls,
        Protocol protocol) {

    /** The protocol parity speaks to a backend. */
    public enum Protocol {
        /** HTTP/1.1, over TLS for an https:// URL. */
        h1,
        /** HTTP/2 over TLS, agreed by ALPN. */
        h2,
        /** HTTP/2 in the clear, by prior knowledge (RFC 9113 section 3.3). */
        h2c;

        public boolean isHttp2() {
            return this != h1;
        }
    }

    public BackendConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        renameQuery = renameQuery == null ? Map.of() : Map.copyOf(renameQuery);
        if (url == null && image == null) {
            throw new IllegalArgumentException("a backend needs 'url' (a running backend) or 'image' (a container to start)");
        }
        if (url != null && image != null) {
            throw new IllegalArgumentException("give 'url' or 'image', not both");
        }
        boolean container = image != null;
        if (!container && (containerPort != null || env != null || command != null || ready != null || mounts != null
                || startupTimeout != null)) {
            throw new IllegalArgumentException("'port', 'env', 'command', 'ready', 'mounts' and 'startupTimeout' belong to an 'image' backend");
        }
        if (container && (containerPort == null || containerPort < 1 || containerPort > 65535)) {
            throw new IllegalArgumentException("an 'image' backend needs 'port': the port its server listens on (1-65535)");
        }
        protocol = protocol == null ? Protocol.h1 : protocol;
        if (protocol == Protocol.h2 && url != null && !isHttps(url)) {
            throw new IllegalArgumentException("protocol h2 is HTTP/2 over TLS and needs an https:// URL; for HTTP/2 in the"
                    + " clear say protocol: h2c");
        }
        if (protocol == Protocol.h2c && url != null && isHttps(url)) {
            throw new IllegalArgumentException("protocol h2c is HTTP/2 in the clear and needs an http:// URL; over TLS say"
                    + " protocol: h2");
        }
        if (tls != null && (url == null || !isHttps(url))) {
            throw new IllegalArgumentException("'tls' belongs to an https:// backend; this one is "
                    + (url == null ? "a container" : url.getScheme() + "://"));
        }
        if (ready != null && !ready.startsWith("/")) {
            throw new IllegalArgumentException("'ready' is a path starting with '/', got '" + ready + "'");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        command = command == null ? List.of() : List.copyOf(command);
        ready = container && ready == null ? "/" : ready;
        mounts = mounts == null ? Map.of() : Map.copyOf(mounts);
        startupTimeout = container && startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
    }

    public static BackendConfig of(String url) {
        return new BackendConfig(HttpUrlDeserializer.parse(url), null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code true} for a container parity starts, which has no {@code url} until then. */
    public boolean isContainer() {
        return image != null;
    }

    /** The same backend, running at {@code url} (a started container). */
    public BackendConfig runningAt(URI running) {
        return new BackendConfig(running, headers, host, renameQuery, null, null, null, null, null, null, null, tls, protocol);
    }

    /**
     * Java's HTTP client for this backend, as replay and the load warm-up send with it: HTTP/1.1 (HTTP/2 for h2 and
     * h2c), no redirects followed, and for an https backend its TLS (trust, name check, client certificate).
     */
    public java.net.http.HttpClient httpClient(Duration connectTimeout) {
        // h2c: Java's client asks with Upgrade (it has no prior knowledge); servers that take HTTP/2 in the clear
        // only by prior knowledge (gRPC's) are reached through the proxy.
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .version(protocol.isHttp2() ? java.net.http.HttpClient.Version.HTTP_2 : java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(java.net.http.HttpClient.Redirect.NEVER);
        if (isHttps()) {
            b.sslContext(clientTls().sslContext());
        }
        return b.build();
    }

    /** {@code true} when this backend is reached over TLS ({@code https://}). */
    public boolean isHttps() {
        return url != null && isHttps(url);
    }

    private static boolean isHttps(URI url) {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** How to reach this backend over TLS: its {@code tls:}, or the JDK's defaults. Only for an https:// backend. */
    public dev.shadowparity.core.tls.ClientTls clientTls() {
        return tls != null ? tls.client() : dev.shadowparity.core.tls.ClientTls.jdkDefaults();
    }

    /** {@code pathAndQuery} under {@code base} (a URL or a path), with no doubled slash where they meet. */
    public static String under(String base, String pathAndQuery) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }

    /** The absolute URL this backend is sent {@code uri} (path and query) at: under its base URL, rewritten. */
    public String urlFor(String uri) {
        return under(url.toString(), rewrite(uri));
    }

    /** The request target this backend is sent {@code uri} at: under its base path, rewritten. */
    public String targetFor(String uri) {
        return under(url.getRawPath() == null ? "" : url.getRawPath(), rewrite(uri));
    }

    /** {@code uri} (path and query) as sent to this backend: its query parameters renamed per {@code renameQuery}. */
    public String rewrite(String uri) {
        int q = uri.indexOf('?');
        if (renameQuery.isEmpty() || q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        String[] params = uri.substring(q + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            String name = eq < 0 ? params[i] : params[i].substring(0, eq);
            out.append(i == 0 ? "" : "&").append(renameQuery.getOrDefault(name, name))
                    .append(eq < 0 ? "" : params[i].substring(eq));
        }
        return out.toString();
    }

    /**
     * The headers this backend gets for a request recorded with {@code recorded}: those, minus the fields the HTTP
     * client sets for its own connection and minus those this backend sets itself, then this backend's headers
     * (each side's own credentials), then its {@code Host} when it has one.
     */
    public Headers headersFor(Headers recorded) {
        Headers.Builder out = Headers.builder();
        for (Headers.Header h : recorded.withoutTransportFields().entries()) {
            if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(h.name()))) {
                out.add(h.name(), h.value());
            }
        }
        headers.forEach(out::add);
        if (host != null) {
            out.add("Host", host);
        }
        return out.build();
    }

    /** The host this backend is reached at (its URL's). */
    public String urlHost() {
        return url.getHost();
    }

    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The {@code host[:port]} of this backend's URL. */
    public String authority() {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }

    /** The {@code Host} header sent to this backend: {@code host} when set, else its URL's authority. */
    public String hostHeader() {
        return host != null ? host : authority();
    }
}
