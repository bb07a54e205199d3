package dev.shadowparity.upstream;

import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.tls.TlsFailures;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/2 client for one backend ({@code protocol: h2}, by ALPN over TLS, or {@code h2c}, by prior knowledge). Each
 * event loop keeps its own connections, each carrying as many streams at once as the backend's SETTINGS allow; a
 * request is one stream, opened on a connection with room, and a new connection is made only when all are full (up to
 * the loop's cap; beyond, requests wait for a stream to end). The response's pieces reach a {@link ResponseSink} as
 * they arrive, as HTTP/1 objects (Netty's stream codec converts), trailers in the last piece; a piece's flow control
 * is the stream channel's: a paused sink stops reading it and the backend's window closes. Timeouts, cancel and TLS
 * failures behave as {@link UpstreamClient}'s do.
 */
final class Http2UpstreamClient extends LoopClient {

    Http2UpstreamClient(String name, BackendConfig backend, int maxConnectionsPerLoop, Duration connectTimeout,
                        Duration idleTimeout) {
        super(name, backend, maxConnectionsPerLoop, connectTimeout, idleTimeout,
                backend.isHttps() ? TlsContexts.client(backend.clientTls(), true) : null);
    }

    @Override
    Pool newPool(EventLoop loop) {
        return new LoopConnections(loop);
    }

    /** One event loop's connections and the requests waiting for a stream. */
    private final class LoopConnections implements Pool {
        final EventLoop loop;
        final Bootstrap bootstrap;
        /** Connections ready for streams (the preface sent, and for h2 the handshake done). */
        final List<Channel> ready = new ArrayList<>();
        final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
        /** Connections being made, each with the request that asked for it. */
        int connecting;

        LoopConnections(EventLoop loop) {
            this.loop = loop;
            // h2: the handshake first, then HTTP/2 once ALPN agreed; h2c: HTTP/2 at once
            this.bootstrap = bootstrap(loop, ch -> {
                if (tls != null) {
                    ch.pipeline().addLast("tls", tlsHandler(ch));
                } else {
                    http2(ch);
                }
            });
        }

        /** The frame codec (which sends the preface), the stream multiplexer, and the idle clock. */
        private void http2(Channel ch) {
            ch.pipeline()
                    .addLast("h2", Http2FrameCodecBuilder.forClient()
                            .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                            .validateHeaders(true)
                            .build())
                    // the backend opens no streams of its own (no push); refused if it tries
                    .addLast("streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                    .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                    .addLast("idle-close", new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof IdleStateEvent && connection(ctx.channel()).numActiveStreams() == 0) {
                                ctx.close();
                            } else {
                                ctx.fireUserEventTriggered(evt);
                            }
                        }
                    });
        }

        @Override
        public void submit(PendingRequest p) {
            if (closed) {
                p.abandon(new IOException(name + " client is closed"));
                return;
            }
            armTimer(p);
            Channel ch = withRoom();
            if (ch != null) {
                open(ch, p);
            } else if (ready.size() + connecting < maxConnectionsPerLoop) {
                connect(p);
            } else {
                waiting.addLast(p);
            }
        }

        /** A ready connection that may open one more stream now, or {@code null}. */
        private Channel withRoom() {
            for (Channel ch : ready) {
                Http2Connection.Endpoint<?> local = connection(ch).local();
                if (ch.isActive() && local.canOpenStream()) {
                    return ch;
                }
            }
            return null;
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
            if (p.channel != null) {
                p.channel.close(); // RST_STREAM CANCEL: only this stream
            }
            p.abandon(why);
        }

        /** (Re)starts {@code p}'s clock: to its head, then between pieces. */
        void armTimer(PendingRequest p) {
            p.armTimer(() -> timeOut(p));
        }

        private void timeOut(PendingRequest p) {
            if (p.done) {
                return;
            }
            if (waiting.remove(p)) {
                p.abandon(new TimeoutException(name + " had no free stream within " + p.timeout.toMillis()
                        + " ms (all " + maxConnectionsPerLoop + " of this event loop's connections full)"));
                return;
            }
            if (p.channel != null) {
                p.channel.close();
            }
            p.releaseRequest();
            p.fail(new TimeoutException(name + (p.head == null ? " gave no response" : " sent nothing more")
                    + " within " + p.timeout.toMillis() + " ms"));
        }

        private void connect(PendingRequest first) {
            connecting++;
            ChannelFuture f = bootstrap.connect();
            Channel ch = f.channel();
            ch.closeFuture().addListener(gone -> {
                ready.remove(ch);
                next();
            });
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    connecting--;
                    first.abandon(done.cause());
                    failWaiting(done.cause());
                } else if (tls == null) {
                    ready(ch, first);
                } else {
                    SslHandler ssl = ch.pipeline().get(SslHandler.class);
                    ssl.handshakeFuture().addListener(handshake -> {
                        if (!handshake.isSuccess()) {
                            connecting--;
                            ch.close();
                            TlsFailed failed = new TlsFailed(backend.authority(), handshake.cause());
                            first.abandon(failed);
                            failWaiting(failed);
                        } else if (!ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                            connecting--;
                            ch.close();
                            IOException refused = new IOException(backend.authority() + " did not agree to HTTP/2 by ALPN ("
                                    + (ssl.applicationProtocol() == null ? "no protocol chosen" : ssl.applicationProtocol())
                                    + "); say protocol: h1 for it");
                            first.abandon(refused);
                            failWaiting(refused);
                        } else {
                            http2(ch);
                            ready(ch, first);
                        }
                    });
                }
            });
        }

        private void ready(Channel ch, PendingRequest first) {
            connecting--;
            ready.add(ch);
            if (first.done) {
                first.releaseRequest();
            } else {
                open(ch, first);
            }
            next();
        }

        /** Requests that waited for a connection that could not be made fail with it: the same cause would fail them. */
        private void failWaiting(Throwable cause) {
            PendingRequest p;
            while ((p = waiting.pollFirst()) != null) {
                p.abandon(cause);
            }
        }

        /** Opens {@code p}'s stream on {@code ch} and writes the request on it. */
        private void open(Channel ch, PendingRequest p) {
            new Http2StreamChannelBootstrap(ch).handler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline()
                            // HttpRequest -> HEADERS (+ DATA); HEADERS/DATA/trailers -> HttpResponse, HttpContent, LastHttpContent
                            .addLast("codec", new Http2StreamFrameToHttpObjectCodec(false))
                            .addLast("response", new StreamHandler(LoopConnections.this, p));
                }
            }).open().addListener(opened -> {
                if (!opened.isSuccess()) {
                    p.abandon(new IOException(name + " refused a new stream: " + opened.cause().getMessage()));
                    return;
                }
                Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
                if (p.done) {
                    p.releaseRequest();
                    stream.close();
                    return;
                }
                p.channel = stream;
                p.handedToWrite();
                stream.writeAndFlush(p.request).addListener(written -> {
                    if (!written.isSuccess() && !p.done) {
                        end(p, new IOException(name + " could not be sent the request: " + written.cause().getMessage()));
                    }
                });
            });
        }

        /** A stream ended or failed: room for a waiting request. */
        void end(PendingRequest p, Throwable error) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            if (error != null) {
                if (p.channel != null) {
                    p.channel.close();
                }
                p.fail(error);
            }
            next();
        }

        /** Starts waiting requests on connections with room, or a new connection for them. */
        private void next() {
            while (!waiting.isEmpty() && !closed) {
                Channel ch = withRoom();
                if (ch != null) {
                    open(ch, waiting.pollFirst());
                } else if (ready.size() + connecting < maxConnectionsPerLoop) {
                    connect(waiting.pollFirst());
                    return;
                } else {
                    return;
                }
            }
        }

        @Override
        public void closeAll() {
            for (Channel ch : new ArrayList<>(ready)) {
                ch.close();
            }
            failWaiting(new IOException(name + " client is closed"));
        }
    }

    private static Http2Connection connection(Channel ch) {
        return ch.pipeline().get(Http2FrameCodec.class).connection();
    }

    /** Last in a stream's pipeline: passes each response piece to the sink of the request it answers. */
    private final class StreamHandler extends SimpleChannelInboundHandler<HttpObject> {

        private final LoopConnections pool;
        private final PendingRequest p;

        StreamHandler(LoopConnections pool, PendingRequest p) {
            super(false);
            this.pool = pool;
            this.p = p;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (p.done) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse head) {
                if (head.status().code() == 100) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    head.headers().remove(n.text()); // x-http2-stream-id and the like: ours, not the backend's
                }
                // The conversion marks a body of unknown length chunked: HTTP/1's framing, which no HTTP/2 backend sent.
                head.headers().remove(io.netty.handler.codec.http.HttpHeaderNames.TRANSFER_ENCODING);
                p.head = head;
                pool.armTimer(p);
                p.sink.head(head, ctx.channel());
            }
            if (msg instanceof LastHttpContent last) {
                p.done = true;
                pool.end(p, null);
                p.sink.end(last);
            } else if (msg instanceof HttpContent content) {
                pool.armTimer(p);
                p.sink.content(content);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (p.head != null && !p.done) {
                p.sink.readComplete();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame reset && !p.done) {
                pool.end(p, new IOException(name + " reset the stream (" + Http2Error.valueOf(reset.errorCode())
                        + (p.head == null ? ") before answering" : ") mid-response")));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!p.done) {
                pool.end(p, new IOException(name + (p.head != null ? " closed the stream mid-response"
                        : " closed the stream before answering")));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!p.done) {
                pool.end(p, TlsFailures.isTls(cause) ? new TlsFailed(backend.authority(), cause) : cause);
            }
            ctx.close();
        }
    }
}
