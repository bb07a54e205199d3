package dev.shadowparity.run;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.kafka.CapturedExchanges;
import dev.shadowparity.kafka.ExchangePublisher;
import dev.shadowparity.kafka.KafkaTarget;
import dev.shadowparity.kafka.KafkaTopics;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.proxy.ProxySetup;
import dev.shadowparity.proxy.ShadowProxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * A shadowing run: the proxy in front of the primary, its exchanges into the run's comparison stage, and at the end
 * the gate's verdict and the reports. {@code parity proxy} and {@code parity demo} both run it.
 */
public final class ShadowRun implements AutoCloseable {

    /** Mirrored exchanges waiting for a compare worker before further ones are dropped: a burst, never a backlog. */
    private static final int COMPARE_QUEUE = 10_000;

    private final SuiteConfig suite;
    private final Path out;
    /** Where exchanges go: compared here, or ({@code publisher}) published for workers; exactly one is set. */
    private final ComparePipeline pipeline;
    private final ExchangePublisher publisher;
    private final ShadowProxy proxy;
    private final long startMillis = System.currentTimeMillis();
    private boolean closed;

    private ShadowRun(SuiteConfig suite, Path out, ComparePipeline pipeline, ExchangePublisher publisher, ShadowProxy proxy) {
        this.suite = suite;
        this.out = out;
        this.pipeline = pipeline;
        this.publisher = publisher;
        this.proxy = proxy;
    }

    /** Exchanges captured but not yet acknowledged by Kafka when the proxy stops are waited for this long. */
    private static final java.time.Duration PUBLISH_DRAIN = java.time.Duration.ofSeconds(30);

    /**
     * Starts a proxy that publishes every exchange that qualifies for mirroring to {@code topic} instead of comparing
     * it: mirrored ones (the sampled share) with the candidate's answers, the rest with the primary's only, for the
     * workers to send. Checks first that the cluster answers (else a {@link ParityException}) and creates the topic
     * when it is missing.
     *
     * @param deliveryTimeout how long an exchange may wait for the broker (one that is away) before it is counted as
     *                        not published
     */
    public static ShadowRun startPublishing(SuiteConfig suite, Path out, KafkaTarget topic, String source,
                                            java.time.Duration deliveryTimeout) throws InterruptedException {
        if (ContainerBackends.needed(suite)) {
            throw new ParityException("the proxy forwards to running backends; give each a 'url'");
        }
        KafkaTopics.ensure(topic, java.util.List.of(topic.topic()), KafkaTopics.DEFAULT_PARTITIONS,
                java.time.Duration.ofSeconds(10));
        RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
        ExchangePublisher publisher = new ExchangePublisher(topic, source,
                new CapturedExchanges(new Redactor(suite.redact()), suite.maxDecodedBody()), COMPARE_QUEUE,
                64L << 20, deliveryTimeout);
        try {
            Ledger ledger = new Ledger(suite.noise(), new Redactor(suite.redact()));
            return new ShadowRun(suite, out, null, publisher,
                    ShadowProxy.start(ProxySetup.of(suite, routes).capturingAll(), publisher, ledger));
        } catch (RuntimeException | InterruptedException e) {
            publisher.close();
            throw e;
        }
    }

    /** Stops the proxy and publishes what is left (waiting a while for the broker): what was published, and what not. */
    public ExchangePublisher.Stats finishPublishing() throws InterruptedException {
        close();
        return publisher.stats();
    }

    public boolean publishing() {
        return publisher != null;
    }

    /** Starts the proxy of {@code suite}, writing its run folder into {@code out}; its backends must be running. */
    public static ShadowRun start(SuiteConfig suite, Path out) throws InterruptedException {
        if (ContainerBackends.needed(suite)) {
            throw new ParityException("the proxy forwards to running backends; give each a 'url' ('image'"
                    + " backends are started by parity replay and parity load)");
        }
        RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
        ComparePipeline pipeline = ComparisonStage.open(suite, routes, out, COMPARE_QUEUE,
                ComparePipeline.Pace.BATCHED);
        try {
            return new ShadowRun(suite, out, pipeline, null, ShadowProxy.start(ProxySetup.of(suite, routes), pipeline, pipeline.ledger()));
        } catch (RuntimeException | InterruptedException e) {
            pipeline.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return proxy.address();
    }

    public InetSocketAddress adminAddress() {
        return proxy.adminAddress();
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return proxy.transport();
    }

    /**
     * The TLS line of the startup banner: the listener's certificate and the TLS implementation, or {@code null} when
     * neither the listener nor a backend uses TLS.
     */
    public String tlsSummary(dev.shadowparity.core.config.Backends backends) {
        boolean backendTls = java.util.stream.Stream.of(backends.primary(), backends.candidate(), backends.secondary())
                .anyMatch(b -> b != null && b.isHttps());
        String subject = proxy.certificateSubject();
        if (subject == null && !backendTls) {
            return null;
        }
        return (subject == null ? "" : "clients get " + subject + " (reloaded when its files change); ")
                + (backendTls ? "https backends verified as configured; " : "") + "implementation " + proxy.tlsProvider();
    }

    public long mirrored() {
        return proxy.mirrored();
    }

    /**
     * Blocks until the process is asked to stop (SIGTERM, or SIGINT from Ctrl-C). The signals are taken over rather
     * than left to the JVM's shutdown, so the caller finishes the run on its own thread and the process exits with
     * the gate's code (not the signal's 143), which a CI job that shadows for a window and then stops it gates on.
     */
    public void awaitStopSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        stop.await();
    }

    /** Stops the proxy, drains mirrors and comparisons, then has the gate decide and the reports written. */
    public RunOutcome finish() throws InterruptedException {
        if (publisher != null) {
            throw new IllegalStateException("a publishing proxy has no verdict of its own: finishPublishing()");
        }
        close();
        return Verdicts.ofLedger(out, suite, pipeline.ledger().snapshot(), startMillis, pipeline.logHealth());
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.close();
        } finally {
            if (pipeline != null) {
                pipeline.close();
            } else {
                publisher.close(PUBLISH_DRAIN);
            }
        }
    }
}
