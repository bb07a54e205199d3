package dev.shadowparity.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the client connections open at once. One beyond the cap is answered 503 with {@code Connection: close} and
 * closed before anything is read from it, so a flood of connections costs a write each and reaches no backend.
 */
@ChannelHandler.Sharable
final class ClientConnectionLimit extends ChannelInboundHandlerAdapter {

    private final int max;
    private final ProxyContext.Counters counters;
    private final AtomicInteger open = new AtomicInteger();
    private final byte[] refusal;

    ClientConnectionLimit(int max, ProxyContext.Counters counters) {
        this.max = max;
        this.counters = counters;
        byte[] body = ("{\"error\":\"too many client connections (the proxy serves at most " + max + " at once)\"}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
        refusal = (head + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            counters.refusedConnections.increment();
            // Not passed on: the frontend never asks this connection for a request.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
