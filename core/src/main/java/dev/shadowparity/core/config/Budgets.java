package dev.shadowparity.core.config;

/** Latency, error and throughput budgets; see the load module for how they are measured. */
public record Budgets(Double p95Ms, Double candidateP95Ratio, Double errorRate, Double mlMinRps) {

    public static final Budgets DEFAULT = new Budgets(null, null, null, null);

    public Budgets {
        candidateP95Ratio = candidateP95Ratio == null ? 1.10 : candidateP95Ratio;
        errorRate = errorRate == null ? 0.001 : errorRate;
    }
}
