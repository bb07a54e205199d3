package dev.shadowparity.core.config;

/**
 * What a run must show before traffic moves to one rollout phase ({@code parity gate --phase N}). Unset
 * fields take the suite's {@code gate.minParity} and {@code budgets.errorRate}; {@code latency} adds the
 * latency budgets (candidate p95 against the primary's, and {@code budgets.p95Ms} when set).
 */
public record PhaseSettings(Double minParity, Double maxErrorRate, Boolean latency) {

    public PhaseSettings {
        if (minParity != null && (minParity < 0 || minParity > 1)) {
            throw new IllegalArgumentException("minParity is a fraction within 0-1, got " + minParity);
        }
        if (maxErrorRate != null && (maxErrorRate < 0 || maxErrorRate > 1)) {
            throw new IllegalArgumentException("maxErrorRate is a fraction within 0-1, got " + maxErrorRate);
        }
    }

    /** This phase's settings with every unset field taken from {@code base}. */
    PhaseSettings over(PhaseSettings base) {
        return new PhaseSettings(minParity != null ? minParity : base.minParity,
                maxErrorRate != null ? maxErrorRate : base.maxErrorRate, latency != null ? latency : base.latency);
    }
}
