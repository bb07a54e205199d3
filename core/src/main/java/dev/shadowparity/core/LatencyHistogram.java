package dev.shadowparity.core;

import java.time.Duration;

/**
 * Latencies in log-linear buckets (about 2% relative precision from 1 µs to about 1 hour) in fixed
 * memory, so a long proxy run can report percentiles without keeping every sample. Not thread-safe.
 */
public final class LatencyHistogram {

    private static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int BUCKETS = (int) Math.ceil(Math.log(3.6e9) / LOG_GROWTH) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxMicros;
    private double sumMicros;

    /** Percentiles in milliseconds; all zero when nothing was recorded. */
    public record Summary(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {}

    public void record(Duration d) {
        long micros = Math.max(1, d.toNanos() / 1_000);
        int bucket = Math.min(BUCKETS - 1, (int) (Math.log(micros) / LOG_GROWTH));
        counts[bucket]++;
        total++;
        sumMicros += micros;
        maxMicros = Math.max(maxMicros, micros);
    }

    /** The value at or below which {@code q} (0-1) of the recorded latencies lie, in milliseconds. */
    public double percentileMs(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(Math.pow(GROWTH, i + 1), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    public Summary summary() {
        return new Summary(total, total == 0 ? 0 : sumMicros / total / 1000.0, percentileMs(0.50),
                percentileMs(0.95), percentileMs(0.99), maxMicros / 1000.0);
    }
}
