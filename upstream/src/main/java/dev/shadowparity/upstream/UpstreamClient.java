package dev.shadowparity.upstream;

import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.tls.TlsFailures;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 client for one backend. Connections live on the event loop that uses them: each loop has its
 * own idle keep-alive connections and its own cap, so sending never takes a lock or hops to another
 * thread (Netty's proxy idiom). One request at a time per connection; a connection that timed out,
 * failed or was not keep-alive is closed, never reused. Idle connections close after {@code idleTimeout}.
 * Responses reach a {@link ResponseSink} piece by piece as they arrive; the timeout runs until the head
 * arrives and then between pieces, as a read timeout does. An {@code https://} backend's connections shake hands
 * before their first request: a handshake that fails fails the request with a {@link TlsFailed} naming why.
 */
final class UpstreamClient extends LoopClient {

    /** Methods whose request may be sent again when a reused connection proves closed (RFC 9110 section 9.2.2). */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

    UpstreamClient(String name, BackendConfig backend, int maxConnectionsPerLoop, Duration connectTimeout,
                   Duration idleTimeout) {
        super(name, backend, maxConnectionsPerLoop, connectTimeout, idleTimeout,
                backend.isHttps() ? TlsContexts.client(backend.clientTls()) : null);
    }

    @Override
    Pool newPool(EventLoop loop) {
        return new LoopPool(loop);
    }

    /** The connections of one event loop. */
    private final class LoopPool implements Pool {
        final EventLoop loop;
        final Bootstrap bootstrap;
        final ArrayDeque<Channel> idle = new ArrayDeque<>();
        final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
        int open;

        LoopPool(EventLoop loop) {
            this.loop = loop;
            this.bootstrap = bootstrap(loop, ch -> {
                if (tls != null) {
                    ch.pipeline().addLast("tls", tlsHandler(ch));
                }
                ch.pipeline()
                        // closes connections nobody used for idleTimeout
                        .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                        // HttpRequest -> bytes, bytes -> HttpResponse, HttpContent*, LastHttpContent
                        .addLast("codec", new HttpClientCodec())
                        // each piece -> the waiting request's sink, as it arrives
                        .addLast("response", new ResponseHandler(LoopPool.this));
            });
        }

        @Override
        public void submit(PendingRequest p) {
            if (closed) {
                p.abandon(new IOException(name + " client is closed"));
                return;
            }
            armTimer(p);
            Channel ch;
            while ((ch = idle.pollLast()) != null) {
                if (ch.isActive()) {
                    dispatch(ch, p, true);
                    return;
                }
            }
            if (open < maxConnectionsPerLoop) {
                connect(p);
            } else {
                waiting.addLast(p);
            }
        }

        @Override
        public void cancel(PendingRequest p, Throwable why) {
            if (p.done) {
                return;
            }
            if (waiting.remove(p)) {
                p.abandon(why);
                return;
            }
            Channel ch = p.channel;
            ResponseHandler handler = ch == null ? null : handlerOf(ch);
            if (handler != null && handler.current == p) {
                handler.current = null;
                ch.close();
            }
            // Still connecting, else: the connection, once made, goes back unused (dispatch sees the request done).
            p.abandon(why);
        }

        /** (Re)starts {@code p}'s clock: to its head, then between pieces. */
        void armTimer(PendingRequest p) {
            p.armTimer(() -> timeOut(p));
        }

        private void timeOut(PendingRequest p) {
            TimeoutException timeout = new TimeoutException(name + (p.head == null ? " gave no response" : " sent nothing more")
                    + " within " + p.timeout.toMillis() + " ms");
            if (waiting.remove(p)) {
                p.abandon(new TimeoutException(name + " had no free connection within " + p.timeout.toMillis()
                        + " ms (all " + maxConnectionsPerLoop + " of this event loop's connections busy)"));
            } else if (p.channel != null) {
                finish(p, timeout);
            } else {
                // still connecting: the caller hears now; the connection, once made, goes back unused
                p.fail(timeout);
            }
        }

        /**
         * Ends a dispatched request: its connection goes back to the pool (or is closed) first, then the
         * sink hears of a failure, so a follow-up request sent at once finds the connection idle. (On
         * success the handler has already passed the last piece on.)
         */
        void finish(PendingRequest p, Throwable error) {
            Channel ch = p.channel;
            ResponseHandler handler = handlerOf(ch);
            if (handler == null || handler.current != p) {
                return;
            }
            handler.current = null;
            p.timer.cancel(false);
            p.releaseRequest(); // a copy kept for a resend is needed no more
            ch.config().setAutoRead(true);
            release(ch, error == null && HttpUtil.isKeepAlive(p.head));
            if (error != null) {
                p.fail(error);
            }
        }

        /**
         * The connection failed before a byte of the answer came. A backend may close a keep-alive connection
         * while it sits idle in our pool, and we learn it only on reuse; then an idempotent request is sent
         * once more on a fresh connection (RFC 9110 section 9.2.2), within the same timeout. Anything else fails.
         */
        void lostBeforeAnswer(PendingRequest p, Throwable error) {
            Channel ch = p.channel;
            ResponseHandler handler = handlerOf(ch);
            if (!p.keptForResend || p.head != null || p.done || handler == null || handler.current != p) {
                finish(p, error);
                return;
            }
            handler.current = null;
            p.keptForResend = false;
            p.channel = null;
            ch.close();
            connect(p);
        }

        private void connect(PendingRequest p) {
            open++;
            ChannelFuture f = bootstrap.connect();
            f.channel().closeFuture().addListener(closed -> {
                open--;
                next();
            });
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    p.abandon(done.cause());
                } else if (tls == null) {
                    dispatch(f.channel(), p, false);
                } else {
                    f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                        if (handshake.isSuccess()) {
                            dispatch(f.channel(), p, false);
                        } else {
                            f.channel().close();
                            p.abandon(new TlsFailed(backend.authority(), handshake.cause()));
                        }
                    });
                }
            });
        }

        private void dispatch(Channel ch, PendingRequest p, boolean reused) {
            if (p.done) {
                // timed out while waiting: the connection goes back unused
                p.releaseRequest();
                release(ch, true);
                return;
            }
            handlerOf(ch).current = p;
            p.channel = ch;
            FullHttpRequest out;
            if (reused && IDEMPOTENT.contains(p.request.method())) {
                p.keptForResend = true;
                out = p.request.retainedDuplicate();
            } else {
                p.handedToWrite();
                out = p.request;
            }
            ch.writeAndFlush(out).addListener(written -> {
                if (!written.isSuccess()) {
                    lostBeforeAnswer(p, written.cause());
                }
            });
        }

        private void release(Channel ch, boolean reusable) {
            if (reusable && ch.isActive() && !closed) {
                PendingRequest next = waiting.pollFirst();
                if (next != null) {
                    dispatch(ch, next, true);
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

        @Override
        public void closeAll() {
            Channel ch;
            while ((ch = idle.pollFirst()) != null) {
                ch.close();
            }
            PendingRequest p;
            while ((p = waiting.pollFirst()) != null) {
                p.abandon(new IOException(name + " client is closed"));
            }
        }
    }

    /** The handler that hands a connection's answers to its current request ({@code null} once the pipeline is gone). */
    private static ResponseHandler handlerOf(Channel ch) {
        return (ResponseHandler) ch.pipeline().get("response");
    }

    /** Last in a connection's pipeline: passes each response piece to the sink of the request it answers. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {

        private final LoopPool pool;
        PendingRequest current;

        ResponseHandler(LoopPool pool) {
            super(false);
            this.pool = pool;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            PendingRequest p = current;
            if (p == null || p.done) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (msg.decoderResult().isFailure()) {
                String why = msg.decoderResult().cause().getMessage();
                ReferenceCountUtil.release(msg);
                pool.finish(p, new IOException(name + " sent an invalid HTTP response: " + why));
                return;
            }
            if (msg instanceof HttpResponse head) {
                if (head.status().code() == 100) {
                    // an interim answer to our Expect: the real one follows
                    ReferenceCountUtil.release(msg);
                    return;
                }
                p.head = head;
                pool.armTimer(p);
                p.sink.head(head, ctx.channel());
            }
            if (msg instanceof LastHttpContent last) {
                p.done = true;
                pool.finish(p, null);
                p.sink.end(last);
            } else if (msg instanceof HttpContent content) {
                pool.armTimer(p);
                p.sink.content(content);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            PendingRequest p = current;
            if (p != null && p.head != null && !p.done) {
                p.sink.readComplete();
            }
            ctx.fireChannelReadComplete();
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
            PendingRequest p = current;
            if (p != null) {
                pool.lostBeforeAnswer(p, new IOException(name + (p.head != null ? " closed the connection mid-response"
                        : " closed the connection before answering")));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            PendingRequest p = current;
            if (p != null) {
                // A reset of a connection the backend had already given up, or a real failure. Over TLS 1.3 a server
                // refuses a client certificate only after the client's handshake is done: it arrives here, as an alert.
                pool.lostBeforeAnswer(p, TlsFailures.isTls(cause) ? new TlsFailed(backend.authority(), cause) : cause);
            }
            ctx.close();
        }
    }
}
