package dev.shadowparity.core.config;

/**
 * Latency, error and throughput budgets, suite-wide or for one route. The gate applies {@code errorRate} to the
 * candidate's timeouts and failures in shadow traffic and the latency budgets at phases that ask for them;
 * {@code parity load} applies all of them to its Gatling runs.
 *
 * <p>A route's budgets override the suite's field by field ({@link #over}); a field left out inherits. The
 * accessors give the effective value: the ratio defaults to 1.10 and the error rate to 0.1%.
 *
 * @param p95Ms             candidate p95 at most this many milliseconds
 * @param p99Ms             candidate p99 at most this many milliseconds
 * @param candidateP95Ratio candidate p95 at most this multiple of the primary's
 * @param errorRate         share of candidate requests failed or answered 5xx, at most
 * @param mlMinRps          ML routes: candidate successful requests per second, at least
 * @param mlMinRpsRatio     ML routes: candidate successful requests per second, at least this share of the primary's
 * @param candidateRpsRatio any route (or all requests): candidate successful requests per second, at least this share of
 *                          the primary's at the same users ("throughput within 5%": 0.95)
 */
public record Budgets(Double p95Ms, Double p99Ms, Double candidateP95Ratio, Double errorRate, Double mlMinRps,
                      Double mlMinRpsRatio, Double candidateRpsRatio) {

    public static final double DEFAULT_P95_RATIO = 1.10;
    public static final double DEFAULT_ERROR_RATE = 0.001;
    public static final Budgets DEFAULT = new Budgets(null, null, null, null, null, null, null);

    public Budgets(Double p95Ms, Double p99Ms, Double candidateP95Ratio, Double errorRate, Double mlMinRps, Double mlMinRpsRatio) {
        this(p95Ms, p99Ms, candidateP95Ratio, errorRate, mlMinRps, mlMinRpsRatio, null);
    }

    public Budgets {
        positive("p95Ms", p95Ms);
        positive("p99Ms", p99Ms);
        positive("candidateP95Ratio", candidateP95Ratio);
        positive("mlMinRps", mlMinRps);
        positive("mlMinRpsRatio", mlMinRpsRatio);
        positive("candidateRpsRatio", candidateRpsRatio);
        if (errorRate != null && (errorRate < 0 || errorRate > 1)) {
            throw new IllegalArgumentException("errorRate is a share between 0 and 1 (0.001 = 0.1%), got " + errorRate);
        }
    }

    @Override
    public Double candidateP95Ratio() {
        return candidateP95Ratio == null ? DEFAULT_P95_RATIO : candidateP95Ratio;
    }

    @Override
    public Double errorRate() {
        return errorRate == null ? DEFAULT_ERROR_RATE : errorRate;
    }

    /** These budgets where set, the suite's {@code wide} ones elsewhere. */
    public Budgets over(Budgets wide) {
        return new Budgets(p95Ms != null ? p95Ms : wide.p95Ms, p99Ms != null ? p99Ms : wide.p99Ms,
                candidateP95Ratio != null ? candidateP95Ratio : wide.candidateP95Ratio,
                errorRate != null ? errorRate : wide.errorRate, mlMinRps != null ? mlMinRps : wide.mlMinRps,
                mlMinRpsRatio != null ? mlMinRpsRatio : wide.mlMinRpsRatio,
                candidateRpsRatio != null ? candidateRpsRatio : wide.candidateRpsRatio);
    }

    private static void positive(String name, Double value) {
        if (value != null && !(value > 0)) {
            throw new IllegalArgumentException(name + " must be above 0, got " + value);
        }
    }
}
