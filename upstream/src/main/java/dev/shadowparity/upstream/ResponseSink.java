package dev.shadowparity.upstream;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives one upstream response as it arrives, on the event loop of the connection carrying it. Two
 * implementations: the client-facing relay (streams to the client) and {@link AggregatingSink} (mirrors,
 * which only need the whole response to compare it).
 */
public interface ResponseSink {

    /** The status line and headers; {@code upstream} may be paused ({@code AUTO_READ} off) for backpressure. */
    void head(HttpResponse head, Channel upstream);

    /** A piece of the body; the sink owns it and must release or pass it on. */
    void content(HttpContent content);

    /**
     * The upstream connection has no more bytes for now: pieces passed on since the last call may be flushed
     * together (one write to the socket instead of one per piece).
     */
    default void readComplete() {}

    /** The last piece (possibly empty, possibly with trailers); the sink owns it. */
    void end(HttpContent last);

    /** No (more) response: {@code headSeen} tells whether {@link #head} was called already. */
    void failed(Throwable cause, boolean headSeen);
}
