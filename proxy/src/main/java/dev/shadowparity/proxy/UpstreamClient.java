package dev.shadowparity.proxy;

import dev.shadowparity.core.config.BackendConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 client for one backend over a bounded pool of keep-alive connections. One request at a time
 * per connection; a connection that timed out, failed or was not keep-alive is closed, never reused.
 */
final class UpstreamClient implements AutoCloseable {

    /** Response bodies above this are a failure for this backend, not an allocation without bound. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("parity.pending");

    private final String name;
    private final FixedChannelPool pool;

    /** The one request a pooled connection is serving. */
    private static final class Pending {
        final CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
    }

    UpstreamClient(String name, EventLoopGroup group, BackendConfig backend, int maxConnections, Duration connectTimeout) {
        this.name = name;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(new InetSocketAddress(backend.host(), backend.port()));
        this.pool = new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                ch.pipeline()
                        .addLast("codec", new HttpClientCodec())
                        .addLast("aggregate", new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                        .addLast("response", new ResponseHandler());
            }
        }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                connectTimeout.toMillis(), maxConnections, Integer.MAX_VALUE, true, true);
    }

    /**
     * Sends {@code request} (this method takes ownership of it) and completes with a response the caller
     * owns and must release. Failures complete exceptionally: {@link TimeoutException} when the backend
     * did not answer within {@code responseTimeout}.
     */
    CompletableFuture<FullHttpResponse> send(FullHttpRequest request, Duration responseTimeout) {
        Pending pending = new Pending();
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                request.release();
                pending.result.completeExceptionally(acquired.cause());
                return;
            }
            Channel ch = acquired.getNow();
            ch.attr(PENDING).set(pending);
            pending.timeout = ch.eventLoop().schedule(() -> {
                if (pending.result.completeExceptionally(new TimeoutException(
                        name + " gave no response within " + responseTimeout.toMillis() + " ms"))) {
                    ch.close();
                }
            }, responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            pending.result.whenComplete((response, error) -> {
                pending.timeout.cancel(false);
                ch.attr(PENDING).set(null);
                if (error != null || response == null || !HttpUtil.isKeepAlive(response)) {
                    ch.close();
                }
                pool.release(ch);
            });
            ch.writeAndFlush(request).addListener(written -> {
                if (!written.isSuccess()) {
                    pending.result.completeExceptionally(written.cause());
                }
            });
        });
        return pending.result;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Last in a pooled connection's pipeline: hands the aggregated response to whoever is waiting. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        ResponseHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Pending p = ctx.channel().attr(PENDING).get();
            if (response.decoderResult().isFailure()) {
                response.release();
                fail(ctx, new IOException(name + " sent an invalid HTTP response: " + response.decoderResult().cause().getMessage()));
                ctx.close();
                return;
            }
            if (p == null || !p.result.complete(response)) {
                response.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx, new IOException(name + " closed the connection before answering"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
            ctx.close();
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            Pending p = ctx.channel().attr(PENDING).get();
            if (p != null) {
                p.result.completeExceptionally(cause);
            }
        }
    }
}
