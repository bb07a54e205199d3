package dev.shadowparity.proxy;

import dev.shadowparity.compare.ComparePipeline;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.SuiteConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What every connection's handler shares: configuration, upstream clients, the compare pipeline, counters. */
record ProxyContext(SuiteConfig config, RouteTable<?> routes, MirrorPolicy policy, UpstreamClient primary,
                    Duration primaryTimeout, Mirror candidate, Mirror secondary, ComparePipeline pipeline,
                    Counters counters, AtomicLong exchangeIds) {

    long nextExchangeId() {
        return exchangeIds.incrementAndGet();
    }

    /** Counters read by the admin endpoints and the summary. */
    static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder mirrored = new LongAdder();
        final LongAdder notMirrored = new LongAdder();
        final LongAdder primaryErrors = new LongAdder();
        final LongAdder rejected = new LongAdder();
        /** Client requests read but not yet answered; shutdown waits for them. */
        final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
        final LatencyBuckets primaryLatency = new LatencyBuckets();
        final LatencyBuckets candidateLatency = new LatencyBuckets();
        final LatencyBuckets secondaryLatency = new LatencyBuckets();
    }
}
