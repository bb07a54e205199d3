package dev.shadowparity.proxy;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;

/**
 * One backend's latencies in the proxy's {@code parity_backend_latency_seconds} histogram (classic {@code le}
 * buckets, as dashboards and {@code histogram_quantile} read them). Lock-free, so any event loop records without
 * waiting. Its series appears once the backend has answered, so a proxy without a secondary shows none for it.
 */
final class LatencyBuckets {

    private static final double[] BOUNDS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    static Histogram histogram() {
        return Histogram.builder().name("parity_backend_latency_seconds").help("Time to a backend's complete response.")
                .labelNames("backend").classicUpperBounds(BOUNDS_SECONDS).classicOnly().build();
    }

    private final Histogram histogram;
    private final String backend;
    private volatile DistributionDataPoint point;

    LatencyBuckets(Histogram histogram, String backend) {
        this.histogram = histogram;
        this.backend = backend;
    }

    void record(Duration d) {
        DistributionDataPoint p = point;
        if (p == null) {
            p = histogram.labelValues(backend); // the same data point for every caller
            point = p;
        }
        p.observe(d.toNanos() / 1e9);
    }
}
