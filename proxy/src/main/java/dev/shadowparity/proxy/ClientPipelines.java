package dev.shadowparity.proxy;

import dev.shadowparity.core.config.ProxySettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;

/**
 * What a client connection's pipeline is, by protocol. HTTP/1.1: timeouts, codec, aggregator, frontend. HTTP/2 (h2 by
 * ALPN over TLS; h2c by prior knowledge or by {@code Upgrade: h2c} on plain connections): the connection carries the
 * frame codec and the stream multiplexer, and every stream is a child channel with its own HTTP/1-shaped pipeline
 * ending in the same {@link ProxyFrontendHandler}, so a stream is answered, mirrored, compared and logged as any
 * request is. Stream flow control is the child channel's writability, which the frontend already pauses the
 * primary on.
 */
final class ClientPipelines {

    /** Concurrent streams a client may open on one connection (nginx's {@code http2_max_concurrent_streams}). */
    static final int MAX_CONCURRENT_STREAMS = 128;
    /** Resets a client may send per window before the connection is closed with ENHANCE_YOUR_CALM (CVE-2023-44487). */
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    /** A request's header list, as HTTP/2 counts it (each field plus 32): beyond it the stream is refused. */
    static final int MAX_HEADER_LIST_SIZE = 16 * 1024;

    private final ProxyContext context;
    private final ProxySettings settings;
    private final ClientConnectionLimit connectionLimit;
    private final ListenerCertificates certificates;

    ClientPipelines(ProxyContext context, ClientConnectionLimit connectionLimit, ListenerCertificates certificates) {
        this.context = context;
        this.settings = context.setup().settings();
        this.connectionLimit = connectionLimit;
        this.certificates = certificates;
    }

    /** The pipeline of a new client connection. */
    void init(Channel ch) {
        ProxyContext.Counters counters = context.counters();
        ChannelPipeline p = ch.pipeline();
        if (certificates != null) {
            // TLS records <-> bytes, with the certificate in use when the client connected
            SslHandler tls = certificates.newHandler(ch.alloc());
            tls.handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    counters.clientTlsFailures.increment();
                }
            });
            p.addLast("tls", tls);
            // one connection beyond maxConnections -> 503, closed
            p.addLast("limit", connectionLimit);
            // after the handshake: h2 or HTTP/1.1, as ALPN chose (HTTP/1.1 for a client that offers nothing)
            p.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                public void channelActive(ChannelHandlerContext ctx) throws Exception {
                    ctx.read(); // AUTO_READ is off: the first read starts the handshake, which then reads on by itself
                    super.channelActive(ctx);
                }

                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        http2(ctx.pipeline());
                    } else {
                        http1(ctx.pipeline(), false);
                    }
                    ctx.read();
                }
            });
            return;
        }
        p.addLast("limit", connectionLimit);
        http1(p, settings.http2());
    }

    /**
     * HTTP/1.1 on a connection; with {@code h2c}, a client that starts with the HTTP/2 preface, or asks for
     * {@code Upgrade: h2c}, is switched to HTTP/2 instead.
     */
    private void http1(ChannelPipeline p, boolean h2c) {
        ClientTimeouts timeouts = new ClientTimeouts(settings.clients(), context.counters(), false);
        // a request must arrive within headerTimeout; an idle connection closes after keepAliveTimeout
        p.addLast("timeouts", timeouts);
        if (h2c) {
            HttpServerCodec codec = new HttpServerCodec();
            HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec,
                    protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                            ? new Http2ServerUpgradeCodec(frameCodec(), multiplexer()) : null,
                    settings.maxBodySize().asInt("maxBodySize"));
            // the preface -> HTTP/2 at once; otherwise bytes <-> HTTP/1.1, and Upgrade: h2c -> HTTP/2 after its answer
            p.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(frameCodec(), multiplexer());
                }
            }));
            p.addLast("switch", new SwitchToHttp2());
        } else {
            // bytes <-> HttpRequest/HttpContent and HttpResponse
            p.addLast("codec", new HttpServerCodec());
        }
        // answers "Expect: 100-continue" before the body is read
        p.addLast("continue", new HttpServerExpectContinueHandler());
        // HttpRequest + HttpContent* -> FullHttpRequest (413 above maxBodySize)
        p.addLast("aggregate", new HttpObjectAggregator(settings.maxBodySize().asInt("maxBodySize")));
        // FullHttpRequest -> primary answer to the client, mirrors to the pipeline
        p.addLast("proxy", new ProxyFrontendHandler(context, timeouts));
    }

    /** HTTP/2 on a connection that negotiated it by ALPN. */
    private void http2(ChannelPipeline p) {
        p.channel().config().setAutoRead(true); // every stream's frames arrive on it; streams pause by flow control
        p.addLast("h2", frameCodec());
        p.addLast("streams", multiplexer());
        http2Watchers(p);
    }

    /** Behind an HTTP/2 connection's codec and multiplexer: its idle clock, and the count of its protocol errors. */
    private void http2Watchers(ChannelPipeline p) {
        p.addLast("h2-timeouts", new Http2Timeouts(settings.clients(), context.counters()));
        p.addLast("h2-errors", new Http2Errors(context.counters()));
    }

    private Http2FrameCodec frameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(MAX_HEADER_LIST_SIZE))
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .validateHeaders(true)
                .validateRequiredPseudoHeaders(true) // a request without :method, :path or :scheme is refused
                .frameLogger(Http2Errors.counting(context.counters()))
                .build();
    }

    private Http2MultiplexHandler multiplexer() {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                context.counters().http2Streams.increment();
                ClientTimeouts timeouts = new ClientTimeouts(settings.clients(), context.counters(), true);
                stream.pipeline()
                        // HEADERS and DATA frames <-> HttpRequest/HttpContent and HttpResponse/HttpContent/trailers
                        .addLast("codec", new Http2StreamFrameToHttpObjectCodec(true))
                        // drops the x-http2-* fields the conversion adds: no backend should see them
                        .addLast("h2-fields", Http2Errors.EXTENSION_FIELDS)
                        // the stream's request must arrive whole within headerTimeout
                        .addLast("timeouts", timeouts)
                        .addLast("continue", new HttpServerExpectContinueHandler())
                        .addLast("aggregate", new HttpObjectAggregator(settings.maxBodySize().asInt("maxBodySize")))
                        .addLast("proxy", new ProxyFrontendHandler(context, timeouts));
            }
        });
    }

    /**
     * After a switch to HTTP/2 on a plain connection (prior knowledge, or an upgrade), the HTTP/1.1 handlers behind
     * the codec leave the connection: its streams have their own.
     */
    private final class SwitchToHttp2 extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent
                    || evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
                ChannelPipeline p = ctx.pipeline();
                for (String name : new String[] {"timeouts", "continue", "aggregate", "proxy"}) {
                    ChannelHandler h = p.get(name);
                    if (h != null) {
                        p.remove(h);
                    }
                }
                http2Watchers(p);
                p.channel().config().setAutoRead(true);
                p.remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
