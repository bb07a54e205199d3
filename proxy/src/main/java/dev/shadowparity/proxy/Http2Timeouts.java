package dev.shadowparity.proxy;

import dev.shadowparity.core.config.ClientLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Stream;
import java.time.Duration;

/**
 * An HTTP/2 client connection's own clock, behind its frame codec: with no stream open it may wait
 * {@code headerTimeout} for its first request and {@code keepAliveTimeout} between later ones; then it is closed
 * (the codec says GOAWAY), as an idle HTTP/1.1 connection is. Each stream's request has its own
 * {@code headerTimeout} ({@link ClientTimeouts} on the stream). Touched only on the connection's loop.
 */
final class Http2Timeouts extends ChannelInboundHandlerAdapter {

    private final ClientLimits limits;
    private final ProxyContext.Counters counters;
    private ChannelHandlerContext ctx;
    private Http2Connection connection;
    private final RestartableTimer timer = new RestartableTimer();
    private boolean servedOne;

    Http2Timeouts(ClientLimits limits, ProxyContext.Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.connection = ctx.pipeline().get(Http2FrameCodec.class).connection();
        connection.addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamActive(Http2Stream stream) {
                servedOne = true;
                cancel();
            }

            @Override
            public void onStreamClosed(Http2Stream stream) {
                if (connection.numActiveStreams() == 0) {
                    arm(limits.keepAliveTimeout());
                }
            }
        });
        if (connection.numActiveStreams() == 0) {
            arm(limits.headerTimeout());
        } else {
            servedOne = true; // an upgrade's first request is under way
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void arm(Duration after) {
        timer.arm(ctx.executor(), after, this::expire);
    }

    private void cancel() {
        timer.cancel();
    }

    private void expire() {
        if (!ctx.channel().isActive() || connection.numActiveStreams() > 0) {
            return;
        }
        (servedOne ? counters.keepAliveTimeouts : counters.headerTimeouts).increment();
        ctx.close();
    }
}
