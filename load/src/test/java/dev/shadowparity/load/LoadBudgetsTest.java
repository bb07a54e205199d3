package dev.shadowparity.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.config.Budgets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budgets as the load run judges them from Gatling's figures, on figures chosen to sit either side of each limit. */
class LoadBudgetsTest {

    private static LoadStats stats(long count, long errors, double p95, double rps) {
        return new LoadStats(count, errors, p95 / 2, p95 / 2, p95, p95 * 1.2, p95 * 2, rps);
    }

    private static LoadResult.Step step(String backend, LoadStats all, Map<String, LoadStats> routes) {
        return new LoadResult.Step(backend, 50, "report", all, routes, List.of());
    }

    @Test
    void theThroughputRatioHoldsACandidateServingFewerSuccessfulRequestsPerSecondSuiteWideAndPerRoute() {
        Budgets suite = new Budgets(null, null, null, 0.5, null, null, 0.95);
        Budgets search = new Budgets(null, null, null, null, null, null, 0.99).over(suite);
        LoadBudgets budgets = new LoadBudgets(suite, Map.of(
                "GET /api/search", new LoadBudgets.Route(search, false, false),
                "GET /api/students/{id}", new LoadBudgets.Route(Budgets.DEFAULT.over(suite), false, false)));
        LoadResult.Step primary = step("primary", stats(2000, 0, 20, 200), Map.of(
                "GET /api/search", stats(1000, 0, 20, 100), "GET /api/students/{id}", stats(1000, 0, 20, 100)));
        // search: 97 of 100 successful req/s (0.97x, under its 0.99); students: 100 req/s, 4% failed: 96 successful (0.96x)
        LoadResult.Step candidate = step("candidate", stats(1970, 40, 21, 197), Map.of(
                "GET /api/search", stats(970, 0, 21, 97), "GET /api/students/{id}", stats(1000, 40, 21, 100)));
        Map<String, LoadResult.BudgetCheck> byName = new java.util.TreeMap<>();
        budgets.evaluate(50, primary, candidate).forEach(c -> byName.put(c.name(), c));

        LoadResult.BudgetCheck all = byName.get("throughput ratio at 50 users");
        assertThat(all.threshold()).isEqualTo(">= 0.95x primary (200.0 successful req/s)");
        assertThat(all.actual()).isEqualTo("candidate 193.0 successful req/s (0.97x)");
        assertThat(all.passed()).isTrue();
        assertThat(byName.get("throughput ratio GET /api/search at 50 users").passed()).isFalse();
        assertThat(byName.get("throughput ratio GET /api/search at 50 users").threshold()).startsWith(">= 0.99x");
        assertThat(byName.get("throughput ratio GET /api/students/{id} at 50 users").passed()).isTrue();

        LoadBudgets without = new LoadBudgets(Budgets.DEFAULT, Map.of());
        assertThat(without.evaluate(50, primary, candidate)).noneMatch(c -> c.name().startsWith("throughput ratio"));
    }
}
