package dev.shadowparity.upstream;

import dev.shadowparity.core.config.BackendConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What both protocols' clients share: connections live on the event loop that uses them, each loop with a pool of
 * its own made on first use, so sending never takes a lock or hops to another thread (Netty's proxy idiom). A request
 * goes to its loop's pool; cancelling and closing go there too.
 */
abstract class LoopClient implements Upstream {

    /** One event loop's connections; touched only from that loop, so it needs no synchronisation. */
    interface Pool {
        void submit(PendingRequest p);

        void cancel(PendingRequest p, Throwable why);

        /** Closes the connections and fails the requests still waiting. */
        void closeAll();
    }

    final String name;
    final BackendConfig backend;
    final Duration connectTimeout;
    final Duration idleTimeout;
    final int maxConnectionsPerLoop;
    /** For an https:// backend; {@code null} for plain HTTP. */
    final SslContext tls;
    private final Map<EventLoop, Pool> pools = new ConcurrentHashMap<>();
    volatile boolean closed;

    LoopClient(String name, BackendConfig backend, int maxConnectionsPerLoop, Duration connectTimeout, Duration idleTimeout,
               SslContext tls) {
        this.name = name;
        this.backend = backend;
        this.maxConnectionsPerLoop = maxConnectionsPerLoop;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.tls = tls;
    }

    /** The pool of connections for {@code loop}. */
    abstract Pool newPool(EventLoop loop);

    @Override
    public PendingRequest stream(FullHttpRequest request, Duration responseTimeout, EventLoop loop, ResponseSink sink) {
        PendingRequest p = new PendingRequest(request, responseTimeout, sink, loop);
        if (loop.inEventLoop()) {
            pool(loop).submit(p);
        } else {
            loop.execute(() -> pool(loop).submit(p));
        }
        return p;
    }

    /**
     * Gives up a request whose answer nobody wants any more: waiting, it leaves the queue; under way, its connection
     * (HTTP/1.1: half an answer cannot be reused) or its stream (HTTP/2) is closed. The sink hears {@code why}.
     */
    @Override
    public void cancel(PendingRequest p, Throwable why) {
        pool(p.loop).cancel(p, why);
    }

    private Pool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, this::newPool);
    }

    @Override
    public void close() {
        closed = true;
        pools.forEach((loop, pool) -> loop.execute(pool::closeAll));
    }

    /** Connections to this backend from {@code loop}: its address, the connect timeout, no Nagle; then {@code init}. */
    Bootstrap bootstrap(EventLoop loop, Consumer<Channel> init) {
        return new Bootstrap()
                .group(loop)
                .channel(Transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(new InetSocketAddress(backend.urlHost(), backend.port()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        init.accept(ch);
                    }
                });
    }

    /** Bytes <-> TLS records for a new connection; SNI and the certificate's name check use the URL's host. */
    SslHandler tlsHandler(Channel ch) {
        SslHandler handler = tls.newHandler(ch.alloc(), backend.urlHost(), backend.port());
        handler.setHandshakeTimeoutMillis(connectTimeout.toMillis());
        return handler;
    }
}
