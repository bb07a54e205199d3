package dev.shadowparity.gate;

import static java.util.Objects.requireNonNull;

import dev.shadowparity.core.config.Budgets;
import dev.shadowparity.core.config.GateSettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.EndpointKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's slice of a suite: its name, the routes coverage is counted over (as the suite writes them, such as
 * {@code GET /api/students/{id}}), the thresholds and the budgets, and the routes' bias rules by endpoint.
 */
public record GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets,
                        Map<String, Map<String, RouteConfig.BiasRule>> bias) {

    public GateSetup {
        requireNonNull(suite, "suite");
        routes = List.copyOf(routes);
        requireNonNull(gate, "gate");
        requireNonNull(budgets, "budgets");
        bias = bias == null ? Map.of() : Map.copyOf(bias);
    }

    public GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets) {
        this(suite, routes, gate, budgets, Map.of());
    }

    public static GateSetup of(SuiteConfig suite) {
        Map<String, Map<String, RouteConfig.BiasRule>> bias = new LinkedHashMap<>();
        for (RouteConfig r : suite.routes()) {
            if (!r.bias().isEmpty()) {
                bias.put(EndpointKey.parse(r.route()).toString(), r.bias());
            }
        }
        return new GateSetup(suite.suite(), suite.routes().stream().map(RouteConfig::route).toList(), suite.gate(),
                suite.budgets(), bias);
    }
}
