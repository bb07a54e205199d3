package dev.shadowparity.proxy;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of one backend's latencies: cumulative {@code le} buckets, sum and count.
 * Lock-free, so recording from any event loop never waits.
 */
final class LatencyBuckets {

    private static final double[] BOUNDS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] counts = new LongAdder[BOUNDS_SECONDS.length];
    private final LongAdder total = new LongAdder();
    private final DoubleAdder sumSeconds = new DoubleAdder();

    LatencyBuckets() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(Duration d) {
        double seconds = d.toNanos() / 1e9;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            if (seconds <= BOUNDS_SECONDS[i]) {
                counts[i].increment();
                break;
            }
        }
        total.increment();
        sumSeconds.add(seconds);
    }

    /** Appends the histogram's sample lines; {@code labels} is e.g. {@code backend="primary"}. */
    void appendTo(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{").append(labels).append(",le=\"")
                    .append(format(BOUNDS_SECONDS[i])).append("\"} ").append(cumulative).append('\n');
        }
        long n = total.sum();
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(n).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(format(sumSeconds.sum())).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(n).append('\n');
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
