package dev.shadowparity.gate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.core.LatencyHistogram;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RouteTemplate;
import dev.shadowparity.core.config.Budgets;
import dev.shadowparity.core.config.GateSettings;
import dev.shadowparity.core.config.PhaseSettings;
import dev.shadowparity.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a run's ledger snapshots into a verdict: promote only when every endpoint meets the parity threshold, the
 * candidate's error rate is within budget, every endpoint the suite lists was exercised, and every check handed to
 * it as data (a load run's budgets) passed. The same verdict can be judged again for a rollout phase
 * ({@link #atPhase}), whose policy may add latency budgets. The gate decides and renders nothing: the reports are
 * drawn from its verdict, and sample values arrive already redacted from the ledger.
 */
public final class Gate {

    private final GateSetup setup;

    public Gate(GateSetup setup) {
        this.setup = setup;
    }

    /** Thrown when the run cannot be judged at all (nothing was compared); the gate's exit code is 2. */
    public static final class InvalidRunException extends ParityException {
        private static final long serialVersionUID = 1L;

        public InvalidRunException(String message) {
            super(message);
        }
    }

    public Verdict evaluate(List<EndpointStats.Snapshot> endpoints) {
        return evaluate(endpoints, Map.of());
    }

    /** @param environment what the report shows of the run's setting (see {@link RunEnvironment}) */
    public Verdict evaluate(List<EndpointStats.Snapshot> endpoints, Map<String, String> environment) {
        long exchanges = endpoints.stream().mapToLong(EndpointStats.Snapshot::exchanges).sum();
        long compared = endpoints.stream().mapToLong(EndpointStats.Snapshot::compared).sum();
        if (compared == 0) {
            Map<String, Long> why = reasons(endpoints);
            throw new InvalidRunException(exchanges == 0
                    ? "no exchange was recorded: no request reached the proxy or none was mirrored"
                    : "none of " + exchanges + " exchanges could be compared: " + why);
        }
        List<Verdict.EndpointVerdict> perEndpoint = endpoints.stream().map(Gate::endpointVerdict).toList();
        Verdict.Check coverage = coverage(endpoints.stream().filter(s -> s.compared() > 0)
                .map(s -> s.endpoint().toString()).collect(Collectors.toSet()));
        Verdict.Policy policy = policy();
        PhaseSettings own = new PhaseSettings(policy.minParity(), policy.maxErrorRate(), false);
        List<Verdict.Check> judgedOnce = new ArrayList<>(biasChecks(perEndpoint));
        judgedOnce.addAll(agreementChecks(perEndpoint));
        judgedOnce.addAll(rankingChecks(perEndpoint));
        judgedOnce.addAll(cosineChecks(perEndpoint));
        List<Verdict.Check> checks = checks(perEndpoint, coverage, own, policy, judgedOnce);
        long withRegression = endpoints.stream().mapToLong(EndpointStats.Snapshot::withRegression).sum();
        return new Verdict(Verdict.SCHEMA_VERSION, setup.suite(), decide(checks), null,
                new Verdict.Totals(exchanges, compared, withRegression, reasons(endpoints)), perEndpoint, checks,
                policy, environment, contract(perEndpoint));
    }

    /**
     * The verdict of a run the gate cannot judge ({@link #evaluate} threw {@link InvalidRunException}): {@code invalid},
     * with every endpoint's counts and reasons and one failed check saying why, so the run folder and its report
     * show what happened. The exit code stays 2.
     */
    public Verdict invalid(List<EndpointStats.Snapshot> endpoints, String why, Map<String, String> environment) {
        long exchanges = endpoints.stream().mapToLong(EndpointStats.Snapshot::exchanges).sum();
        List<Verdict.EndpointVerdict> perEndpoint = endpoints.stream().map(Gate::endpointVerdict).toList();
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : perEndpoint) {
            checks.add(nothingCompared(e, "at least one exchange compared"));
        }
        checks.add(new Verdict.Check(COMPARED, "at least one exchange compared", why, false));
        return new Verdict(Verdict.SCHEMA_VERSION, setup.suite(), Verdict.INVALID, null,
                new Verdict.Totals(exchanges, 0, 0, reasons(endpoints)), perEndpoint, checks, policy(), environment,
                contract(perEndpoint));
    }

    /**
     * The verdict of a run that only loaded the backends ({@code parity load} into a fresh folder): the load's
     * checks, handed over as data, and coverage by the endpoints the load reached.
     *
     * @param loadChecks checks of source {@link Verdict.Check#LOAD}
     * @param reached    the endpoints the load sent requests to, e.g. {@code GET /api/students/{id}}
     */
    public Verdict loadOnly(List<Verdict.Check> loadChecks, Set<String> reached, Map<String, String> environment) {
        List<Verdict.Check> checks = new ArrayList<>();
        checks.add(coverage(reached));
        checks.addAll(requireLoad(loadChecks));
        return new Verdict(Verdict.SCHEMA_VERSION, setup.suite(), decide(checks), null,
                new Verdict.Totals(0, 0, 0, Map.of()), List.of(), checks, policy(), environment);
    }

    /** {@code v} with a load run's checks, replacing those of an earlier load run into the same folder. */
    public static Verdict withLoad(Verdict v, List<Verdict.Check> loadChecks) {
        List<Verdict.Check> checks = new ArrayList<>(v.checks().stream().filter(c -> !c.fromLoad()).toList());
        checks.addAll(requireLoad(loadChecks));
        return new Verdict(v.schemaVersion(), v.suite(), decide(checks), v.phase(), v.totals(), v.endpoints(), checks,
                v.policy(), v.environment(), v.contract());
    }

    private static List<Verdict.Check> requireLoad(List<Verdict.Check> checks) {
        for (Verdict.Check c : checks) {
            if (!c.fromLoad()) {
                throw new IllegalArgumentException("not a load check: " + c.name());
            }
        }
        return checks;
    }

    private Verdict.Check coverage(Set<String> seen) {
        List<String> unexercised = unexercised(seen);
        GateSetup.Contract contract = setup.contract();
        if (contract == null) {
            return new Verdict.Check(COVERAGE, "every suite route exercised",
                    unexercised.isEmpty() ? "all " + setup.routes().size() + " routes seen" : "never seen: " + String.join(", ", unexercised),
                    unexercised.isEmpty());
        }
        long missedOperations = unexercised.stream().filter(contract.operations()::containsKey).count();
        int others = setup.routes().size() - contract.operations().size();
        String seenText = (contract.operations().size() - missedOperations) + " of " + contract.operations().size()
                + " operations" + (others > 0 ? " and " + (others - (unexercised.size() - missedOperations)) + " of " + others
                + " other routes" : "") + " seen";
        return new Verdict.Check(COVERAGE, "every operation of " + contract.spec() + (others > 0 ? " and every suite route" : "")
                + " exercised", unexercised.isEmpty() ? seenText : seenText + "; never seen: " + String.join(", ", unexercised),
                unexercised.isEmpty());
    }

    /** The contract section of a verdict over these endpoints; {@code null} without a contract. */
    private Verdict.Contract contract(List<Verdict.EndpointVerdict> endpoints) {
        GateSetup.Contract contract = setup.contract();
        if (contract == null) {
            return null;
        }
        Map<String, Verdict.EndpointVerdict> byEndpoint = new java.util.HashMap<>();
        endpoints.forEach(e -> byEndpoint.put(e.endpoint(), e));
        List<String> unexercised = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        contract.operations().forEach((route, classes) -> {
            Verdict.EndpointVerdict e = byEndpoint.get(route);
            if (e == null || e.requests() == 0) {
                unexercised.add(route);
                return;
            }
            for (String c : classes) {
                if (!e.primaryStatuses().containsKey(c)) {
                    unseen.add(route + " " + c);
                }
            }
        });
        Map<String, Long> notInContract = new TreeMap<>();
        long regressions = 0;
        long preExisting = 0;
        for (Verdict.EndpointVerdict e : endpoints) {
            if (!contract.operations().containsKey(e.endpoint())) {
                notInContract.put(e.endpoint(), e.requests());
            }
            regressions += e.regressions().stream().filter(f -> f.kind().equals(CONTRACT)).mapToLong(Verdict.FieldCount::count).sum();
            preExisting += e.noise().stream().filter(f -> f.kind().equals(CONTRACT) && f.reason() != null
                    && f.reason().startsWith("pre-existing")).mapToLong(Verdict.FieldCount::count).sum();
        }
        return new Verdict.Contract(contract.spec(), contract.operations().size(), unexercised, unseen, notInContract,
                regressions, preExisting);
    }

    private static final String CONTRACT = dev.shadowparity.core.DifferenceKind.CONTRACT.label();

    private Verdict.Policy policy() {
        GateSettings gate = setup.gate();
        Budgets budgets = setup.budgets();
        return new Verdict.Policy(gate.minParity(), budgets.errorRate(), budgets.p95Ms(), budgets.candidateP95Ratio(),
                gate.phases(budgets), gate.maxNotCompared());
    }

    /** Thrown for a phase the verdict's policy does not define; the gate's exit code is 2. */
    public static final class UnknownPhaseException extends ParityException {
        private static final long serialVersionUID = 1L;

        UnknownPhaseException(String message) {
            super(message);
        }
    }

    /**
     * The same run judged for moving traffic to {@code phase} percent: that phase's thresholds replace the
     * run's own, and its latency budgets apply when it asks for them. Coverage and the budgets of a load run
     * are carried over as they were.
     */
    public static Verdict atPhase(Verdict v, String phase) {
        if (v.invalid()) {
            return v; // nothing was compared: no phase can be judged on it
        }
        PhaseSettings p = v.policy().phases().get(phase);
        if (p == null) {
            throw new UnknownPhaseException("phase " + phase + " is not defined; the suite defines phases "
                    + String.join(", ", v.policy().phases().keySet()) + " (gate.phases)");
        }
        Verdict.Check coverage = v.checks().stream().filter(c -> c.name().equals(COVERAGE)).findFirst()
                .orElseThrow(() -> new UnknownPhaseException("the verdict has no coverage check"));
        List<Verdict.Check> checks = checks(v.endpoints(), coverage, p, v.policy(),
                v.checks().stream().filter(Verdict.Check::phaseIndependent).toList());
        return new Verdict(v.schemaVersion(), v.suite(), decide(checks), phase, v.totals(), v.endpoints(), checks,
                v.policy(), v.environment(), v.contract());
    }

    static final String COVERAGE = "coverage";
    static final String COMPARED = "compared exchanges";

    /** The failed parity check of an endpoint that was seen and never compared, with why: a few reasons, most frequent first. */
    private static Verdict.Check nothingCompared(Verdict.EndpointVerdict e, String threshold) {
        String reasons = e.dropped().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(r -> r.getKey() + " (" + r.getValue() + ")").collect(Collectors.joining("; "));
        return Verdict.Check.parity(e.endpoint(), threshold, "nothing compared of " + e.requests() + ": " + reasons, false);
    }

    private static List<Verdict.Check> checks(List<Verdict.EndpointVerdict> endpoints, Verdict.Check coverage,
                                              PhaseSettings t, Verdict.Policy policy, List<Verdict.Check> load) {
        List<Verdict.Check> checks = new ArrayList<>();
        long candidateErrors = 0;
        long exchanges = 0;
        long notCompared = 0;
        List<String> uncompared = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            candidateErrors += e.candidateErrors();
            exchanges += e.requests();
            notCompared += e.requests() - e.compared();
            if (e.requests() > e.compared()) {
                uncompared.add(e.endpoint() + " " + (e.requests() - e.compared()));
            }
            if (e.compared() > 0) {
                checks.add(Verdict.Check.parity(e.endpoint(), ">= " + percent(t.minParity()),
                        percent(e.parityRate()), e.parityRate() >= t.minParity()));
            } else if (e.requests() > 0) {
                // An endpoint the run saw but never compared cannot pass: nothing says it behaves.
                checks.add(nothingCompared(e, ">= " + percent(t.minParity())));
            }
        }
        double notComparedShare = exchanges == 0 ? 0 : (double) notCompared / exchanges;
        checks.add(new Verdict.Check(COMPARED, "<= " + percent(policy.maxNotCompared()) + " of exchanges not compared",
                percent(notComparedShare) + " (" + notCompared + " of " + exchanges + ")"
                        + (uncompared.isEmpty() ? "" : ": " + String.join(", ", uncompared.stream().limit(5).toList())
                        + (uncompared.size() > 5 ? ", +" + (uncompared.size() - 5) + " more endpoints" : "")),
                notComparedShare <= policy.maxNotCompared()));
        double errorRate = exchanges == 0 ? 0 : (double) candidateErrors / exchanges;
        checks.add(new Verdict.Check("candidate error rate", "<= " + percent(t.maxErrorRate()),
                percent(errorRate) + " (" + candidateErrors + " of " + exchanges + ")",
                errorRate <= t.maxErrorRate()));
        checks.add(coverage);
        if (t.latency()) {
            checks.addAll(latencyChecks(endpoints, policy, load.stream().anyMatch(Verdict.Check::fromLoad)));
        }
        checks.addAll(load);
        return checks;
    }

    /**
     * Per endpoint with latencies on both sides: candidate p95 within the ratio of the primary's, and the absolute
     * limit. With no latencies recorded, the phase cannot be judged on latency unless a load run measured it.
     */
    private static List<Verdict.Check> latencyChecks(List<Verdict.EndpointVerdict> endpoints, Verdict.Policy policy,
                                                     boolean loadMeasured) {
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            LatencyHistogram.Summary p = e.primaryLatency();
            LatencyHistogram.Summary c = e.candidateLatency();
            if (p == null || c == null || p.count() == 0 || c.count() == 0) {
                continue;
            }
            double ratio = c.p95Ms() / Math.max(p.p95Ms(), 0.001);
            String threshold = String.format(Locale.ROOT, "<= %.2fx primary p95 (%.1f ms)", policy.p95Ratio(), p.p95Ms())
                    + (policy.p95Ms() == null ? "" : String.format(Locale.ROOT, " and <= %.0f ms", policy.p95Ms()));
            boolean passed = ratio <= policy.p95Ratio() && (policy.p95Ms() == null || c.p95Ms() <= policy.p95Ms());
            checks.add(new Verdict.Check("latency " + e.endpoint(), threshold,
                    String.format(Locale.ROOT, "candidate p95 %.1f ms (%.2fx)", c.p95Ms(), ratio), passed));
        }
        if (checks.isEmpty() && !loadMeasured) {
            checks.add(new Verdict.Check("latency", "latencies measured on both sides", "none recorded", false));
        }
        return checks;
    }

    private static String decide(List<Verdict.Check> checks) {
        return checks.stream().allMatch(Verdict.Check::passed) ? Verdict.PROMOTE : Verdict.HOLD;
    }

    private List<String> unexercised(Set<String> seen) {
        List<String> missing = new ArrayList<>();
        for (String route : setup.routes()) {
            RouteTemplate t = RouteTemplate.parse(route);
            boolean hit = seen.stream().anyMatch(e -> t.method().equals("*")
                    ? e.endsWith(" " + t.template()) : e.equals(t.toString()));
            if (!hit) {
                missing.add(route);
            }
        }
        return missing;
    }

    /**
     * One check per bias rule of an endpoint with drift: the mean signed drift within {@code maxMeanShift} either way,
     * judged once {@code minValues} were seen (before, the check passes and says how many were seen).
     */
    private List<Verdict.Check> biasChecks(List<Verdict.EndpointVerdict> endpoints) {
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            Map<String, RouteConfig.BiasRule> rules = setup.bias().getOrDefault(e.endpoint(), Map.of());
            rules.forEach((path, rule) -> {
                Verdict.Drift d = e.drift().get(dev.shadowparity.core.JsonPaths.generalise(path));
                String threshold = "|mean shift| <= " + rule.maxMeanShift() + " (judged from " + rule.minValues() + " values)";
                if (d == null || d.values() < rule.minValues()) {
                    checks.add(new Verdict.Check("bias " + e.endpoint() + " " + path, threshold,
                            (d == null ? 0 : d.values()) + " drifted values: too few to judge", true, Verdict.Check.BIAS, e.endpoint()));
                    return;
                }
                checks.add(new Verdict.Check("bias " + e.endpoint() + " " + path, threshold,
                        String.format(Locale.ROOT, "%+.6g over %d values (mean |drift| %.3g, p99 %.3g, max %.3g)", d.meanShift(),
                                d.values(), d.meanAbs(), d.p99Abs(), d.maxAbs()),
                        Math.abs(d.meanShift()) <= rule.maxMeanShift(), Verdict.Check.BIAS, e.endpoint()));
            });
        }
        return checks;
    }

    /**
     * One check per label rule of an endpoint that compared exchanges: the share of them whose label agrees, at least
     * {@code minAgreement}; the flips by label pair in words, the most frequent first.
     */
    private List<Verdict.Check> agreementChecks(List<Verdict.EndpointVerdict> endpoints) {
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            Map<String, RouteConfig.LabelRule> rules = setup.labels().getOrDefault(e.endpoint(), Map.of());
            if (e.compared() == 0) {
                continue;
            }
            rules.forEach((path, rule) -> {
                Map<String, Long> pairs = new TreeMap<>();
                long flips = 0;
                for (List<Verdict.FieldCount> list : List.of(e.regressions(), e.noise())) {
                    for (Verdict.FieldCount f : list) {
                        if (f.path().equals(path) && f.kind().equals(dev.shadowparity.core.DifferenceKind.DECISION.label())) {
                            flips += f.count();
                            f.decisions().forEach((pair, n) -> pairs.merge(pair, n, Long::sum));
                        }
                    }
                }
                double agreement = 1.0 - (double) flips / e.compared();
                String byPair = pairs.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                        .map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining(", "));
                checks.add(new Verdict.Check("agreement " + e.endpoint() + " " + path, ">= " + percent(rule.minAgreement()),
                        percent(agreement) + " (" + flips + " of " + e.compared() + " flipped" + (byPair.isEmpty() ? "" : ": " + byPair) + ")",
                        agreement >= rule.minAgreement(), Verdict.Check.AGREEMENT, e.endpoint()));
            });
        }
        return checks;
    }

    /**
     * One check per {@code topK} rule with thresholds, of an endpoint that compared exchanges: each threshold given
     * (mean Jaccard@k, mean Kendall tau, same first result) met by the run's ranked lists, all three figures shown.
     */
    private List<Verdict.Check> rankingChecks(List<Verdict.EndpointVerdict> endpoints) {
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            Map<String, RouteConfig.TopK> rules = setup.rankings().getOrDefault(e.endpoint(), Map.of());
            if (e.compared() == 0) {
                continue;
            }
            rules.forEach((path, rule) -> {
                Verdict.Ranking r = e.rankings().getOrDefault(path, new Verdict.Ranking(e.compared(), 0, 1, 1, 1));
                List<String> threshold = new ArrayList<>();
                boolean passed = true;
                if (rule.minJaccard() != null) {
                    threshold.add("Jaccard@" + rule.k() + " >= " + rule.minJaccard());
                    passed &= r.meanJaccard() >= rule.minJaccard();
                }
                if (rule.minTau() != null) {
                    threshold.add("tau >= " + rule.minTau());
                    passed &= r.meanTau() >= rule.minTau();
                }
                if (rule.minSameFirst() != null) {
                    threshold.add("same first >= " + percent(rule.minSameFirst()));
                    passed &= r.sameFirst() >= rule.minSameFirst();
                }
                checks.add(new Verdict.Check("ranking " + e.endpoint() + " " + path, String.join(", ", threshold),
                        String.format(Locale.ROOT, "Jaccard@%d %.4f, tau %.4f, same first %s (%d of %d lists differ)", rule.k(),
                                r.meanJaccard(), r.meanTau(), percent(r.sameFirst()), r.disagreed(), e.compared()),
                        passed, Verdict.Check.RANKING, e.endpoint()));
            });
        }
        return checks;
    }

    /**
     * One check per {@code vectors} rule with a {@code minMeanCosine}, of an endpoint that compared exchanges: the mean
     * cosine similarity of the vectors that differed at least that (none differed: the check passes saying so).
     */
    private List<Verdict.Check> cosineChecks(List<Verdict.EndpointVerdict> endpoints) {
        List<Verdict.Check> checks = new ArrayList<>();
        for (Verdict.EndpointVerdict e : endpoints) {
            Map<String, RouteConfig.VectorRule> rules = setup.cosines().getOrDefault(e.endpoint(), Map.of());
            if (e.compared() == 0) {
                continue;
            }
            rules.forEach((path, rule) -> {
                Verdict.Cosine c = e.cosine().get(dev.shadowparity.core.JsonPaths.generalise(path));
                String name = "cosine " + e.endpoint() + " " + path;
                String threshold = "mean cosine of differing vectors >= " + rule.minMeanCosine();
                if (c == null || c.vectors() == 0) {
                    checks.add(new Verdict.Check(name, threshold, "no vector differed by value in " + e.compared()
                            + " compared exchanges", true, Verdict.Check.COSINE, e.endpoint()));
                    return;
                }
                checks.add(new Verdict.Check(name, threshold,
                        Verdict.Cosine.text(c.mean()) + " over " + c.vectors() + " vectors (1st percentile "
                                + Verdict.Cosine.text(c.p1()) + ", lowest " + Verdict.Cosine.text(c.min()) + ")",
                        c.mean() >= rule.minMeanCosine(), Verdict.Check.COSINE, e.endpoint()));
            });
        }
        return checks;
    }

    private static Verdict.EndpointVerdict endpointVerdict(EndpointStats.Snapshot s) {
        Map<String, Long> dropped = new TreeMap<>();
        s.reasons().forEach(dropped::put);
        List<Verdict.FieldCount> regressions = s.regressions().stream()
                .map(f -> field(f, f.regressions(), f.suspectedNoise()
                        ? "suspected noise: differs in every compared exchange; confirm with an ignore rule or a secondary"
                        : null)).toList();
        List<Verdict.FieldCount> noise = s.noise().stream()
                .map(f -> field(f, f.noiseCount(), f.noiseReason())).toList();
        return new Verdict.EndpointVerdict(s.endpoint().toString(), s.exchanges(), s.compared(), s.candidateErrors(), dropped,
                round(s.parityRate()), regressions, noise, s.primaryLatency(), s.candidateLatency(), drift(s), s.primaryStatuses(),
                rankings(s), cosine(s));
    }

    private static Map<String, Verdict.Cosine> cosine(EndpointStats.Snapshot s) {
        Map<String, Verdict.Cosine> out = new java.util.TreeMap<>();
        s.cosine().forEach((path, c) -> out.put(path, new Verdict.Cosine(c.vectors(), roundCosine(c.mean()),
                roundCosine(c.p1()), roundCosine(c.min()), c.histogram())));
        return out;
    }

    private static Map<String, Verdict.Ranking> rankings(EndpointStats.Snapshot s) {
        Map<String, Verdict.Ranking> out = new java.util.TreeMap<>();
        s.rankings().forEach((path, r) -> out.put(path, new Verdict.Ranking(s.compared(), r.disagreed(),
                round(r.meanJaccard(s.compared())), round(r.meanTau(s.compared())), round(r.sameFirst(s.compared())))));
        return out;
    }

    private static Map<String, Verdict.Drift> drift(EndpointStats.Snapshot s) {
        Map<String, Verdict.Drift> out = new java.util.TreeMap<>();
        s.drift().forEach((path, d) -> out.put(path, new Verdict.Drift(d.values(), d.meanShift(), d.meanAbs(), d.p99Abs(),
                d.maxAbs(), d.maxRelative(), d.histogram())));
        return out;
    }

    /** The field's first sample as the verdict's example; the ledger masked values at secret paths when it kept them. */
    private static Verdict.FieldCount field(EndpointStats.FieldSnapshot f, long count, String reason) {
        ObjectNode example = null;
        if (!f.samples().isEmpty()) {
            EndpointStats.Sample sample = f.samples().get(0);
            example = JsonNodeFactory.instance.objectNode();
            example.put("exchangeId", sample.exchangeId());
            example.put("path", sample.path());
            example.set("primary", sample.primary());
            example.set("candidate", sample.candidate());
        }
        return new Verdict.FieldCount(f.key().path(), f.key().kind().label(), count, reason, example, f.decisions());
    }

    private static Map<String, Long> reasons(List<EndpointStats.Snapshot> endpoints) {
        Map<String, Long> all = new LinkedHashMap<>();
        endpoints.forEach(s -> s.reasons().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return all;
    }

    /** Cosines near 1 differ in their last digits: kept to twelve decimals, not six. */
    private static double roundCosine(double v) {
        return Math.round(v * 1e12) / 1e12;
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
