package dev.shadowparity.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.DriftHistogram;
import dev.shadowparity.core.LatencyHistogram;
import dev.shadowparity.core.config.GateSettings;
import dev.shadowparity.core.config.PhaseSettings;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable outcome of a run, written as {@code verdict.json} and read by {@code parity gate}.
 * Bump {@link #SCHEMA_VERSION} on any incompatible change; README documents the schema.
 *
 * @param verdict {@code promote}, {@code hold} or {@code invalid} (nothing compared)
 * @param phase the rollout phase the checks were evaluated for ({@code parity gate --phase}); {@code null}
 *              for the suite's own thresholds, as written at the end of a run
 * @param policy the thresholds of the run and of every phase, so {@code parity gate} needs no suite file
 * @param environment backends, versions, sampling and thresholds of the run, as shown in the report
 */
public record Verdict(int schemaVersion, String suite, String verdict, String phase, Totals totals,
                      List<EndpointVerdict> endpoints, List<Check> checks, Policy policy,
                      Map<String, String> environment,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Contract contract) {

    public Verdict(int schemaVersion, String suite, String verdict, String phase, Totals totals,
                   List<EndpointVerdict> endpoints, List<Check> checks, Policy policy, Map<String, String> environment) {
        this(schemaVersion, suite, verdict, phase, totals, endpoints, checks, policy, environment, null);
    }

    /**
     * The same verdict with each regression marked {@code newSinceLastRun}: {@code true} where the previous run of the
     * suite had no regression at that endpoint, path and kind. {@code previous} is that run's verdict.
     */
    public Verdict sinceLastRun(Verdict previous) {
        java.util.Set<String> before = new java.util.HashSet<>();
        for (EndpointVerdict e : previous.endpoints()) {
            for (FieldCount f : e.regressions()) {
                before.add(e.endpoint() + " " + f.path() + " " + f.kind());
            }
        }
        List<EndpointVerdict> marked = endpoints.stream().map(e -> new EndpointVerdict(e.endpoint(), e.requests(), e.compared(),
                e.candidateErrors(), e.dropped(), e.parityRate(), e.regressions().stream()
                .map(f -> f.markedNew(!before.contains(e.endpoint() + " " + f.path() + " " + f.kind()))).toList(), e.noise(),
                e.primaryLatency(), e.candidateLatency(), e.drift(), e.primaryStatuses(), e.rankings(), e.cosine())).toList();
        return new Verdict(schemaVersion, suite, verdict, phase, totals, marked, checks, policy, environment, contract);
    }

    /** The same verdict with its contract section. */
    public Verdict withContract(Contract c) {
        return new Verdict(schemaVersion, suite, verdict, phase, totals, endpoints, checks, policy, environment, c);
    }

    /**
     * How the run measured up to the suite's OpenAPI contract.
     *
     * @param spec          the spec file
     * @param operations    how many operations it has
     * @param unexercised   its operations no request reached, as routes ({@code POST /pets})
     * @param unseenResponses the status classes an operation declares that the primary never answered with
     *                      ({@code GET /pets/{petId} 4xx}), on the operations the run reached
     * @param notInContract requests the spec has no operation for, by endpoint
     * @param regressions   answers of the candidate breaking the contract where the primary keeps it
     * @param preExisting   contract breaches both sides share: not regressions, but issues of the old backend too
     */
    public record Contract(String spec, int operations, List<String> unexercised, List<String> unseenResponses,
                           Map<String, Long> notInContract, long regressions, long preExisting) {}

    public static final int SCHEMA_VERSION = 1;
    public static final String PROMOTE = "promote";
    public static final String HOLD = "hold";
    /** A run that compared nothing: no evidence either way. Written all the same, so a reviewer sees why. */
    public static final String INVALID = "invalid";

    public boolean promotes() {
        return PROMOTE.equals(verdict);
    }

    public boolean invalid() {
        return INVALID.equals(verdict);
    }

    /** @param notCompared exchanges that were not compared, by outcome and reason */
    public record Totals(long exchanges, long compared, long withRegression, Map<String, Long> notCompared) {}

    /**
     * @param candidateErrors exchanges whose candidate timed out or failed (the primary's failures are not counted)
     * @param primaryLatency  the primary's latencies as the proxy or replay measured them
     * @param candidateLatency the candidate's latencies for the same requests
     */
    public record EndpointVerdict(String endpoint, long requests, long compared, long candidateErrors,
                                  Map<String, Long> dropped, double parityRate, List<FieldCount> regressions,
                                  List<FieldCount> noise, LatencyHistogram.Summary primaryLatency,
                                  LatencyHistogram.Summary candidateLatency,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Drift> drift,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> primaryStatuses,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Ranking> rankings,
                                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Cosine> cosine) {
        public EndpointVerdict {
            drift = drift == null ? Map.of() : drift;
            primaryStatuses = primaryStatuses == null ? Map.of() : primaryStatuses;
            rankings = rankings == null ? Map.of() : rankings;
            cosine = cosine == null ? Map.of() : cosine;
        }

        public EndpointVerdict(String endpoint, long requests, long compared, long candidateErrors, Map<String, Long> dropped,
                               double parityRate, List<FieldCount> regressions, List<FieldCount> noise,
                               LatencyHistogram.Summary primaryLatency, LatencyHistogram.Summary candidateLatency,
                               Map<String, Drift> drift, Map<String, Long> primaryStatuses) {
            this(endpoint, requests, compared, candidateErrors, dropped, parityRate, regressions, noise, primaryLatency,
                    candidateLatency, drift, primaryStatuses, Map.of(), Map.of());
        }
    }

    /**
     * How a route's ranked lists ({@code topK}) agreed over the compared exchanges: how many lists differed, the mean
     * Jaccard@k of their first {@code k} labels, the mean Kendall tau of the ranks of the labels both name, and the
     * share of answers with the same first result (a list that agreed counts 1 in each).
     */
    public record Ranking(long lists, long disagreed, double meanJaccard, double meanTau, double sameFirst) {}

    /**
     * How alike a route's vectors are ({@code vectors} rules): over the vectors that differed (those written alike add
     * none), the mean cosine similarity to the primary's, the 1st percentile, the lowest, and their histogram.
     */
    public record Cosine(long vectors, double mean, double p1, double min, DriftHistogram histogram) {

        /** A cosine as six decimals, or as its distance from 1 where six decimals would read 1.000000. */
        public static String text(double cosine) {
            double gap = 1 - cosine;
            if (gap >= 1e-4) {
                return String.format(java.util.Locale.ROOT, "%.6f", cosine);
            }
            return gap <= 0 ? "1" : String.format(java.util.Locale.ROOT, "1 - %.2g", gap);
        }
    }

    /**
     * The candidate's drift at a field with a tolerance, over the values that differed: the mean signed drift, the mean,
     * 99th percentile and largest absolute drift, and the largest relative one (a fraction of the primary's value);
     * the histogram of the signed drift ({@code null} in a verdict written before it existed).
     */
    public record Drift(long values, double meanShift, double meanAbs, double p99Abs, double maxAbs, double maxRelative,
                        @JsonInclude(JsonInclude.Include.NON_NULL) DriftHistogram histogram) {}

    /**
     * @param p95Ms      absolute limit on the candidate's p95 per endpoint, when the suite sets one
     * @param p95Ratio   limit on candidate p95 / primary p95 per endpoint
     * @param phases     per rollout phase: minimum parity, maximum error rate, whether latency budgets apply
     * @param maxNotCompared the share of exchanges a run may leave uncompared ({@code null} in a verdict written
     *                   before the check existed: then the default, 1%)
     */
    public record Policy(double minParity, double maxErrorRate, Double p95Ms, double p95Ratio,
                         Map<String, PhaseSettings> phases, Double maxNotCompared) {

        public Policy {
            maxNotCompared = maxNotCompared == null ? GateSettings.DEFAULT_MAX_NOT_COMPARED : maxNotCompared;
        }
    }

    /**
     * A differing field; {@code example} holds one sample's values and exchange id. {@code decisions}, for a field
     * the route judges by thresholds, counts each flip as {@code primary band → candidate band}.
     */
    public record FieldCount(String path, String kind, long count, String reason, JsonNode example,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                             Map<String, Long> decisions,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean newSinceLastRun) {
        public FieldCount {
            decisions = decisions == null ? Map.of() : decisions;
        }

        public FieldCount(String path, String kind, long count, String reason, JsonNode example, Map<String, Long> decisions) {
            this(path, kind, count, reason, example, decisions, null);
        }

        FieldCount markedNew(boolean isNew) {
            return new FieldCount(path, kind, count, reason, example, decisions, isNew);
        }

        /** {@code $.v value (3)}, a decision field with its flips: {@code $.d decision (2: confident → uncertain 2)}. */
        public String describe() {
            return path + " " + kind + " (" + count + (decisions.isEmpty() ? "" : ": " + flips()) + ")";
        }

        /** The flips of a decision field, {@code confident → uncertain 2, none → confident 1}; empty for others. */
        public String flips() {
            return String.join(", ", decisions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
    }

    /** The parity check of {@code endpoint}; every endpoint the run saw has one, failed when nothing of it was compared. */
    public java.util.Optional<Check> parityCheckOf(String endpoint) {
        return checks.stream().filter(c -> endpoint.equals(c.endpoint())).findFirst();
    }

    /**
     * One gate check: {@code passed} when {@code actual} meets {@code threshold}.
     *
     * @param source   {@code null} for checks of the compared traffic; {@link #LOAD} for the budgets of a
     *                 {@code parity load} run, which hold at every phase
     * @param endpoint for the parity check of an endpoint, that endpoint (as in {@link EndpointVerdict#endpoint});
     *                 renderers find an endpoint's check by it, never by the check's name
     */
    public record Check(String name, String threshold, String actual, boolean passed,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String source,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String endpoint) {

        public static final String LOAD = "load";
        /** A bias check: judged once, on the run's drift, and held at every phase like the load's budgets. */
        public static final String BIAS = "bias";
        /** A label agreement check: judged once, on the run's flips, and held at every phase like bias. */
        public static final String AGREEMENT = "agreement";
        /** A ranked-list check: judged once, on the run's ranked lists, and held at every phase like agreement. */
        public static final String RANKING = "ranking";
        /** A cosine check: judged once, on the run's vectors, and held at every phase like the ranked lists. */
        public static final String COSINE = "cosine";

        public Check(String name, String threshold, String actual, boolean passed) {
            this(name, threshold, actual, passed, null, null);
        }

        public Check(String name, String threshold, String actual, boolean passed, String source) {
            this(name, threshold, actual, passed, source, null);
        }

        /** The check that {@code endpoint}'s parity meets the threshold. */
        public static Check parity(String endpoint, String threshold, String actual, boolean passed) {
            return new Check("parity " + endpoint, threshold, actual, passed, null, endpoint);
        }

        public boolean fromLoad() {
            return LOAD.equals(source);
        }

        /** Checks that hold whatever the phase: a load's budgets and the model checks. */
        public boolean phaseIndependent() {
            return LOAD.equals(source) || modelCheck();
        }

        /** A check of a model's figures over the run (bias, label agreement, ranked lists, cosine): its figures are the evidence. */
        public boolean modelCheck() {
            return BIAS.equals(source) || AGREEMENT.equals(source) || RANKING.equals(source) || COSINE.equals(source);
        }
    }
}
