package dev.shadowparity.proxy;

import dev.shadowparity.core.config.BackendConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 client for one backend. Connections live on the event loop that uses them: each loop has its
 * own idle keep-alive connections and its own cap, so sending never takes a lock or hops to another
 * thread (Netty's proxy idiom). One request at a time per connection; a connection that timed out,
 * failed or was not keep-alive is closed, never reused. Idle connections close after {@code idleTimeout}.
 */
final class UpstreamClient implements AutoCloseable {

    /** Response bodies above this are a failure for this backend, not an allocation without bound. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final String name;
    private final BackendConfig backend;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final int maxConnectionsPerLoop;
    private final Map<EventLoop, LoopPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    UpstreamClient(String name, BackendConfig backend, int maxConnectionsPerLoop, Duration connectTimeout,
                   Duration idleTimeout) {
        this.name = name;
        this.backend = backend;
        this.maxConnectionsPerLoop = maxConnectionsPerLoop;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** One request waiting for, or using, a connection. */
    private static final class Pending {
        final FullHttpRequest request;
        final Duration timeout;
        final CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        /** The connection carrying this request once dispatched. */
        Channel channel;

        Pending(FullHttpRequest request, Duration timeout) {
            this.request = request;
            this.timeout = timeout;
        }
    }

    /**
     * Sends {@code request} (this method takes ownership of it) from {@code loop} and completes, on that
     * loop, with a response the caller owns and must release. Failures complete exceptionally:
     * {@link TimeoutException} when the backend did not answer within {@code responseTimeout}.
     */
    CompletableFuture<FullHttpResponse> send(FullHttpRequest request, Duration responseTimeout, EventLoop loop) {
        Pending p = new Pending(request, responseTimeout);
        if (loop.inEventLoop()) {
            pool(loop).submit(p);
        } else {
            loop.execute(() -> pool(loop).submit(p));
        }
        return p.result;
    }

    private LoopPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, LoopPool::new);
    }

    @Override
    public void close() {
        closed = true;
        for (LoopPool pool : pools.values()) {
            pool.loop.execute(pool::closeIdle);
        }
    }

    /** The connections of one event loop; touched only from that loop, so it needs no synchronisation. */
    private final class LoopPool {
        final EventLoop loop;
        final Bootstrap bootstrap;
        final ArrayDeque<Channel> idle = new ArrayDeque<>();
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        int open;

        LoopPool(EventLoop loop) {
            this.loop = loop;
            this.bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .remoteAddress(new InetSocketAddress(backend.host(), backend.port()))
                    .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    // closes connections nobody used for idleTimeout
                                    .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                    // HttpRequest -> bytes, bytes -> HttpResponse/HttpContent
                                    .addLast("codec", new HttpClientCodec())
                                    // HttpResponse + HttpContent* -> FullHttpResponse
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                                    // FullHttpResponse -> the waiting request's future
                                    .addLast("response", new ResponseHandler(LoopPool.this));
                        }
                    });
        }

        void submit(Pending p) {
            if (closed) {
                p.request.release();
                p.result.completeExceptionally(new IOException(name + " client is closed"));
                return;
            }
            p.timer = loop.schedule(() -> timeOut(p), p.timeout.toMillis(), TimeUnit.MILLISECONDS);
            Channel ch;
            while ((ch = idle.pollLast()) != null) {
                if (ch.isActive()) {
                    dispatch(ch, p);
                    return;
                }
            }
            if (open < maxConnectionsPerLoop) {
                connect(p);
            } else {
                waiting.addLast(p);
            }
        }

        private void timeOut(Pending p) {
            TimeoutException timeout = new TimeoutException(name + " gave no response within " + p.timeout.toMillis() + " ms");
            if (waiting.remove(p)) {
                p.request.release();
                p.result.completeExceptionally(timeout);
            } else if (p.channel != null) {
                finish(p, null, timeout);
            }
        }

        /**
         * Ends a dispatched request: its connection goes back to the pool (or is closed) first, then the
         * caller hears of it, so a follow-up request the caller sends at once finds the connection idle.
         */
        void finish(Pending p, FullHttpResponse response, Throwable error) {
            Channel ch = p.channel;
            ResponseHandler handler = (ResponseHandler) ch.pipeline().get("response");
            if (handler == null || handler.current != p) {
                if (response != null) {
                    response.release();
                }
                return;
            }
            handler.current = null;
            p.timer.cancel(false);
            release(ch, error == null && HttpUtil.isKeepAlive(response));
            if (error != null) {
                p.result.completeExceptionally(error);
            } else if (!p.result.complete(response)) {
                response.release();
            }
        }

        private void connect(Pending p) {
            open++;
            ChannelFuture f = bootstrap.connect();
            f.channel().closeFuture().addListener(closed -> {
                open--;
                next();
            });
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    p.request.release();
                    p.result.completeExceptionally(done.cause());
                } else {
                    dispatch(f.channel(), p);
                }
            });
        }

        private void dispatch(Channel ch, Pending p) {
            if (p.result.isDone()) {
                // timed out while waiting: the connection goes back unused
                p.request.release();
                release(ch, true);
                return;
            }
            ResponseHandler handler = (ResponseHandler) ch.pipeline().get("response");
            handler.current = p;
            p.channel = ch;
            ch.writeAndFlush(p.request).addListener(written -> {
                if (!written.isSuccess()) {
                    finish(p, null, written.cause());
                }
            });
        }

        private void release(Channel ch, boolean reusable) {
            if (reusable && ch.isActive() && !closed) {
                Pending next = waiting.pollFirst();
                if (next != null) {
                    dispatch(ch, next);
                } else {
                    idle.addLast(ch);
                }
            } else {
                ch.close();
            }
        }

        /** A connection closed: a waiting request may now open one. */
        private void next() {
            if (!waiting.isEmpty() && open < maxConnectionsPerLoop && !closed) {
                connect(waiting.pollFirst());
            }
        }

        void closeIdle() {
            Channel ch;
            while ((ch = idle.pollFirst()) != null) {
                ch.close();
            }
            Pending p;
            while ((p = waiting.pollFirst()) != null) {
                p.request.release();
                p.result.completeExceptionally(new IOException(name + " client is closed"));
            }
        }
    }

    /** Last in a connection's pipeline: hands the aggregated response to the request it answers. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final LoopPool pool;
        Pending current;

        ResponseHandler(LoopPool pool) {
            super(false);
            this.pool = pool;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Pending p = current;
            if (p == null) {
                ReferenceCountUtil.release(response);
                ctx.close();
            } else if (response.decoderResult().isFailure()) {
                String why = response.decoderResult().cause().getMessage();
                response.release();
                pool.finish(p, null, new IOException(name + " sent an invalid HTTP response: " + why));
            } else {
                pool.finish(p, response, null);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && current == null) {
                pool.idle.remove(ctx.channel());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IOException(name + " closed the connection before answering"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void fail(Throwable cause) {
            Pending p = current;
            if (p != null) {
                pool.finish(p, null, cause);
            }
        }
    }
}
