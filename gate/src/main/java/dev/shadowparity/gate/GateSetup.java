package dev.shadowparity.gate;

import static java.util.Objects.requireNonNull;

import dev.shadowparity.core.config.Budgets;
import dev.shadowparity.core.config.GateSettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.List;

/**
 * The gate's slice of a suite: its name, the routes coverage is counted over (as the suite writes them, such as
 * {@code GET /api/students/{id}}), the thresholds and the budgets.
 */
public record GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets) {

    public GateSetup {
        requireNonNull(suite, "suite");
        routes = List.copyOf(routes);
        requireNonNull(gate, "gate");
        requireNonNull(budgets, "budgets");
    }

    public static GateSetup of(SuiteConfig suite) {
        return new GateSetup(suite.suite(), suite.routes().stream().map(RouteConfig::route).toList(), suite.gate(),
                suite.budgets());
    }
}
