package dev.shadowparity.core.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run must reach to promote: the share of compared exchanges without a real difference, per
 * endpoint ({@code minParity}); at most {@code maxNotCompared} of all exchanges left uncompared, for any reason
 * (the primary, the candidate, drops, the capture limit), and at least one compared on every endpoint that had
 * any; and per rollout phase the stricter or looser policy a staged rollout uses ({@code phases}, keyed by the
 * traffic percentage being moved to).
 */
public record GateSettings(Double minParity, Map<String, PhaseSettings> phases, Double maxNotCompared) {

    /**
     * A canary (10%) tolerates a little more; from 25% on the suite's thresholds apply; 100% also needs the
     * latency budgets. {@code null} fields are filled from the suite by {@link #phases(Budgets)}.
     */
    static final Map<String, PhaseSettings> DEFAULT_PHASES = Map.of(
            "10", new PhaseSettings(0.99, 0.01, false),
            "25", new PhaseSettings(null, null, false),
            "50", new PhaseSettings(null, null, false),
            "100", new PhaseSettings(null, null, true));

    /** Declared after {@link #DEFAULT_PHASES}, which its constructor reads. */
    public static final GateSettings DEFAULT = new GateSettings(null, null, null);

    /** What a run may leave uncompared and still promote, unless the suite says otherwise. */
    public static final double DEFAULT_MAX_NOT_COMPARED = 0.01;

    public GateSettings {
        minParity = minParity == null ? 0.999 : minParity;
        if (minParity < 0 || minParity > 1) {
            throw new IllegalArgumentException("minParity is a fraction within 0-1, got " + minParity);
        }
        Map<String, PhaseSettings> merged = new TreeMap<>(GateSettings::byPercent);
        merged.putAll(DEFAULT_PHASES);
        if (phases != null) {
            phases.forEach((k, v) -> {
                if (!k.matches("\\d{1,3}") || Integer.parseInt(k) < 1 || Integer.parseInt(k) > 100) {
                    throw new IllegalArgumentException("phases are traffic percentages 1-100, got '" + k + "'");
                }
                merged.put(Integer.toString(Integer.parseInt(k)), v == null ? new PhaseSettings(null, null, null) : v);
            });
        }
        phases = java.util.Collections.unmodifiableMap(merged);
        maxNotCompared = maxNotCompared == null ? DEFAULT_MAX_NOT_COMPARED : maxNotCompared;
        if (maxNotCompared < 0 || maxNotCompared > 1) {
            throw new IllegalArgumentException("maxNotCompared is a fraction within 0-1, got " + maxNotCompared);
        }
    }

    public GateSettings(Double minParity, Map<String, PhaseSettings> phases) {
        this(minParity, phases, null);
    }

    /** Every phase with nothing left unset, in percentage order. */
    public Map<String, PhaseSettings> phases(Budgets budgets) {
        PhaseSettings base = new PhaseSettings(minParity, budgets.errorRate(), false);
        Map<String, PhaseSettings> resolved = new TreeMap<>(GateSettings::byPercent);
        phases.forEach((k, v) -> resolved.put(k, v.over(base)));
        return resolved;
    }

    private static int byPercent(String a, String b) {
        return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
}
