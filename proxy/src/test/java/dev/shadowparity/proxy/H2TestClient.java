package dev.shadowparity.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client on Netty's frame codec, for what the JDK's client will not do: prior knowledge (h2c without an
 * upgrade), resetting a stream mid-answer, floods of resets, headers no well-behaved client sends.
 */
final class H2TestClient implements AutoCloseable {

    /** One stream's answer: status, body, trailers; or the reset or GOAWAY that ended it. */
    record Answer(int status, String body, Http2Headers headers, Http2Headers trailers, Http2Error reset) {}

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    final Channel connection;
    final CompletableFuture<Http2GoAwayFrame> goAway = new CompletableFuture<>();

    /** Prior knowledge on a plain port, or h2 by ALPN over TLS trusting {@code caFile}. */
    H2TestClient(int port, Path caFile) throws Exception {
        SslContext tls = caFile == null ? null : SslContextBuilder.forClient().trustManager(caFile.toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port));
                }
                ch.pipeline().addLast(Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings())
                                .encoderEnforceMaxRstFramesPerWindow(0, 0) // this client floods on purpose
                                .validateHeaders(false).build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof Http2GoAwayFrame g) {
                                    goAway.complete((Http2GoAwayFrame) g.retain());
                                }
                                io.netty.util.ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof Http2GoAwayFrame g) {
                                    goAway.complete((Http2GoAwayFrame) g.retain());
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                goAway.completeExceptionally(new IllegalStateException("closed without GOAWAY"));
                            }
                        });
            }
        }).connect("127.0.0.1", port).sync().channel();
    }

    static Http2Headers get(String path) {
        return new DefaultHttp2Headers(false).method("GET").scheme("http").authority("127.0.0.1").path(path);
    }

    /** A new stream and what it will hear. */
    Stream open() throws Exception {
        Stream s = new Stream();
        s.channel = new Http2StreamChannelBootstrap(connection).handler(s.handler).open().get(5, TimeUnit.SECONDS);
        return s;
    }

    /** Sends {@code headers} (and {@code body}, if any) on a new stream and waits for its answer. */
    Answer send(Http2Headers headers, String body) throws Exception {
        Stream s = open();
        s.channel.write(new DefaultHttp2HeadersFrame(headers, body == null));
        if (body != null) {
            s.channel.write(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), true));
        }
        s.channel.flush();
        return s.answer.get(10, TimeUnit.SECONDS);
    }

    final class Stream {
        Http2StreamChannel channel;
        final CompletableFuture<Http2Headers> head = new CompletableFuture<>();
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Body bytes received; the body itself is kept only up to 1 MiB. */
        final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        private Http2Headers headers;
        final ChannelInboundHandlerAdapter handler = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    if (msg instanceof Http2HeadersFrame h) {
                        if (headers == null) {
                            headers = h.headers();
                            head.complete(h.headers());
                        }
                        if (h.isEndStream()) {
                            done(h.headers() == headers ? null : h.headers(), null);
                        }
                    } else if (msg instanceof Http2DataFrame d) {
                        ByteBuf b = d.content();
                        if (received.addAndGet(b.readableBytes()) <= (1 << 20)) {
                            b.getBytes(b.readerIndex(), body, b.readableBytes());
                        }
                        if (d.isEndStream()) {
                            done(null, null);
                        }
                    } else if (msg instanceof Http2ResetFrame r) {
                        done(null, Http2Error.valueOf(r.errorCode()));
                    }
                } catch (java.io.IOException e) {
                    answer.completeExceptionally(e);
                } finally {
                    io.netty.util.ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2ResetFrame r) { // Netty hands a stream its RST_STREAM as an event
                    done(null, Http2Error.valueOf(r.errorCode()));
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                done(null, Http2Error.STREAM_CLOSED);
            }
        };

        private void done(Http2Headers trailers, Http2Error reset) {
            int status = headers == null ? 0 : Integer.parseInt(headers.status().toString());
            answer.complete(new Answer(status, body.toString(StandardCharsets.UTF_8), headers, trailers, reset));
        }

        /** The body's first bytes (up to 1 MiB), as sent. */
        byte[] firstBytes() {
            return body.toByteArray();
        }

        void reset() {
            channel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        }
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
