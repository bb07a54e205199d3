package dev.shadowparity.load;

import dev.shadowparity.core.config.Budgets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's budgets applied to the candidate's Gatling runs: absolute p95/p99 limits, the p95 ratio to the
 * primary measured in the same run, the error rate, and the throughput floor of ML routes. Absolute limits are
 * also handed to Gatling as assertions ({@link #gatlingAssertions}), so Gatling's report shows them too.
 *
 * <p>Gatling reports whole milliseconds, so a ratio check allows one millisecond beyond the ratio: against a
 * 1 ms primary, a 2 ms candidate is within resolution, not twice as slow.
 *
 * <p>Measured in a balanced order (two passes of each backend per level), a backend's figures are the mean of its
 * two passes, and a ratio budget is judged only when neither backend's passes differ by more than the budget's own
 * margin (a p95 ratio of 1.10 has 10%, a throughput ratio of 0.95 has 5%): a machine whose speed moved that much
 * between two runs of the same backend cannot tell a candidate 10% slower from one as fast, and the check says so
 * instead of passing.
 */
public final class LoadBudgets {

    /** Gatling's latency resolution. */
    static final double RESOLUTION_MS = 1;

    private final Budgets suite;
    private final Map<String, Route> routes;

    /**
     * @param suite  the suite-wide budgets
     * @param routes per request name: its own budgets (already laid over the suite's) and whether it is an ML route
     */
    public LoadBudgets(Budgets suite, Map<String, Route> routes) {
        this.suite = suite;
        this.routes = Map.copyOf(routes);
    }

    /** A request name's budgets and kind. */
    public record Route(Budgets budgets, boolean ml, boolean ownLatencyLimits) {}

    /** The absolute budgets as Gatling assertions, for the candidate's runs. */
    public List<LoadPlan.GatlingAssertion> gatlingAssertions() {
        List<LoadPlan.GatlingAssertion> out = new ArrayList<>();
        if (suite.p95Ms() != null) {
            out.add(new LoadPlan.GatlingAssertion(null, LoadPlan.Metric.P95_MS, suite.p95Ms()));
        }
        if (suite.p99Ms() != null) {
            out.add(new LoadPlan.GatlingAssertion(null, LoadPlan.Metric.P99_MS, suite.p99Ms()));
        }
        out.add(new LoadPlan.GatlingAssertion(null, LoadPlan.Metric.ERROR_PERCENT, suite.errorRate() * 100));
        routes.forEach((name, r) -> {
            if (r.ownLatencyLimits() && r.budgets().p95Ms() != null) {
                out.add(new LoadPlan.GatlingAssertion(name, LoadPlan.Metric.P95_MS, r.budgets().p95Ms()));
            }
            if (r.ownLatencyLimits() && r.budgets().p99Ms() != null) {
                out.add(new LoadPlan.GatlingAssertion(name, LoadPlan.Metric.P99_MS, r.budgets().p99Ms()));
            }
            if (r.ml() && r.budgets().mlMinRps() != null) {
                out.add(new LoadPlan.GatlingAssertion(name, LoadPlan.Metric.REQUESTS_PER_SECOND, r.budgets().mlMinRps()));
            }
        });
        return out;
    }

    /**
     * Every budget at one user level, from the primary's and the candidate's runs at that level: one each, or two
     * each when the level was measured in a balanced order.
     */
    public List<LoadResult.BudgetCheck> evaluate(int users, List<LoadResult.Step> primary, List<LoadResult.Step> candidate) {
        List<LoadResult.BudgetCheck> checks = new ArrayList<>();
        String at = " at " + users + " users";
        List<LoadStats> ps = primary.stream().map(LoadResult.Step::all).toList();
        List<LoadStats> cs = candidate.stream().map(LoadResult.Step::all).toList();
        LoadStats c = merged(cs);
        absolute(checks, "latency p95" + at, suite.p95Ms(), c.p95Ms());
        absolute(checks, "latency p99" + at, suite.p99Ms(), c.p99Ms());
        checks.add(ratio("latency p95 ratio" + at, suite.candidateP95Ratio(), ps, cs));
        rpsRatio(checks, "throughput ratio" + at, suite.candidateRpsRatio(), ps, cs);
        checks.add(new LoadResult.BudgetCheck("candidate error rate under load" + at,
                "<= " + percent(suite.errorRate()),
                percent(c.errorRate()) + " (" + c.errors() + " of " + c.count() + ")", c.errorRate() <= suite.errorRate()));
        routes.keySet().stream().sorted().forEach(name -> {
            List<LoadStats> pr = primary.stream().map(s -> s.routes().get(name)).toList();
            List<LoadStats> cr = candidate.stream().map(s -> s.routes().get(name)).toList();
            if (pr.contains(null) || cr.contains(null)) {
                return;
            }
            Route r = routes.get(name);
            String where = " " + name + at;
            LoadStats crm = merged(cr);
            if (r.ownLatencyLimits()) {
                absolute(checks, "latency p95" + where, r.budgets().p95Ms(), crm.p95Ms());
                absolute(checks, "latency p99" + where, r.budgets().p99Ms(), crm.p99Ms());
            }
            checks.add(ratio("latency p95 ratio" + where, r.budgets().candidateP95Ratio(), pr, cr));
            rpsRatio(checks, "throughput ratio" + where, r.budgets().candidateRpsRatio(), pr, cr);
            if (r.ml()) {
                throughput(checks, "throughput" + where, r.budgets(), merged(pr), crm);
            }
        });
        return checks;
    }

    /**
     * One backend's figures from its passes at a level: counts summed, latencies and rates the mean of the passes
     * (each pass held as long as the other), the maximum the largest.
     */
    static LoadStats merged(List<LoadStats> passes) {
        if (passes.size() == 1) {
            return passes.get(0);
        }
        int n = passes.size();
        return new LoadStats(passes.stream().mapToLong(LoadStats::count).sum(), passes.stream().mapToLong(LoadStats::errors).sum(),
                passes.stream().mapToDouble(LoadStats::meanMs).sum() / n, passes.stream().mapToDouble(LoadStats::p50Ms).sum() / n,
                passes.stream().mapToDouble(LoadStats::p95Ms).sum() / n, passes.stream().mapToDouble(LoadStats::p99Ms).sum() / n,
                passes.stream().mapToDouble(LoadStats::maxMs).max().orElse(0),
                passes.stream().mapToDouble(LoadStats::requestsPerSecond).sum() / n);
    }

    /** How far two passes' values lie apart, as a share of their mean, after {@code resolution} is forgiven. */
    private static double spread(double a, double b, double resolution) {
        return Math.max(0, Math.abs(a - b) - resolution) / Math.max((a + b) / 2, 1e-9);
    }

    /**
     * The passes of both backends in words, and whether either backend's spread is above {@code margin}: then the
     * ratio it would judge is not judged.
     */
    private record Passes(String words, boolean tooFarApart) {

        static Passes of(List<LoadStats> ps, List<LoadStats> cs, double margin, boolean latency) {
            if (ps.size() < 2 || cs.size() < 2) {
                return null;
            }
            StringBuilder words = new StringBuilder();
            boolean tooFar = false;
            for (List<LoadStats> passes : List.of(ps, cs)) {
                double a = latency ? passes.get(0).p95Ms() : passes.get(0).successfulPerSecond();
                double b = latency ? passes.get(1).p95Ms() : passes.get(1).successfulPerSecond();
                double s = spread(a, b, latency ? RESOLUTION_MS : 0);
                tooFar |= s > margin;
                words.append(words.isEmpty() ? "the primary's passes " : ", the candidate's ")
                        .append(latency ? ms(a) + " and " + ms(b) : String.format(Locale.ROOT, "%.1f and %.1f req/s", a, b))
                        .append(String.format(Locale.ROOT, " (%.0f%% apart)", s * 100));
            }
            return new Passes(words.toString(), tooFar);
        }

        LoadResult.BudgetCheck notJudged(String name, String threshold, double margin) {
            return new LoadResult.BudgetCheck(name, threshold, String.format(Locale.ROOT,
                    "not judged: %s, more than this budget's margin of %.0f%%", words, margin * 100), false);
        }
    }

    private static void absolute(List<LoadResult.BudgetCheck> checks, String name, Double limitMs, double actualMs) {
        if (limitMs != null) {
            checks.add(new LoadResult.BudgetCheck(name, "<= " + ms(limitMs), "candidate " + ms(actualMs),
                    actualMs <= limitMs));
        }
    }

    private static LoadResult.BudgetCheck ratio(String name, double limit, List<LoadStats> ps, List<LoadStats> cs) {
        LoadStats p = merged(ps);
        LoadStats c = merged(cs);
        double ratio = c.p95Ms() / Math.max(p.p95Ms(), RESOLUTION_MS);
        String threshold = String.format(Locale.ROOT, "<= %.2fx primary p95 (%s), +%s resolution", limit, ms(p.p95Ms()),
                ms(RESOLUTION_MS));
        String actual = String.format(Locale.ROOT, "candidate p95 %s (%.2fx)", ms(c.p95Ms()), ratio);
        double margin = Math.abs(limit - 1);
        Passes passes = Passes.of(ps, cs, margin, true);
        if (passes != null && passes.tooFarApart()) {
            return passes.notJudged(name, threshold, margin);
        }
        return new LoadResult.BudgetCheck(name, threshold, passes == null ? actual : actual + "; " + passes.words(),
                c.p95Ms() <= limit * p.p95Ms() + RESOLUTION_MS);
    }

    /** The candidate's successful requests per second against the primary's at the same users, when a ratio is set. */
    private static void rpsRatio(List<LoadResult.BudgetCheck> checks, String name, Double limit, List<LoadStats> ps,
                                 List<LoadStats> cs) {
        if (limit == null) {
            return;
        }
        LoadStats p = merged(ps);
        LoadStats c = merged(cs);
        double ratio = c.successfulPerSecond() / Math.max(p.successfulPerSecond(), 1e-9);
        String threshold = String.format(Locale.ROOT, ">= %.2fx primary (%.1f successful req/s)", limit, p.successfulPerSecond());
        String actual = String.format(Locale.ROOT, "candidate %.1f successful req/s (%.2fx)", c.successfulPerSecond(), ratio);
        double margin = Math.abs(1 - limit);
        Passes passes = Passes.of(ps, cs, margin, false);
        if (passes != null && passes.tooFarApart()) {
            checks.add(passes.notJudged(name, threshold, margin));
            return;
        }
        checks.add(new LoadResult.BudgetCheck(name, threshold, passes == null ? actual : actual + "; " + passes.words(),
                c.successfulPerSecond() >= limit * p.successfulPerSecond()));
    }

    private static void throughput(List<LoadResult.BudgetCheck> checks, String name, Budgets b, LoadStats p, LoadStats c) {
        if (b.mlMinRps() == null && b.mlMinRpsRatio() == null) {
            return;
        }
        List<String> needs = new ArrayList<>();
        boolean passed = true;
        if (b.mlMinRps() != null) {
            needs.add(String.format(Locale.ROOT, ">= %.1f req/s", b.mlMinRps()));
            passed = c.successfulPerSecond() >= b.mlMinRps();
        }
        if (b.mlMinRpsRatio() != null) {
            needs.add(String.format(Locale.ROOT, ">= %.2fx primary (%.1f req/s)", b.mlMinRpsRatio(), p.successfulPerSecond()));
            passed &= c.successfulPerSecond() >= b.mlMinRpsRatio() * p.successfulPerSecond();
        }
        checks.add(new LoadResult.BudgetCheck(name, String.join(" and ", needs),
                String.format(Locale.ROOT, "candidate %.1f successful req/s", c.successfulPerSecond()), passed));
    }

    private static String ms(double v) {
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " ms";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
