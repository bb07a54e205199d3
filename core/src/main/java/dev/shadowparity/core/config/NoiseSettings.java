package dev.shadowparity.core.config;

import java.util.List;

/**
 * Noise cancellation. {@code ignoreHeaders} are not compared at all. The two thresholds are for Diffy's
 * aggregate filter (a field whose primary-vs-candidate difference rate exceeds its primary-vs-secondary
 * rate by less than these percentages is noise); they are parsed and validated, but today noise is decided
 * per exchange: a difference the secondary shows too (same path and kind) is noise.
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
    }
}
