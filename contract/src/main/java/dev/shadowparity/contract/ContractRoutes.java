package dev.shadowparity.contract;

import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RouteTemplate;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.nio.file.Path;

/**
 * The routes of a suite with a contract: one per operation of the spec, named as the spec names it ({@code GET
 * /pets/{petId}}), carrying the rules of the suite's route for it; then the suite's routes the spec lacks. A suite route
 * that names an operation with other parameter names, or expects a status the operation does not declare, contradicts
 * the spec and is an error.
 */
public final class ContractRoutes {

    private ContractRoutes() {}

    /** {@code suite} with its contract's operations as routes; the suite as it is when it names no contract. */
    public static SuiteConfig applied(SuiteConfig suite) {
        return applied(suite, null);
    }

    /**
     * As {@link #applied(SuiteConfig)}, a contradiction named by its line in {@code suiteFile} ({@code parity.yaml:12:
     * routes[2] …}); {@code null} when the suite came from flags.
     */
    public static SuiteConfig applied(SuiteConfig suite, Path suiteFile) {
        if (suite.openapi() == null) {
            return suite;
        }
        Map<String, Integer> lines = suiteFile == null ? Map.of() : SpecDocuments.linesOf(suiteFile);
        return suite.withRoutes(merged(OpenApiContract.load(suite.openapi()), suite.routes(), i -> {
            Integer line = lines.get("/routes/" + i);
            return line == null ? "" : suiteFile + ":" + line + ": ";
        }));
    }

    static List<RouteConfig> merged(OpenApiContract contract, List<RouteConfig> routes) {
        return merged(contract, routes, i -> "");
    }

    private static List<RouteConfig> merged(OpenApiContract contract, List<RouteConfig> routes, IntFunction<String> place) {
        Map<RouteConfig, Boolean> used = new IdentityHashMap<>();
        List<String> problems = new ArrayList<>();
        List<RouteConfig> out = new ArrayList<>();
        for (OpenApiContract.Operation op : contract.operations()) {
            RouteConfig rules = null;
            for (int i = 0; i < routes.size(); i++) {
                RouteConfig r = routes.get(i);
                RouteTemplate t = RouteTemplate.parse(r.route());
                if (!(t.method().equals("*") || t.method().equals(op.method())) || !sameShape(t.template(), op.template())) {
                    continue;
                }
                String where = place.apply(i) + "routes[" + i + "] '" + r.route() + "'";
                if (!t.template().equals(op.template())) {
                    problems.add(where + " is the spec's " + op.route() + " (" + op.where()
                            + ") with other parameter names: write it as " + op.template());
                    continue;
                }
                if (r.expect() != null && r.expect().status() != null && op.responseFor(r.expect().status()) == null) {
                    problems.add(where + " expects status " + r.expect().status() + ", which " + op.route() + " does not declare ("
                            + op.where() + "; it declares " + String.join(", ", op.responses().keySet()) + ")");
                    continue;
                }
                used.put(r, true);
                // a route for this method wins over one for every method
                if (rules == null || RouteTemplate.parse(rules.route()).method().equals("*")) {
                    rules = r;
                }
            }
            out.add(rules == null ? RouteConfig.of(op.route(), false) : rules.withRoute(op.route()));
        }
        if (!problems.isEmpty()) {
            throw new ParityException("the suite's routes contradict the contract " + contract.spec() + ":\n  "
                    + String.join("\n  ", problems));
        }
        for (RouteConfig r : routes) {
            if (!used.containsKey(r)) {
                out.add(r); // a route the spec lacks, judged by parity alone
            }
        }
        return out;
    }

    /** The same literal segments with parameters in the same places, whatever the parameters are called. */
    static boolean sameShape(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            boolean px = isParameter(x[i]);
            boolean py = isParameter(y[i]);
            if (px != py || !px && !x[i].equals(y[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
