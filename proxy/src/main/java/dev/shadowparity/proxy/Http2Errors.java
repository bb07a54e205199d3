package dev.shadowparity.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Last on an HTTP/2 client connection: takes the protocol errors Netty's codec has already answered with the
 * protocol's own signal, so they end here instead of being logged as unhandled. They are counted where that signal is
 * written ({@link #counting}): GOAWAY for the connection (a rapid-reset flood, a bad preface, a broken frame),
 * RST_STREAM for one stream (invalid pseudo-headers, a header list too large, a stream beyond the concurrency cap).
 */
final class Http2Errors extends ChannelInboundHandlerAdapter {

    private final ProxyContext.Counters counters;

    Http2Errors(ProxyContext.Counters counters) {
        this.counters = counters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof Http2Exception) && !(cause.getCause() instanceof Http2Exception)) {
            ctx.close(); // a socket error: nothing more to say on this connection
        }
    }

    /**
     * Watches the frames the codec writes and counts those that answer a client's error: RST_STREAM other than a
     * cancel (a stream of ours the client no longer wants is no error), and GOAWAY with an error code.
     */
    static Http2FrameLogger counting(ProxyContext.Counters counters) {
        return new Http2FrameLogger(LogLevel.TRACE, Http2Errors.class) {
            @Override
            public void logRstStream(Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
                if (direction == Direction.OUTBOUND && errorCode != Http2Error.CANCEL.code()
                        && errorCode != Http2Error.NO_ERROR.code()) {
                    counters.http2StreamErrors.increment();
                }
            }

            @Override
            public void logGoAway(Direction direction, ChannelHandlerContext ctx, int lastStreamId, long errorCode,
                                  ByteBuf debugData) {
                if (direction == Direction.OUTBOUND && errorCode != Http2Error.NO_ERROR.code()) {
                    counters.http2ConnectionErrors.increment();
                }
            }
        };
    }

    /** The x-http2-* fields Netty's conversion adds to a stream's request; no backend should see them. */
    static final ChannelHandler EXTENSION_FIELDS = new StripExtensionFields();

    @ChannelHandler.Sharable
    private static final class StripExtensionFields extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    request.headers().remove(name.text());
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
