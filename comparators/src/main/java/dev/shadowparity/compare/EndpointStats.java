package dev.shadowparity.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.ComparedExchange;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.LatencyHistogram;
import dev.shadowparity.core.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One endpoint's counts, field statistics with a few samples each, and latencies per backend. */
public final class EndpointStats {

    /** Samples kept per field: enough to show a reviewer, few enough to bound memory. */
    static final int SAMPLES_PER_FIELD = 3;

    private final EndpointKey endpoint;
    private long exchanges;
    private long withRegression;
    private long candidateErrors;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Long> reasons = new HashMap<>();
    private final Map<FieldKey, Field> fields = new LinkedHashMap<>();
    private final LatencyHistogram primaryLatency = new LatencyHistogram();
    private final LatencyHistogram candidateLatency = new LatencyHistogram();

    EndpointStats(EndpointKey endpoint) {
        this.endpoint = endpoint;
    }

    /** A field as statistics group it: general path plus kind. */
    public record FieldKey(String path, DifferenceKind kind) {}

    /** One differing concrete value pair, with the exchange it came from. */
    public record Sample(long exchangeId, String path, JsonNode primary, JsonNode candidate) {}

    /** @param noiseReason the reason of the first noise occurrence, when any occurrence was noise */
    public record FieldSnapshot(FieldKey key, long count, long noiseCount, String noiseReason, List<Sample> samples) {
        public boolean isNoise() {
            return count == noiseCount;
        }

        public long regressions() {
            return count - noiseCount;
        }
    }

    private static final class Field {
        long count;
        long noise;
        String noiseReason;
        final List<Sample> samples = new ArrayList<>(SAMPLES_PER_FIELD);
    }

    /** @param candidateErrors exchanges whose candidate timed out or failed (not dropped, not the primary's fault) */
    public record Snapshot(EndpointKey endpoint, long exchanges, long compared, long withRegression, long candidateErrors,
                           Map<Outcome, Long> outcomes, Map<String, Long> reasons, List<FieldSnapshot> fields,
                           LatencyHistogram.Summary primaryLatency, LatencyHistogram.Summary candidateLatency) {

        /** Share of compared exchanges without a real (non-noise) difference; 1 when none were compared. */
        public double parityRate() {
            return compared == 0 ? 1.0 : (double) (compared - withRegression) / compared;
        }

        public List<FieldSnapshot> regressions() {
            return fields.stream().filter(f -> f.regressions() > 0)
                    .sorted(Comparator.comparingLong(FieldSnapshot::regressions).reversed()).toList();
        }

        public List<FieldSnapshot> noise() {
            return fields.stream().filter(f -> f.noiseCount() > 0)
                    .sorted(Comparator.comparingLong(FieldSnapshot::noiseCount).reversed()).toList();
        }
    }

    synchronized void record(ComparedExchange ce) {
        exchanges++;
        outcomes.merge(ce.outcome(), 1L, Long::sum);
        if (ce.reason() != null) {
            reasons.merge(ce.outcome().label() + ": " + ce.reason(), 1L, Long::sum);
        }
        if (ce.exchange().primary() instanceof BackendReply.Responded r) {
            primaryLatency.record(r.elapsed());
        }
        if (ce.exchange().candidate() instanceof BackendReply.Responded r) {
            candidateLatency.record(r.elapsed());
        } else if (ce.exchange().candidate() instanceof BackendReply.NoResponse n
                && (n.outcome() == Outcome.TIMEOUT || n.outcome() == Outcome.FAILED)) {
            candidateErrors++;
        }
        if (ce.outcome() != Outcome.COMPARED) {
            return;
        }
        if (ce.hasRegression()) {
            withRegression++;
        }
        for (Difference d : ce.differences()) {
            Field f = fields.computeIfAbsent(new FieldKey(d.generalPath(), d.kind()), k -> new Field());
            f.count++;
            if (d.isNoise()) {
                f.noise++;
                if (f.noiseReason == null) {
                    f.noiseReason = d.noise();
                }
            }
            if (f.samples.size() < SAMPLES_PER_FIELD) {
                f.samples.add(new Sample(ce.exchange().id(), d.path(), d.primary(), d.candidate()));
            }
        }
    }

    synchronized void recordSkipped(String reason) {
        exchanges++;
        outcomes.merge(Outcome.SKIPPED, 1L, Long::sum);
        reasons.merge(Outcome.SKIPPED.label() + ": " + reason, 1L, Long::sum);
    }

    synchronized Snapshot snapshot() {
        List<FieldSnapshot> fs = new ArrayList<>();
        fields.forEach((k, f) -> fs.add(new FieldSnapshot(k, f.count, f.noise, f.noiseReason, List.copyOf(f.samples))));
        return new Snapshot(endpoint, exchanges, outcomes.getOrDefault(Outcome.COMPARED, 0L), withRegression, candidateErrors,
                Map.copyOf(outcomes), Map.copyOf(reasons), List.copyOf(fs),
                primaryLatency.summary(), candidateLatency.summary());
    }
}
