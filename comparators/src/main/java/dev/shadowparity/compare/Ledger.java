package dev.shadowparity.compare;

import dev.shadowparity.core.ComparedExchange;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.config.NoiseSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statistics of a run, per endpoint and per field. Every exchange recorded is counted under its outcome,
 * so the ledger accounts for every mirrored request. Thread-safe; {@link #snapshot()} is consistent per endpoint.
 */
public final class Ledger {

    private final Map<EndpointKey, EndpointStats> endpoints = new ConcurrentHashMap<>();
    private final NoiseSettings noise;

    /** A ledger with Diffy's default thresholds. */
    public Ledger() {
        this(NoiseSettings.DEFAULT);
    }

    /** @param noise the thresholds of the per-field noise filter (the suite's {@code noise}) */
    public Ledger(NoiseSettings noise) {
        this.noise = noise;
    }

    public void record(ComparedExchange ce) {
        stats(ce.exchange().endpoint()).record(ce);
    }

    private EndpointStats stats(EndpointKey endpoint) {
        return endpoints.computeIfAbsent(endpoint, e -> new EndpointStats(e, noise));
    }

    /**
     * Counts a request that qualified for mirroring but was not mirrored (e.g. a body over the capture
     * limit): it has no exchange record, yet the ledger still accounts for it with its reason.
     */
    public void recordSkipped(EndpointKey endpoint, String reason) {
        stats(endpoint).recordSkipped(reason);
    }

    /** Endpoints sorted by route then method. */
    public List<EndpointStats.Snapshot> snapshot() {
        return endpoints.values().stream().map(EndpointStats::snapshot)
                .sorted((a, b) -> a.endpoint().compareTo(b.endpoint())).toList();
    }

    public long exchanges() {
        return snapshot().stream().mapToLong(EndpointStats.Snapshot::exchanges).sum();
    }
}
