package dev.shadowparity.proxy;

import dev.shadowparity.upstream.MirrorBuffer;
import dev.shadowparity.upstream.Transport;
import dev.shadowparity.upstream.TlsContexts;
import dev.shadowparity.upstream.Upstream;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.config.HostPort;
import dev.shadowparity.core.config.ProxySettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shadow proxy: listens for clients, answers every request from the primary, and mirrors a sampled
 * share to the candidate (and secondary) on separate event loops. Exchanges go to the sink (the run's compare
 * pipeline); the admin endpoints read the run's ledger.
 */
public final class ShadowProxy implements AutoCloseable {

    private final EventLoopGroup clientLoops;
    private final EventLoopGroup mirrorLoops;
    private final EventLoopGroup adminLoop;
    private final Channel serverChannel;
    private final Channel adminChannel;
    private final ProxyContext context;
    private final ListenerCertificates certificates;

    private ShadowProxy(EventLoopGroup clientLoops, EventLoopGroup mirrorLoops, EventLoopGroup adminLoop,
                        Channel serverChannel, Channel adminChannel, ProxyContext context, ListenerCertificates certificates) {
        this.certificates = certificates;
        this.clientLoops = clientLoops;
        this.mirrorLoops = mirrorLoops;
        this.adminLoop = adminLoop;
        this.serverChannel = serverChannel;
        this.adminChannel = adminChannel;
        this.context = context;
    }

    /** Binds {@code setup.settings().listen()} (port 0 picks a free port) and starts serving. */
    public static ShadowProxy start(ProxySetup setup, ExchangeSink sink, Ledger ledger) throws InterruptedException {
        ProxySettings settings = setup.settings();
        // One client loop per core (Netty's default is two): with more client threads than cores, the
        // scheduler gives the mirror loops a smaller share of a saturated machine and more mirrors are shed.
        EventLoopGroup clientLoops = Transport.loops("parity-client", Runtime.getRuntime().availableProcessors());
        // Mirrors get their own loops: nothing the candidate does can occupy a client's event loop.
        EventLoopGroup mirrorLoops = Transport.loops("parity-mirror", settings.mirror().threads());
        ProxyContext.Counters counters = new ProxyContext.Counters();
        MirrorBuffer mirrorBuffer = new MirrorBuffer(settings.mirror().maxBuffered().bytes());
        ProxyContext context = new ProxyContext(setup,
                new MirrorPolicy(setup.routes(), settings.mirror().percent(), settings.mirror().stickyBy(),
                        settings.mirror().orderBy()),
                Upstream.of("primary", setup.backends().primary(), 512, settings.connectTimeout(),
                        settings.idleTimeout()),
                new Mirror("candidate", mirrorLoops, setup.backends().candidate(), settings, counters.candidateLatency, mirrorBuffer),
                setup.backends().secondary() == null ? null
                        : new Mirror("secondary", mirrorLoops, setup.backends().secondary(), settings,
                                counters.secondaryLatency, mirrorBuffer),
                sink, ledger, counters, new AtomicLong());
        HostPort listen = settings.listen();
        ClientConnectionLimit connectionLimit = new ClientConnectionLimit(settings.clients().maxConnections(), counters);
        ListenerCertificates certificates = settings.tls() == null ? null
                : new ListenerCertificates(settings.tls(), settings.http2(), counters.tlsReloads, counters.tlsReloadFailures);
        ClientPipelines pipelines = new ClientPipelines(context, connectionLimit, certificates);
        ServerBootstrap b = new ServerBootstrap()
                .group(clientLoops)
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipelines.init(ch);
                    }
                });
        EventLoopGroup adminLoop = Transport.loops("parity-admin", 1);
        Channel server = null;
        try {
            server = b.bind(new InetSocketAddress(listen.host(), listen.port())).sync().channel();
            Channel admin = AdminServer.bind(settings.admin(), adminLoop, context);
            if (certificates != null) {
                // Off the client loops: reading a rotated certificate never delays a request.
                adminLoop.scheduleWithFixedDelay(certificates::check, 1, 1, TimeUnit.SECONDS);
            }
            return new ShadowProxy(clientLoops, mirrorLoops, adminLoop, server, admin, context, certificates);
        } catch (RuntimeException | InterruptedException e) {
            if (server != null) {
                server.close();
            }
            clientLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            mirrorLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            adminLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** {@code epoll} or {@code nio}: which socket implementation serves the traffic. */
    public String transport() {
        return Transport.name();
    }

    /** {@code openssl (…)} or {@code jdk}: which TLS implementation serves https backends and the TLS listener. */
    public String tlsProvider() {
        return TlsContexts.providerName();
    }

    /** {@code https} with a TLS listener, else {@code http}. */
    public String scheme() {
        return certificates == null ? "http" : "https";
    }

    /** The subject of the listener's certificate in use, or {@code null} without TLS. */
    public String certificateSubject() {
        return certificates == null ? null : certificates.subject();
    }

    public InetSocketAddress adminAddress() {
        return (InetSocketAddress) adminChannel.localAddress();
    }

    public long mirrored() {
        return context.counters().mirrored.sum();
    }

    public long notMirrored() {
        return context.counters().notMirrored.sum();
    }

    private static void awaitZero(java.util.function.IntSupplier count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count.getAsInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    public int mirrorsInFlight() {
        return context.candidate().inFlight() + (context.secondary() == null ? 0 : context.secondary().inFlight());
    }

    public void mirrorPercent(double percent) {
        context.policy().percent(percent);
    }

    /**
     * Graceful stop: no new connections; requests already read are answered (each bounded by the primary
     * timeout); mirrors under way finish or time out; then the event loops stop. Every mirrored exchange has
     * reached the sink by then; the caller closes the sink (the pipeline compares them and flushes the log).
     */
    @Override
    public void close() throws InterruptedException {
        serverChannel.close().sync();
        awaitZero(context.counters().inProgress::get, context.setup().settings().primaryTimeout().plusSeconds(1));
        awaitZero(this::mirrorsInFlight, context.setup().settings().mirror().timeout().plusSeconds(1));
        context.candidate().close();
        if (context.secondary() != null) {
            context.secondary().close();
        }
        context.primary().close();
        adminChannel.close().sync();
        clientLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        mirrorLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        adminLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
}
