package dev.shadowparity.proxy;

import dev.shadowparity.core.config.ClientLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * First in a client connection's pipeline, next to the socket: bounds how long a client may take to send a request
 * ({@code headerTimeout}, from its first byte, or from the connection's opening for the first request) and how
 * long a connection may sit between requests ({@code keepAliveTimeout}). A slow-loris client that trickles a head
 * gets 408 and is closed; a silent keep-alive connection is closed. While a request is being answered no timer
 * runs: the primary's own timeout bounds that. The frontend says when a request is whole ({@link #answering}) and
 * when the connection waits for the next one ({@link #waitingForRequest}). Touched only on the connection's loop.
 * On an HTTP/2 stream ({@code onStream}) it sits behind the stream's codec: only the request's clock runs, and the
 * 408 is an HTTP response on that stream; the connection's idle clock is {@link Http2Timeouts}.
 */
final class ClientTimeouts extends ChannelInboundHandlerAdapter {

    private enum State { OPENED, WAITING, READING, ANSWERING }

    private final ClientLimits limits;
    private final ProxyContext.Counters counters;
    private final boolean onStream;
    private ChannelHandlerContext ctx;
    private State state = State.OPENED;
    private final RestartableTimer timer = new RestartableTimer();

    ClientTimeouts(ClientLimits limits, ProxyContext.Counters counters, boolean onStream) {
        this.limits = limits;
        this.counters = counters;
        this.onStream = onStream;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            // added once TLS and ALPN chose HTTP/1.1, or on an HTTP/2 stream: the clock starts now
            arm(limits.headerTimeout());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!timer.armed() && state == State.OPENED) {
            arm(limits.headerTimeout());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.WAITING) {
            arm(limits.headerTimeout()); // the next request began: it has headerTimeout to arrive whole
            state = State.READING;
        } else if (state == State.OPENED) {
            state = State.READING; // the first request's clock started when the connection opened
        }
        ctx.fireChannelRead(msg);
    }

    /** A whole request is in and being answered. */
    void answering() {
        state = State.ANSWERING;
        cancel();
    }

    /** The answer is out and the connection waits for the next request. */
    void waitingForRequest() {
        state = State.WAITING;
        arm(limits.keepAliveTimeout());
    }

    private void arm(Duration after) {
        timer.arm(ctx.executor(), after, this::expire);
    }

    private void cancel() {
        timer.cancel();
    }

    private void expire() {
        if (!ctx.channel().isActive() || state == State.ANSWERING) {
            return;
        }
        if (state == State.WAITING) {
            counters.keepAliveTimeouts.increment();
            ctx.close(); // an idle keep-alive connection: closing it is the ordinary end (RFC 9112 section 9.5)
            return;
        }
        counters.headerTimeouts.increment();
        byte[] body = ("{\"error\":\"the request was not received within " + limits.headerTimeout().toMillis() + " ms\"}")
                .getBytes(StandardCharsets.UTF_8);
        if (onStream) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                    Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE); // the stream ends; the connection serves on
            return;
        }
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        // Written here, below the codec, as bytes: the decoder holds half a request and is never asked to finish it.
        ctx.write(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1)));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(body)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
