package dev.shadowparity.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One recursive walk over two Jackson trees that returns the differences, applying the route's rules at
 * each path. Paths in the output are concrete ({@code $.items[3].price}).
 */
final class JsonDiffer {

    private final EndpointKey endpoint;
    private final RouteRules rules;
    private final List<Difference> out;
    /** Set while walking under a path an ignore rule covers: everything found there is noise, for this reason. */
    private String ignoredBecause;

    JsonDiffer(EndpointKey endpoint, RouteRules rules, List<Difference> out) {
        this.endpoint = endpoint;
        this.rules = rules;
        this.out = out;
    }

    void diff(JsonNode p, JsonNode c, String path) {
        if (ignoredBecause == null) {
            RouteRules.PathRule<Void> ignored = RouteRules.find(rules.ignore, path);
            if (ignored != null) {
                // Walk on, so noise is reported at the exact paths that differ, not at the rule's root.
                ignoredBecause = "ignored by rule " + ignored.pattern();
                try {
                    walk(p, c, path);
                } finally {
                    ignoredBecause = null;
                }
                return;
            }
        }
        walk(p, c, path);
    }

    private void walk(JsonNode p, JsonNode c, String path) {
        if (p.isNumber() && c.isNumber()) {
            diffNumbers(p, c, path);
        } else if (p.getNodeType() != c.getNodeType()) {
            add(path, DifferenceKind.TYPE, p, c, null);
        } else if (p.isObject()) {
            diffObjects(p, c, path);
        } else if (p.isArray()) {
            diffArrays(p, c, path);
        } else if (!p.equals(c)) {
            add(path, DifferenceKind.VALUE, p, c, VolatileValues.reasonIfVolatile(p, c));
        }
    }

    private void diffNumbers(JsonNode p, JsonNode c, String path) {
        if (NumericEquality.sameValue(p, c)) {
            return;
        }
        RouteRules.PathRule<RouteConfig.Tolerance> tol = RouteRules.find(rules.tolerance, path);
        if (tol == null) {
            add(path, DifferenceKind.VALUE, p, c, null);
        } else if (!NumericEquality.within(p.doubleValue(), c.doubleValue(), tol.rule())) {
            add(path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, null);
        }
    }

    private void diffObjects(JsonNode p, JsonNode c, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = JsonPaths.field(path, e.getKey());
            JsonNode cv = c.get(e.getKey());
            if (cv == null) {
                missing(child, e.getValue());
            } else {
                diff(e.getValue(), cv, child);
            }
        }
        if (rules.candidateMayAddFields) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!p.has(e.getKey())) {
                extra(JsonPaths.field(path, e.getKey()), e.getValue());
            }
        }
    }

    private void diffArrays(JsonNode p, JsonNode c, String path) {
        RouteRules.PathRule<RouteConfig.VectorRule> vector = RouteRules.find(rules.vectors, path);
        if (vector != null && Vectors.isNumeric(p) && Vectors.isNumeric(c)) {
            String failure = Vectors.check(p, c, vector.rule());
            if (failure != null) {
                add(path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, null);
            }
            return;
        }
        RouteRules.PathRule<RouteConfig.ArrayRule> arrayRule = RouteRules.find(rules.arrays, path);
        if (arrayRule != null && arrayRule.rule().by() != null) {
            diffArraysByKey(p, c, path, arrayRule.rule());
            return;
        }
        int common = Math.min(p.size(), c.size());
        for (int i = 0; i < common; i++) {
            diff(p.get(i), c.get(i), JsonPaths.index(path, i));
        }
        if (p.size() != c.size()) {
            add(path, DifferenceKind.ARRAY_LENGTH, JsonNodeFactory.instance.numberNode(p.size()),
                    JsonNodeFactory.instance.numberNode(c.size()), null);
            for (int i = common; i < p.size(); i++) {
                missing(JsonPaths.index(path, i), p.get(i));
            }
            for (int i = common; i < c.size(); i++) {
                extra(JsonPaths.index(path, i), c.get(i));
            }
        }
    }

    /**
     * Elements with the same key are compared wherever they stand. Elements outside the longest run that
     * kept its relative order are the moved ones: one array-order difference each, not one per shifted index.
     */
    private void diffArraysByKey(JsonNode p, JsonNode c, String path, RouteConfig.ArrayRule rule) {
        Map<JsonNode, Integer> candidateIndex = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            JsonNode key = c.get(i).get(rule.by());
            if (key != null) {
                candidateIndex.putIfAbsent(key, i);
            }
        }
        boolean[] matched = new boolean[c.size()];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            JsonNode key = p.get(i).get(rule.by());
            Integer j = key == null ? null : candidateIndex.get(key);
            if (j == null || matched[j]) {
                missing(JsonPaths.index(path, i), p.get(i));
                continue;
            }
            matched[j] = true;
            pairs.add(new int[] {i, j});
            diff(p.get(i), c.get(j), JsonPaths.index(path, i));
        }
        if (!rule.unordered()) {
            boolean[] inOrder = ArrayOrder.longestIncreasing(pairs.stream().mapToInt(ij -> ij[1]).toArray());
            for (int k = 0; k < pairs.size(); k++) {
                if (!inOrder[k]) {
                    int[] ij = pairs.get(k);
                    add(JsonPaths.index(path, ij[0]), DifferenceKind.ARRAY_ORDER,
                            JsonNodeFactory.instance.numberNode(ij[0]), JsonNodeFactory.instance.numberNode(ij[1]), null);
                }
            }
        }
        for (int j = 0; j < c.size(); j++) {
            if (!matched[j]) {
                extra(JsonPaths.index(path, j), c.get(j));
            }
        }
    }

    private void missing(String path, JsonNode p) {
        add(path, DifferenceKind.MISSING, p, null, ignoreReason(path));
    }

    private void extra(String path, JsonNode c) {
        add(path, DifferenceKind.EXTRA, null, c, ignoreReason(path));
    }

    private String ignoreReason(String path) {
        RouteRules.PathRule<Void> r = RouteRules.find(rules.ignore, path);
        return r == null ? null : "ignored by rule " + r.pattern();
    }

    private void add(String path, DifferenceKind kind, JsonNode p, JsonNode c, String noise) {
        out.add(new Difference(endpoint, path, kind, p, c, ignoredBecause != null ? ignoredBecause : noise));
    }
}
