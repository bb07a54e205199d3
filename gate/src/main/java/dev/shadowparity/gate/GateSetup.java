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
 * {@code GET /api/students/{id}}), the thresholds and the budgets, and the routes' bias, label and ranked-list rules
 * by endpoint (ranked lists: the {@code topK} rules with a threshold to judge; cosines: the {@code vectors} rules with
 * a {@code minMeanCosine}).
 */
public record GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets,
                        Map<String, Map<String, RouteConfig.BiasRule>> bias, Contract contract,
                        Map<String, Map<String, RouteConfig.LabelRule>> labels,
                        Map<String, Map<String, RouteConfig.TopK>> rankings,
                        Map<String, Map<String, RouteConfig.VectorRule>> cosines) {

    /**
     * The suite's OpenAPI contract as the gate weighs it: the spec's name and, per operation ({@code GET /pets/{petId}},
     * among the routes), the status classes it declares ({@code 2xx}, {@code 4xx}), in the spec's order.
     */
    public record Contract(String spec, Map<String, List<String>> operations) {
        public Contract {
            requireNonNull(spec, "spec");
            operations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operations));
        }
    }

    public GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets,
                     Map<String, Map<String, RouteConfig.BiasRule>> bias) {
        this(suite, routes, gate, budgets, bias, null, Map.of(), Map.of(), Map.of());
    }

    /** The same setup judging coverage by a contract's operations too. */
    public GateSetup withContract(Contract c) {
        return new GateSetup(suite, routes, gate, budgets, bias, c, labels, rankings, cosines);
    }

    public GateSetup {
        requireNonNull(suite, "suite");
        routes = List.copyOf(routes);
        requireNonNull(gate, "gate");
        requireNonNull(budgets, "budgets");
        bias = bias == null ? Map.of() : Map.copyOf(bias);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        rankings = rankings == null ? Map.of() : Map.copyOf(rankings);
        cosines = cosines == null ? Map.of() : Map.copyOf(cosines);
    }

    public GateSetup(String suite, List<String> routes, GateSettings gate, Budgets budgets) {
        this(suite, routes, gate, budgets, Map.of());
    }

    public static GateSetup of(SuiteConfig suite) {
        Map<String, Map<String, RouteConfig.BiasRule>> bias = new LinkedHashMap<>();
        Map<String, Map<String, RouteConfig.LabelRule>> labels = new LinkedHashMap<>();
        Map<String, Map<String, RouteConfig.TopK>> rankings = new LinkedHashMap<>();
        Map<String, Map<String, RouteConfig.VectorRule>> cosines = new LinkedHashMap<>();
        for (RouteConfig r : suite.routes()) {
            String endpoint = EndpointKey.parse(r.route()).toString();
            judged(cosines, endpoint, r.vectors(), RouteConfig.VectorRule::judgedByCosine);
            judged(rankings, endpoint, r.topK(), RouteConfig.TopK::judgedByRanking);
            judged(bias, endpoint, r.bias(), rule -> true);
            judged(labels, endpoint, r.labels(), rule -> true);
        }
        return new GateSetup(suite.suite(), suite.routes().stream().map(RouteConfig::route).toList(), suite.gate(),
                suite.budgets(), bias, null, labels, rankings, cosines);
    }

    /** The rules of one endpoint that the gate judges (by path), put under the endpoint when there is any. */
    private static <R> void judged(Map<String, Map<String, R>> into, String endpoint, Map<String, R> rules,
                                   java.util.function.Predicate<R> gated) {
        Map<String, R> judged = new LinkedHashMap<>();
        rules.forEach((path, rule) -> {
            if (gated.test(rule)) {
                judged.put(path, rule);
            }
        });
        if (!judged.isEmpty()) {
            into.put(endpoint, judged);
        }
    }
}
