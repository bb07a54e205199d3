package dev.shadowparity.upstream;

import dev.shadowparity.core.config.BackendConfig;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's client for one backend, in the protocol the backend speaks: HTTP/1.1 ({@link UpstreamClient}, one
 * request per connection at a time) or HTTP/2 ({@link Http2UpstreamClient}, many streams on one connection). Both
 * keep their connections on the event loop that uses them and report through a {@link ResponseSink}.
 */
public interface Upstream extends AutoCloseable {

    /** The client {@code backend.protocol()} calls for. */
    static Upstream of(String name, BackendConfig backend, int maxConnectionsPerLoop, Duration connectTimeout,
                       Duration idleTimeout) {
        return backend.protocol().isHttp2()
                ? new Http2UpstreamClient(name, backend, maxConnectionsPerLoop, connectTimeout, idleTimeout)
                : new UpstreamClient(name, backend, maxConnectionsPerLoop, connectTimeout, idleTimeout);
    }

    /**
     * Sends {@code request} (taking ownership of it) from {@code loop} and completes, on that loop, with a response the
     * caller owns and must release. Failures complete exceptionally: {@link java.util.concurrent.TimeoutException} when
     * the backend did not answer within {@code responseTimeout}, {@link AggregatingSink.TooLarge} when its answer
     * passed {@code maxBytes} or did not fit in {@code buffer}.
     */
    default CompletableFuture<FullHttpResponse> send(FullHttpRequest request, Duration responseTimeout, EventLoop loop,
                                                     long maxBytes, MirrorBuffer buffer) {
        AggregatingSink sink = new AggregatingSink(maxBytes, buffer);
        stream(request, responseTimeout, loop, sink);
        return sink.result();
    }

    /**
     * Sends {@code request} (taking ownership of it) from {@code loop}; the response's pieces reach {@code sink} on
     * that loop as they arrive. {@code responseTimeout} bounds the wait for the head and then for each further piece.
     */
    PendingRequest stream(FullHttpRequest request, Duration responseTimeout, EventLoop loop, ResponseSink sink);

    /** Gives up a request nobody wants an answer to any more; the sink hears {@code why}. On its loop only. */
    void cancel(PendingRequest p, Throwable why);

    @Override
    void close();
}
