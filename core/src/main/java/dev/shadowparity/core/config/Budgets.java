package dev.shadowparity.core.config;

/**
 * Latency, error and throughput budgets. The gate applies {@code errorRate} to the candidate's timeouts and
 * failures; the latency and throughput budgets are parsed for the load scenarios, which evaluate them.
 */
public record Budgets(Double p95Ms, Double candidateP95Ratio, Double errorRate, Double mlMinRps) {

    public static final Budgets DEFAULT = new Budgets(null, null, null, null);

    public Budgets {
        candidateP95Ratio = candidateP95Ratio == null ? 1.10 : candidateP95Ratio;
        errorRate = errorRate == null ? 0.001 : errorRate;
    }
}
