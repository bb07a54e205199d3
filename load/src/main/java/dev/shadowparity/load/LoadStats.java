package dev.shadowparity.load;

/**
 * Gatling's figures for one request name (or all requests) of one run.
 *
 * @param count             requests sent
 * @param errors            requests without an answer or answered 5xx
 * @param requestsPerSecond all requests over the run's duration (Gatling's "Cnt/s")
 */
public record LoadStats(long count, long errors, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                        double requestsPerSecond) {

    public double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    /** Successful requests per second: the throughput an ML route's floor is about. */
    public double successfulPerSecond() {
        return count == 0 ? 0 : requestsPerSecond * (count - errors) / count;
    }
}
