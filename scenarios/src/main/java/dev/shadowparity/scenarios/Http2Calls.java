package dev.shadowparity.scenarios;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.upstream.Answers;
import dev.shadowparity.upstream.MirrorBuffer;
import dev.shadowparity.upstream.TlsFailed;
import dev.shadowparity.upstream.Transport;
import dev.shadowparity.upstream.Upstream;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.ConnectException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replay's calls to HTTP/2 backends ({@code protocol: h2} or {@code h2c}) on the proxy's own Netty client:
 * gRPC servers take HTTP/2 in the clear only by prior knowledge and answer their status in trailers, neither of
 * which Java's HTTP client offers. One event loop serves them all; answers are read whole, trailers kept.
 */
final class Http2Calls implements AutoCloseable {

    private final EventLoopGroup loop = Transport.loops("parity-replay-h2", 1);
    private final Map<BackendConfig, Upstream> clients = new IdentityHashMap<>();

    Http2Calls(List<BackendConfig> backends, Duration connectTimeout) {
        for (BackendConfig b : backends) {
            clients.put(b, Upstream.of(b.authority(), b, 64, connectTimeout, Duration.ofSeconds(60)));
        }
    }

    /**
     * Sends the request to {@code backend} with {@code headers} (the backend's, already chosen) and never fails: what
     * cannot be reached or does not answer becomes a NoResponse, with the reason.
     */
    CompletableFuture<BackendReply> call(BackendConfig backend, ReplayRequest r, Headers headers, Duration timeout) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method()),
                backend.targetFor(r.uri()), Unpooled.wrappedBuffer(r.body()));
        headers.entries().forEach(h -> request.headers().add(h.name(), h.value()));
        if (!request.headers().contains(HttpHeaderNames.HOST)) {
            request.headers().set(HttpHeaderNames.HOST, backend.hostHeader());
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (type.toLowerCase(java.util.Locale.ROOT).startsWith("application/grpc")) {
            // gRPC's servers expect it, and a recording keeps no transport fields: the one TE HTTP/2 allows.
            request.headers().set(HttpHeaderNames.TE, "trailers");
        }
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        long start = System.nanoTime();
        return clients.get(backend).send(request, timeout, loop.next(), Integer.MAX_VALUE, MirrorBuffer.UNBOUNDED)
                .handle((response, error) -> {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (error == null) {
                        try {
                            return new BackendReply.Responded(Answers.recorded(response), elapsed);
                        } finally {
                            response.release();
                        }
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    String host = backend.authority();
                    if (cause instanceof TimeoutException) {
                        return new BackendReply.NoResponse(Outcome.TIMEOUT, host + " gave no response within "
                                + timeout.toMillis() + " ms", elapsed);
                    }
                    String why = cause instanceof TlsFailed ? cause.getMessage()
                            : cause instanceof ConnectException ? "cannot connect to " + host : host + ": " + cause.getMessage();
                    return new BackendReply.NoResponse(Outcome.FAILED, why, elapsed);
                });
    }

    @Override
    public void close() {
        clients.values().forEach(Upstream::close);
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
