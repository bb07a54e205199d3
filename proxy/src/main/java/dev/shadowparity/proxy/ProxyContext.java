package dev.shadowparity.proxy;

import dev.shadowparity.upstream.Upstream;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.RouteTable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection's handler shares: the setup, upstream clients, where exchanges go ({@code sink}), the
 * ledger the admin endpoints read, counters.
 */
record ProxyContext(ProxySetup setup, MirrorPolicy policy, Upstream primary, Mirror candidate, Mirror secondary,
                    ExchangeSink sink, Ledger ledger, Counters counters, AtomicLong exchangeIds) {

    long nextExchangeId() {
        return exchangeIds.incrementAndGet();
    }

    RouteTable<?> routes() {
        return setup.routes();
    }

    /** Counters read by the admin endpoints and the summary. */
    static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder mirrored = new LongAdder();
        final LongAdder notMirrored = new LongAdder();
        final LongAdder primaryErrors = new LongAdder();
        final LongAdder rejected = new LongAdder();
        /** Connections closed because a request did not arrive whole within the header timeout (408). */
        final LongAdder headerTimeouts = new LongAdder();
        /** Idle keep-alive connections closed after the keep-alive timeout. */
        final LongAdder keepAliveTimeouts = new LongAdder();
        /** Connections refused (503) beyond the client connection cap. */
        final LongAdder refusedConnections = new LongAdder();
        /** Clients that went away before their answer was relayed whole; the primary's connection was cut. */
        final LongAdder clientAborts = new LongAdder();
        /** Client connections whose TLS handshake failed (a client that does not trust our certificate, a scanner). */
        final LongAdder clientTlsFailures = new LongAdder();
        /** HTTP/2 streams clients opened (each one request). */
        final LongAdder http2Streams = new LongAdder();
        /** HTTP/2 streams reset for a protocol error (invalid pseudo-headers, a header list too large). */
        final LongAdder http2StreamErrors = new LongAdder();
        /** HTTP/2 connections closed with GOAWAY for a protocol error (a rapid-reset flood, a broken frame). */
        final LongAdder http2ConnectionErrors = new LongAdder();
        /** Listener certificates reloaded after their files changed. */
        final LongAdder tlsReloads = new LongAdder();
        /** Checks that found changed certificate files they could not use (the old certificate stays). */
        final LongAdder tlsReloadFailures = new LongAdder();
        /** Client requests read but not yet answered; shutdown waits for them. */
        final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
        final io.prometheus.metrics.core.metrics.Histogram backendLatency = LatencyBuckets.histogram();
        final LatencyBuckets primaryLatency = new LatencyBuckets(backendLatency, "primary");
        final LatencyBuckets candidateLatency = new LatencyBuckets(backendLatency, "candidate");
        final LatencyBuckets secondaryLatency = new LatencyBuckets(backendLatency, "secondary");
    }
}
