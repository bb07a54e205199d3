package dev.shadowparity.comparators;

import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.NoiseSettings;
import dev.shadowparity.core.config.RedactionSettings;
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
    private final Redactor redactor;

    /** A ledger with Diffy's default thresholds and the default redaction. */
    public Ledger() {
        this(NoiseSettings.DEFAULT);
    }

    /** @param noise the thresholds of the per-field noise filter (the suite's {@code noise}); default redaction */
    public Ledger(NoiseSettings noise) {
        this(noise, new Redactor(RedactionSettings.DEFAULT));
    }

    /**
     * @param redactor masks the values of sample differences at secret paths as they are kept, so no snapshot (the
     *                 gate's verdict, the admin endpoints) ever holds them
     */
    public Ledger(NoiseSettings noise, Redactor redactor) {
        this.noise = noise;
        this.redactor = redactor;
    }

    public void record(ExchangeResult ce) {
        stats(ce.exchange().endpoint()).record(ce);
    }

    /**
     * Endpoints kept apart; requests beyond are counted under {@link #OTHER_ENDPOINTS}. Declared routes group any path,
     * but a scanner's random paths (or methods) outside them would otherwise grow the ledger, {@code /metrics} and
     * {@code /stats} without bound.
     */
    static final int MAX_ENDPOINTS = 1000;
    public static final EndpointKey OTHER_ENDPOINTS = new EndpointKey("*", "(endpoints beyond the first " + MAX_ENDPOINTS + ")");

    private EndpointStats stats(EndpointKey endpoint) {
        EndpointStats s = endpoints.get(endpoint);
        if (s != null) {
            return s;
        }
        EndpointKey key = endpoints.size() >= MAX_ENDPOINTS ? OTHER_ENDPOINTS : endpoint;
        return endpoints.computeIfAbsent(key, e -> new EndpointStats(e, noise, redactor));
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
