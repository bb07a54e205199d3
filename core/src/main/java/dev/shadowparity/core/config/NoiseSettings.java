package dev.shadowparity.core.config;

import java.util.List;

/**
 * Noise cancellation. {@code ignoreHeaders} are not compared at all. The two thresholds, in percent, are
 * Diffy's per-field filter over a run with a secondary: a field is a regression only when its
 * primary-vs-candidate differences exceed its primary-vs-secondary differences by more than
 * {@code relativeThreshold} of their sum and by more than {@code absoluteThreshold} of all compared exchanges.
 */
public record NoiseSettings(List<String> ignoreHeaders, Double relativeThreshold, Double absoluteThreshold) {

    public static final List<String> DEFAULT_IGNORED_HEADERS = List.of(
            "Date", "Server", "X-Request-Id", "X-Correlation-Id", "traceparent", "tracestate",
            "X-B3-TraceId", "X-B3-SpanId", "X-Amzn-Trace-Id", "Set-Cookie", "Content-Length",
            "Transfer-Encoding", "Connection", "Keep-Alive", "Matched-Stub-Id", "Vary", "ETag", "Last-Modified");

    public static final NoiseSettings DEFAULT = new NoiseSettings(null, null, null);

    public NoiseSettings {
        ignoreHeaders = ignoreHeaders == null ? DEFAULT_IGNORED_HEADERS : List.copyOf(ignoreHeaders);
        relativeThreshold = relativeThreshold == null ? 20.0 : relativeThreshold;
        absoluteThreshold = absoluteThreshold == null ? 0.03 : absoluteThreshold;
        if (relativeThreshold < 0 || relativeThreshold > 100 || absoluteThreshold < 0 || absoluteThreshold > 100) {
            throw new IllegalArgumentException("relativeThreshold and absoluteThreshold are percentages within 0-100");
        }
    }
}
