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

    /** Every budget at one user level, from the primary's and the candidate's runs at that level. */
    public List<LoadResult.BudgetCheck> evaluate(int users, LoadResult.Step primary, LoadResult.Step candidate) {
        List<LoadResult.BudgetCheck> checks = new ArrayList<>();
        String at = " at " + users + " users";
        LoadStats p = primary.all();
        LoadStats c = candidate.all();
        absolute(checks, "latency p95" + at, suite.p95Ms(), c.p95Ms());
        absolute(checks, "latency p99" + at, suite.p99Ms(), c.p99Ms());
        checks.add(ratio("latency p95 ratio" + at, suite.candidateP95Ratio(), p, c));
        rpsRatio(checks, "throughput ratio" + at, suite.candidateRpsRatio(), p, c);
        checks.add(new LoadResult.BudgetCheck("candidate error rate under load" + at,
                "<= " + percent(suite.errorRate()),
                percent(c.errorRate()) + " (" + c.errors() + " of " + c.count() + ")", c.errorRate() <= suite.errorRate()));
        routes.keySet().stream().sorted().forEach(name -> {
            LoadStats pr = primary.routes().get(name);
            LoadStats cr = candidate.routes().get(name);
            if (pr == null || cr == null) {
                return;
            }
            Route r = routes.get(name);
            String where = " " + name + at;
            if (r.ownLatencyLimits()) {
                absolute(checks, "latency p95" + where, r.budgets().p95Ms(), cr.p95Ms());
                absolute(checks, "latency p99" + where, r.budgets().p99Ms(), cr.p99Ms());
            }
            checks.add(ratio("latency p95 ratio" + where, r.budgets().candidateP95Ratio(), pr, cr));
            rpsRatio(checks, "throughput ratio" + where, r.budgets().candidateRpsRatio(), pr, cr);
            if (r.ml()) {
                throughput(checks, "throughput" + where, r.budgets(), pr, cr);
            }
        });
        return checks;
    }

    private static void absolute(List<LoadResult.BudgetCheck> checks, String name, Double limitMs, double actualMs) {
        if (limitMs != null) {
            checks.add(new LoadResult.BudgetCheck(name, "<= " + ms(limitMs), "candidate " + ms(actualMs),
                    actualMs <= limitMs));
        }
    }

    private static LoadResult.BudgetCheck ratio(String name, double limit, LoadStats p, LoadStats c) {
        double ratio = c.p95Ms() / Math.max(p.p95Ms(), RESOLUTION_MS);
        return new LoadResult.BudgetCheck(name,
                String.format(Locale.ROOT, "<= %.2fx primary p95 (%s), +%s resolution", limit, ms(p.p95Ms()), ms(RESOLUTION_MS)),
                String.format(Locale.ROOT, "candidate p95 %s (%.2fx)", ms(c.p95Ms()), ratio),
                c.p95Ms() <= limit * p.p95Ms() + RESOLUTION_MS);
    }

    /** The candidate's successful requests per second against the primary's at the same users, when a ratio is set. */
    private static void rpsRatio(List<LoadResult.BudgetCheck> checks, String name, Double limit, LoadStats p, LoadStats c) {
        if (limit == null) {
            return;
        }
        double ratio = c.successfulPerSecond() / Math.max(p.successfulPerSecond(), 1e-9);
        checks.add(new LoadResult.BudgetCheck(name,
                String.format(Locale.ROOT, ">= %.2fx primary (%.1f successful req/s)", limit, p.successfulPerSecond()),
                String.format(Locale.ROOT, "candidate %.1f successful req/s (%.2fx)", c.successfulPerSecond(), ratio),
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
