package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.DriftHistogram;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.LatencyHistogram;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.Ranking;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.NoiseSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One endpoint's counts, field statistics with a few samples each, and latencies per backend.
 *
 * <p>Noise is decided in two ways. Per exchange: a difference under an ignore rule, a volatile value, or one
 * the secondary shows in the same exchange is noise. Per field, across the run (Diffy's filter): with a
 * secondary, a field whose primary-vs-candidate differences do not clearly outnumber its primary-vs-secondary
 * differences is noise as a whole ({@link NoiseSettings} thresholds). Without a secondary, a field that
 * differs in every compared exchange is flagged as suspected noise but still counts: nothing is hidden
 * without a rule or evidence. The parity rate follows the per-field decision, from the set of fields each
 * exchange differed in (memory bounded by {@link #MAX_SIGNATURES}).
 */
public final class EndpointStats {

    /** Samples kept per field, the first ones and as many drawn at random from the rest (a reservoir). */
    static final int SAMPLES_PER_FIELD = 3;
    /** Distinct fields tracked per endpoint; beyond, differences are counted under {@link #OTHER_FIELDS}. */
    static final int MAX_FIELDS = 2_000;
    /** Where differences of fields beyond {@link #MAX_FIELDS} are counted (documents with generated keys). */
    static final String OTHER_FIELDS = "(other fields)";
    /** Distinct sets of differing fields remembered; beyond, an exchange counts as a regression (never as clean). */
    static final int MAX_SIGNATURES = 10_000;
    /** Below this many compared exchanges, "differs in every one" is no evidence of noise. */
    static final int SUSPECT_AFTER = 10;

    private final EndpointKey endpoint;
    private long exchanges;
    private long candidateErrors;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Long> reasons = new HashMap<>();
    private final Map<FieldKey, Field> fields = new LinkedHashMap<>();
    private final LatencyHistogram primaryLatency = new LatencyHistogram();
    private final LatencyHistogram candidateLatency = new LatencyHistogram();

    EndpointStats(EndpointKey endpoint, NoiseSettings noiseSettings, Redactor redactor) {
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.noiseSettings = noiseSettings;
    }

    /** A field as statistics group it: general path plus kind. */
    public record FieldKey(String path, DifferenceKind kind) {}

    /** One differing concrete value pair, with the exchange it came from. */
    public record Sample(long exchangeId, String path, JsonNode primary, JsonNode candidate) {}

    /**
     * @param count          compared exchanges in which primary and candidate differ here
     * @param noiseCount     how many of those are noise (all of them when the field is noise as a whole)
     * @param noiseReason    why, when any occurrence is noise
     * @param secondaryCount compared exchanges in which primary and secondary differ here
     * @param suspectedNoise no secondary, yet the field differs in every compared exchange: likely noise,
     *                       still counted until a rule or a secondary says so
     */
    /**
     * The candidate's drift at one field with a tolerance, over the values that differed there (byte-equal answers and
     * equal numbers add none): how many, the mean signed drift (a bias shows here even when each value is inside the
     * tolerance), the mean, 99th percentile and largest absolute drift, and the largest relative one.
     */
    public record DriftSnapshot(long values, double meanShift, double meanAbs, double p99Abs, double maxAbs,
                                double maxRelative, DriftHistogram histogram) {}

    /**
     * Signed drifts kept per field for the percentile and the histogram: a uniform sample once more arrive (Vitter's
     * algorithm R).
     */
    static final int DRIFT_SAMPLE = 1024;

    private static final class DriftStats {
        long values;
        double sum;
        double sumAbs;
        double maxAbs;
        double maxRelative;
        final double[] sample = new double[DRIFT_SAMPLE];

        void add(Drift d) {
            double signed = d.signedError();
            double abs = Math.abs(signed);
            if (values < DRIFT_SAMPLE) {
                sample[(int) values] = signed;
            } else {
                long slot = java.util.concurrent.ThreadLocalRandom.current().nextLong(values + 1);
                if (slot < DRIFT_SAMPLE) {
                    sample[(int) slot] = signed;
                }
            }
            values++;
            sum += d.signedError();
            sumAbs += abs;
            maxAbs = Math.max(maxAbs, abs);
            maxRelative = Math.max(maxRelative, d.relativeError());
        }

        double p99Abs() {
            int n = sampled();
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = Math.abs(sample[i]);
            }
            java.util.Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)];
        }

        int sampled() {
            return (int) Math.min(values, DRIFT_SAMPLE);
        }
    }

    private final Map<String, DriftStats> drifts = new HashMap<>();
    /** Per vector path, the cosine similarities of the vectors that differed, as drifts from 1. */
    private final Map<String, DriftStats> cosines = new HashMap<>();

    /**
     * The cosine similarity of the candidate's vectors to the primary's at one {@code vectors} path, over the vectors
     * that differed (those written alike add none): how many, the mean, the 1st percentile and the lowest, and their
     * histogram from the lowest to 1.
     */
    public record CosineSnapshot(long vectors, double mean, double p1, double min, DriftHistogram histogram) {}

    /**
     * The ranked lists at one {@code topK} path that disagreed, over a run: how many, and their Jaccard@k and Kendall
     * tau summed, and how many started with another result. Every other compared exchange's list agreed in full, so
     * the run's means are taken over the compared exchanges (one list per answer at the path, the usual case).
     */
    public record RankingSnapshot(long disagreed, double jaccardSum, double tauSum, long firstChanged) {

        /** The mean Jaccard@k over {@code compared} lists, those that agreed counting 1. */
        public double meanJaccard(long compared) {
            return compared == 0 ? 1 : (compared - disagreed + jaccardSum) / compared;
        }

        /** The mean Kendall tau over {@code compared} lists, those that agreed counting 1. */
        public double meanTau(long compared) {
            return compared == 0 ? 1 : (compared - disagreed + tauSum) / compared;
        }

        /** The share of {@code compared} answers whose first result is the same on both sides. */
        public double sameFirst(long compared) {
            return compared == 0 ? 1 : 1 - (double) firstChanged / compared;
        }
    }

    private static final class RankingStats {
        long disagreed;
        double jaccardSum;
        double tauSum;
        long firstChanged;
    }

    private final Map<String, RankingStats> rankings = new HashMap<>();
    /** The primary's answers by status class, 1xx to 5xx. */
    private final long[] primaryStatuses = new long[5];

    /** @param decisions for a {@code decision} field: how often each band pair was seen, {@code primary → candidate} */
    public record FieldSnapshot(FieldKey key, long count, long noiseCount, String noiseReason, List<Sample> samples,
                                long secondaryCount, boolean suspectedNoise, Map<String, Long> decisions) {
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
        /** Exchanges (not occurrences) in which primary and candidate differ here: what Diffy's filter weighs. */
        long exchanges;
        long secondary;
        String noiseReason;
        /** Band pairs of a decision field; the bands are the suite's, so few. */
        Map<String, Long> decisions;
        final List<Sample> first = new ArrayList<>(SAMPLES_PER_FIELD);
        final List<Sample> reservoir = new ArrayList<>(SAMPLES_PER_FIELD);
        long offeredToReservoir;

        /**
         * Keeps the first samples, then a uniform random choice among all later ones (Vitter's algorithm R). The
         * sample is made (its values redacted, a copy of any subtree) only when it is kept.
         */
        void sample(Supplier<Sample> s) {
            if (first.size() < SAMPLES_PER_FIELD) {
                first.add(s.get());
                return;
            }
            offeredToReservoir++;
            if (reservoir.size() < SAMPLES_PER_FIELD) {
                reservoir.add(s.get());
            } else {
                long slot = java.util.concurrent.ThreadLocalRandom.current().nextLong(offeredToReservoir);
                if (slot < SAMPLES_PER_FIELD) {
                    reservoir.set((int) slot, s.get());
                }
            }
        }

        List<Sample> samples() {
            List<Sample> all = new ArrayList<>(first);
            all.addAll(reservoir);
            return List.copyOf(all);
        }
    }

    /** The key a difference is counted under: its own, or the overflow once {@link #MAX_FIELDS} are tracked. */
    private FieldKey counted(FieldKey key) {
        return fields.containsKey(key) || fields.size() < MAX_FIELDS ? key : new FieldKey(OTHER_FIELDS, key.kind());
    }

    private Field field(FieldKey counted) {
        return fields.computeIfAbsent(counted, k -> new Field());
    }

    private final NoiseSettings noiseSettings;
    private final Redactor redactor;
    /** Compared exchanges that had a secondary's answer. */
    private long withSecondary;
    /** For each set of fields an exchange had real differences in, how many exchanges had that set. */
    private final Map<Set<FieldKey>, Long> regressionSignatures = new HashMap<>();
    private long beyondSignatures;

    /**
     * @param candidateErrors exchanges whose candidate timed out or failed (not dropped, not the primary's fault)
     * @param primaryStatuses the primary's answers by status class ({@code 2xx}, {@code 4xx}): which of an operation's
     *                        declared responses the run exercised
     * @param rankings        per {@code topK} path, the ranked lists that disagreed
     * @param cosine          per {@code vectors} path, the cosine similarity of the vectors that differed
     */
    public record Snapshot(EndpointKey endpoint, long exchanges, long compared, long withRegression, long candidateErrors,
                           Map<Outcome, Long> outcomes, Map<String, Long> reasons, List<FieldSnapshot> fields,
                           LatencyHistogram.Summary primaryLatency, LatencyHistogram.Summary candidateLatency,
                           Map<String, DriftSnapshot> drift, Map<String, Long> primaryStatuses,
                           Map<String, RankingSnapshot> rankings, Map<String, CosineSnapshot> cosine) {

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

    synchronized void record(ExchangeResult ce) {
        exchanges++;
        outcomes.merge(ce.outcome(), 1L, Long::sum);
        if (ce.reason() != null) {
            countReason(ce.outcome(), ce.reason());
        }
        if (ce.exchange().primary() instanceof BackendReply.Responded r) {
            primaryLatency.record(r.elapsed());
            int status = r.response().status();
            if (status >= 100 && status < 600) {
                primaryStatuses[status / 100 - 1]++;
            }
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
        for (Drift d : ce.drifts()) {
            String path = d.generalPath();
            Map<String, DriftStats> into = d.cosine() ? cosines : drifts;
            DriftStats st = into.get(path);
            if (st == null) {
                if (into.size() >= MAX_FIELDS) {
                    continue; // bounded like the fields
                }
                st = new DriftStats();
                into.put(path, st);
            }
            st.add(d);
        }
        for (Ranking r : ce.rankings()) {
            String path = r.generalPath();
            RankingStats st = rankings.get(path);
            if (st == null) {
                if (rankings.size() >= MAX_FIELDS) {
                    continue;
                }
                st = new RankingStats();
                rankings.put(path, st);
            }
            st.disagreed++;
            st.jaccardSum += r.jaccard();
            st.tauSum += r.tau();
            st.firstChanged += r.sameFirst() ? 0 : 1;
        }
        Set<FieldKey> realDifferences = new HashSet<>();
        Set<FieldKey> differing = new HashSet<>();
        for (Difference d : ce.differences()) {
            FieldKey key = counted(new FieldKey(d.generalPath(), d.kind()));
            Field f = field(key);
            f.count++;
            if (differing.add(key)) {
                f.exchanges++;
            }
            if (d.isNoise()) {
                f.noise++;
                if (f.noiseReason == null) {
                    f.noiseReason = d.noiseReason();
                }
            } else {
                realDifferences.add(key);
            }
            if (d.kind() == DifferenceKind.DECISION && d.primary() != null && d.candidate() != null) {
                if (f.decisions == null) {
                    f.decisions = new java.util.TreeMap<>();
                }
                f.decisions.merge(d.primary().path("band").asText() + " → " + d.candidate().path("band").asText(), 1L, Long::sum);
            }
            // Kept redacted: a sample reaches the verdict, the reports and /stats, and a missing object carries its subtree.
            f.sample(() -> new Sample(ce.exchange().id(), d.path(), redactor.valueAt(d.path(), d.primary()),
                    redactor.valueAt(d.path(), d.candidate())));
        }
        if (ce.exchange().secondary() instanceof BackendReply.Responded) {
            withSecondary++;
            Set<FieldKey> seen = new HashSet<>();
            for (Difference d : ce.secondaryDifferences()) {
                FieldKey key = counted(new FieldKey(d.generalPath(), d.kind()));
                if (seen.add(key)) {
                    field(key).secondary++;
                }
            }
        }
        if (!realDifferences.isEmpty()) {
            if (regressionSignatures.containsKey(realDifferences) || regressionSignatures.size() < MAX_SIGNATURES) {
                regressionSignatures.merge(Set.copyOf(realDifferences), 1L, Long::sum);
            } else {
                beyondSignatures++;
            }
        }
    }

    synchronized void recordSkipped(String reason) {
        exchanges++;
        outcomes.merge(Outcome.SKIPPED, 1L, Long::sum);
        countReason(Outcome.SKIPPED, reason);
    }

    /** Distinct reasons kept per endpoint; further ones are counted together, so a garbage-speaking backend adds one key. */
    static final int MAX_REASONS = 32;
    /** A reason longer than this is cut: a reason may quote what a backend sent. */
    static final int MAX_REASON_LENGTH = 160;

    private void countReason(Outcome outcome, String reason) {
        String key = outcome.label() + ": " + printable(reason);
        if (!reasons.containsKey(key) && reasons.size() >= MAX_REASONS) {
            key = outcome.label() + ": other reasons (beyond " + MAX_REASONS + " distinct ones)";
        }
        reasons.merge(key, 1L, Long::sum);
    }

    /** {@code reason} as one bounded line of printable characters (bytes a backend sent become '?'). */
    static String printable(String reason) {
        StringBuilder b = new StringBuilder(Math.min(reason.length(), MAX_REASON_LENGTH + 1));
        for (int i = 0; i < reason.length() && b.length() < MAX_REASON_LENGTH; i++) {
            char c = reason.charAt(i);
            b.append(c >= 0x20 && c < 0x7f || Character.isLetter(c) ? c : '?');
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            b.append('…');
        }
        return b.toString();
    }

    private Map<String, DriftSnapshot> driftSnapshot() {
        Map<String, DriftSnapshot> out = new java.util.TreeMap<>();
        drifts.forEach((path, st) -> out.put(path, new DriftSnapshot(st.values, st.sum / st.values, st.sumAbs / st.values,
                st.p99Abs(), st.maxAbs, st.maxRelative, DriftHistogram.of(st.sample, st.sampled()))));
        return java.util.Collections.unmodifiableMap(out);
    }

    private Map<String, CosineSnapshot> cosineSnapshot() {
        Map<String, CosineSnapshot> out = new java.util.TreeMap<>();
        cosines.forEach((path, st) -> {
            int n = st.sampled();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = 1 + st.sample[i]; // the sample holds cosine - 1
            }
            double min = 1 - st.maxAbs; // cosines are at most 1: the largest drift from 1 is the lowest
            out.put(path, new CosineSnapshot(st.values, 1 + st.sum / st.values, 1 - st.p99Abs(), min,
                    DriftHistogram.between(values, n, min, 1)));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private Map<String, RankingSnapshot> rankingSnapshot() {
        Map<String, RankingSnapshot> out = new java.util.TreeMap<>();
        rankings.forEach((path, st) -> out.put(path, new RankingSnapshot(st.disagreed, st.jaccardSum, st.tauSum, st.firstChanged)));
        return java.util.Collections.unmodifiableMap(out);
    }

    synchronized Snapshot snapshot() {
        long compared = outcomes.getOrDefault(Outcome.COMPARED, 0L);
        List<FieldSnapshot> fs = new ArrayList<>();
        Set<FieldKey> noiseByEvidence = new HashSet<>();
        for (Map.Entry<FieldKey, Field> e : fields.entrySet()) {
            Field f = e.getValue();
            if (f.count == 0) {
                continue; // differs only between the primaries: noise evidence, nothing to report
            }
            long noise = f.noise;
            String reason = f.noiseReason;
            String diffy = withSecondary == 0 ? null : diffyNoise(f, compared);
            if (diffy != null && f.noise < f.count) {
                noise = f.count;
                reason = diffy;
                noiseByEvidence.add(e.getKey());
            }
            boolean suspected = withSecondary == 0 && noise < f.count && compared >= SUSPECT_AFTER && f.exchanges == compared;
            fs.add(new FieldSnapshot(e.getKey(), f.count, noise, reason, f.samples(), f.secondary, suspected,
                    f.decisions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(f.decisions))));
        }
        long withRegression = beyondSignatures;
        for (Map.Entry<Set<FieldKey>, Long> sig : regressionSignatures.entrySet()) {
            if (!noiseByEvidence.containsAll(sig.getKey())) {
                withRegression += sig.getValue();
            }
        }
        return new Snapshot(endpoint, exchanges, compared, withRegression, candidateErrors,
                Map.copyOf(outcomes), Map.copyOf(reasons), List.copyOf(fs),
                primaryLatency.summary(), candidateLatency.summary(), driftSnapshot(), statusClasses(), rankingSnapshot(),
                cosineSnapshot());
    }

    private Map<String, Long> statusClasses() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < primaryStatuses.length; i++) {
            if (primaryStatuses[i] > 0) {
                out.put((i + 1) + "xx", primaryStatuses[i]);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Diffy's filter: the field is a regression only when primary-vs-candidate differences outnumber
     * primary-vs-secondary ones by more than the relative threshold (of their sum) and the absolute one (of
     * all compared exchanges), both in percent. Returns the reason it is noise, or {@code null}.
     */
    private String diffyNoise(Field f, long compared) {
        double raw = f.exchanges;
        double noise = f.secondary;
        double relative = Math.abs(raw - noise) / (raw + noise) * 100;
        double absolute = Math.abs(raw - noise) / Math.max(1, compared) * 100;
        boolean regression = raw > noise && relative > noiseSettings.relativeThreshold()
                && absolute > noiseSettings.absoluteThreshold();
        if (regression) {
            return null;
        }
        return String.format(java.util.Locale.ROOT,
                "differs between the primaries about as often (candidate %d, secondary %d of %d compared)",
                f.exchanges, f.secondary, compared);
    }
}
