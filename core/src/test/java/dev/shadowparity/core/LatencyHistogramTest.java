package dev.shadowparity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(Duration.ofMillis(ms));
        }
        LatencyHistogram.Summary s = h.summary();
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50Ms()).isCloseTo(500, within(500 * 0.021));
        assertThat(s.p95Ms()).isCloseTo(950, within(950 * 0.021));
        assertThat(s.p99Ms()).isCloseTo(990, within(990 * 0.021));
        assertThat(s.maxMs()).isEqualTo(1000);
        assertThat(s.meanMs()).isCloseTo(500.5, within(0.01));
    }

    @Test
    void emptyHistogramReportsZeros() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(new LatencyHistogram.Summary(0, 0, 0, 0, 0, 0));
    }
}
