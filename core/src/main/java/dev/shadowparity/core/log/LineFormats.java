package dev.shadowparity.core.log;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The two values every line and record carries, the time an exchange arrived and each backend's latency, written as
 * {@link Instant#toString} and {@link Double#toString} would write them but without their general formatters: those
 * were 5% of a record's cost and 10% of a log line's in {@code ExchangeRecordBenchmark}'s profile. Outside the ranges
 * where the short forms are exact, the general ones.
 */
final class LineFormats {

    /** The date and time of one second, as {@link Instant#toString} begins it. */
    private record Second(long epochSecond, String text) {}

    /** Exchanges arrive many to a second: the last second's text is kept (immutable, so a racy read is safe). */
    private static Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** Years 0000 to 9999, which {@link Instant#toString} writes without a sign or extra digits. */
    private static final long FIRST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long END_SECOND = LocalDateTime.of(10_000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private LineFormats() {}

    /** {@code t.toString()}: {@code 2026-12-08T00:36:27.123456789Z}, the fraction in groups of three digits as needed. */
    static String instant(Instant t) {
        long second = t.getEpochSecond();
        if (second < FIRST_SECOND || second >= END_SECOND) {
            return t.toString();
        }
        Second known = lastSecond;
        if (known.epochSecond() != second) {
            String full = Instant.ofEpochSecond(second).toString(); // ...T00:36:27Z
            known = new Second(second, full.substring(0, full.length() - 1));
            lastSecond = known;
        }
        int nano = t.getNano();
        if (nano == 0) {
            return known.text() + 'Z';
        }
        StringBuilder s = new StringBuilder(known.text().length() + 11).append(known.text()).append('.');
        if (nano % 1_000_000 == 0) {
            digits(s, nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
            digits(s, nano / 1_000, 6);
        } else {
            digits(s, nano, 9);
        }
        return s.append('Z').toString();
    }

    /**
     * {@code d.toNanos() / 1e6} in plain decimal: the exact decimal of the nanoseconds as milliseconds, which reads
     * back as the double {@link Double#toString} writes (both are the nearest double to the same fraction). Below a
     * microsecond and from 10^7 ms on, {@code Double.toString} writes an exponent: then {@code null}, and the caller
     * writes the double.
     */
    static String millis(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000 || nanos >= 10_000_000_000_000L) {
            return null;
        }
        StringBuilder s = new StringBuilder(16).append(nanos / 1_000_000).append('.');
        int fraction = (int) (nanos % 1_000_000);
        if (fraction == 0) {
            return s.append('0').toString();
        }
        int width = 6;
        while (fraction % 10 == 0) {
            fraction /= 10;
            width--;
        }
        digits(s, fraction, width);
        return s.toString();
    }

    /** {@code value} in {@code width} digits, zeros first. */
    private static void digits(StringBuilder s, int value, int width) {
        int div = 1;
        for (int k = 1; k < width; k++) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            s.append((char) ('0' + value / div % 10));
        }
    }
}
