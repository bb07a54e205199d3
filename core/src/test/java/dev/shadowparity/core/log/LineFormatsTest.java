package dev.shadowparity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFormatsTest {

    /** Over random times in every supported year, with whole seconds, milli-, micro- and nanosecond fractions. */
    @Test
    void anInstantIsWrittenAsItsToStringIs() {
        Random random = new Random(20261208);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int n = 0; n < 20_000; n++) {
            long second = first + (long) (random.nextDouble() * (end - first));
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            assertThat(LineFormats.instant(t)).isEqualTo(t.toString());
            Instant sameSecond = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)); // the cached second
            assertThat(LineFormats.instant(sameSecond)).isEqualTo(sameSecond.toString());
        }
        for (String outside : new String[] {"-0001-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"}) {
            Instant t = Instant.parse(outside);
            assertThat(LineFormats.instant(t)).isEqualTo(t.toString());
        }
    }

    /** A latency reads back as the very double the division gives, in plain decimal where Double.toString writes one. */
    @Test
    void aLatencyReadsBackAsTheSameDouble() {
        Random random = new Random(7);
        for (int n = 0; n < 50_000; n++) {
            long nanos = switch (n % 5) {
                case 0 -> 1_000 + random.nextInt(1_000_000);
                case 1 -> random.nextInt(1000) * 1_000_000L;
                case 2 -> random.nextInt(100_000) * 1_000L;
                case 3 -> (long) (random.nextDouble() * 9_999_999_999_999L);
                default -> random.nextInt(1000) * 10L + 1_000;
            };
            String text = LineFormats.millis(Duration.ofNanos(nanos));
            if (nanos < 1_000) {
                assertThat(text).isNull();
                continue;
            }
            assertThat(text).as("%d ns", nanos).matches("\\d+\\.\\d{1,6}").doesNotMatch(".*\\.\\d*[1-9]0+$");
            assertThat(Double.parseDouble(text)).as("%d ns", nanos).isEqualTo(nanos / 1_000_000.0);
        }
        assertThat(LineFormats.millis(Duration.ofNanos(412_345))).isEqualTo("0.412345");
        assertThat(LineFormats.millis(Duration.ofMillis(2))).isEqualTo("2.0").isEqualTo(Double.toString(2.0));
        assertThat(LineFormats.millis(Duration.ofNanos(1_500_000))).isEqualTo("1.5");
        assertThat(LineFormats.millis(Duration.ofNanos(999))).as("Double.toString writes 9.99E-4").isNull();
        assertThat(LineFormats.millis(Duration.ofHours(3))).as("10.8 million ms: an exponent").isNull();
        assertThat(LineFormats.millis(Duration.ofNanos(-5_000))).isNull();
    }
}
