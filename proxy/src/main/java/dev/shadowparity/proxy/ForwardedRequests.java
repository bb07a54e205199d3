package dev.shadowparity.proxy;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.BackendConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import java.util.Map;

/** Builds what goes to a backend from what the client sent, and records messages as plain data. */
final class ForwardedRequests {

    private ForwardedRequests() {}

    /** Removes hop-by-hop fields, including those the {@code Connection} field names. */
    static void stripHopByHop(HttpHeaders headers) {
        // Fields named in Connection go first, then the fixed set: no allocation when Connection is absent.
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                if (!token.isBlank()) {
                    headers.remove(token.trim());
                }
            }
        }
        for (String name : Headers.HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /**
     * The request for one backend: same method, URI (under the backend's base path, query parameters renamed
     * per its {@code renameQuery}), headers and body;
     * hop-by-hop fields removed; Host rewritten to the backend's (unless {@code preserveHost}); Via and
     * X-Forwarded-* added; the backend's own headers set.
     */
    static FullHttpRequest forBackend(FullHttpRequest client, ByteBuf body, BackendConfig backend,
                                      String clientAddress, String extraHeader, boolean preserveHost, String clientScheme) {
        String uri = backend.targetFor(client.uri());
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, client.method(), uri, body);
        HttpHeaders h = out.headers();
        h.set(client.headers());
        // asked only of HTTP/2 backends: an HTTP/1.1 request pays no scan for it
        boolean trailersWanted = backend.protocol().isHttp2() && h.containsValue(HttpHeaderNames.TE, "trailers", true);
        stripHopByHop(h);
        if (trailersWanted) {
            // The one TE HTTP/2 allows (RFC 9113 section 8.2.2), and gRPC's servers expect: trailers are read.
            h.set(HttpHeaderNames.TE, "trailers");
        }
        String originalHost = client.headers().get(HttpHeaderNames.HOST);
        if (backend.host() != null || !preserveHost || originalHost == null) {
            h.set(HttpHeaderNames.HOST, backend.hostHeader()); // a backend's own host wins over preserveHost
        }
        if (originalHost != null) {
            h.set("X-Forwarded-Host", originalHost);
        }
        String priorFor = client.headers().get("X-Forwarded-For");
        h.set("X-Forwarded-For", priorFor == null ? clientAddress : priorFor + ", " + clientAddress);
        h.set("X-Forwarded-Proto", clientScheme);
        String priorVia = client.headers().get(HttpHeaderNames.VIA);
        h.set(HttpHeaderNames.VIA, (priorVia == null ? "" : priorVia + ", ") + "1.1 shadow-parity");
        for (Map.Entry<String, String> e : backend.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        if (extraHeader != null) {
            h.set(extraHeader, "true");
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return out;
    }

    static RecordedRequest record(FullHttpRequest request) {
        return new RecordedRequest(request.method().name(), request.uri(), headers(request.headers()),
                ByteBufUtil.getBytes(request.content()));
    }

    static RecordedResponse record(FullHttpResponse response) {
        return dev.shadowparity.upstream.Answers.recorded(response);
    }

    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    static Headers headers(HttpHeaders h) {
        return dev.shadowparity.upstream.Answers.fields(h);
    }

    static String methodUpper(FullHttpRequest r) {
        return r.method().name().toUpperCase(Locale.ROOT);
    }
}
