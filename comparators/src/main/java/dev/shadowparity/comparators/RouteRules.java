package dev.shadowparity.comparators;

import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.config.RouteConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;
import java.util.Locale;
import java.util.regex.Pattern;

/** A route's comparison rules, compiled once: JSON path patterns become regexes. */
final class RouteRules {

    record PathRule<T>(String pattern, Pattern regex, T rule) {}

    /**
     * The rules of one kind, with lookups remembered by path shape: every element of an array asks the same
     * question ({@code $.items[0].price}, {@code $.items[1].price}, …), so the regexes run once per shape,
     * not once per element. Shared by all comparisons of the route, hence concurrent and bounded.
     */
    static final class RuleList<T> {
        private static final int MAX_REMEMBERED = 10_000;
        private static final Object NO_RULE = new Object();

        private final List<PathRule<T>> rules;
        /** Patterns naming a concrete index ({@code [3]}) tell shapes apart: then nothing is remembered. */
        private final boolean byShape;
        private final Map<String, Object> remembered = new ConcurrentHashMap<>();

        RuleList(List<PathRule<T>> rules) {
            this.rules = rules;
            this.byShape = rules.stream().noneMatch(r -> r.pattern().matches(".*\\[\\d+].*"));
        }

        boolean isEmpty() {
            return rules.isEmpty();
        }

        /** Whether the rule found depends on a path's shape alone; false when a rule names an index. */
        boolean byShape() {
            return byShape;
        }

        /** The rule for where the differ stands; looked up by shape, so once per shape, not per element. */
        @SuppressWarnings("unchecked")
        PathRule<T> find(JsonLocation where) {
            if (rules.isEmpty()) {
                return null;
            }
            if (!byShape) {
                return scan(where.text());
            }
            Object known = remembered.get(where.shape());
            if (known == null) {
                PathRule<T> found = scan(where.text());
                known = found == null ? NO_RULE : found;
                if (remembered.size() < MAX_REMEMBERED) {
                    remembered.put(where.shape(), known);
                }
            }
            return known == NO_RULE ? null : (PathRule<T>) known;
        }

        /** The rule for a concrete path given as text (a difference's), scanning the patterns. */
        PathRule<T> findText(String path) {
            return rules.isEmpty() ? null : scan(path);
        }

        private PathRule<T> scan(String path) {
            for (PathRule<T> r : rules) {
                if (r.regex().matcher(path).matches()) {
                    return r;
                }
            }
            return null;
        }
    }

    final RuleList<Void> ignore;
    final RuleList<RouteConfig.Tolerance> tolerance;
    final RuleList<RouteConfig.VectorRule> vectors;
    final RuleList<RouteConfig.ArrayRule> arrays;
    /** Case-insensitive, so checking a received name needs no lower-cased copy of it. */
    final Set<String> ignoredHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    final boolean candidateMayAddFields;
    final boolean coerceTypes;
    final RuleList<Pattern> equivalent;
    final RuleList<RouteConfig.TopK> topK;
    final RuleList<RouteConfig.DecisionRule> decisions;
    final boolean textIgnoresWhitespace;
    /** Generated text judged by meaning, per JSON path. */
    final RuleList<RouteConfig.SimilarityRule> similarity;
    /** Classification fields, whose flips the agreement check judges. */
    final RuleList<RouteConfig.LabelRule> labels;
    /** The same for a text body ({@code similarity: {body: …}}), or {@code null}. */
    final RouteConfig.SimilarityRule bodySimilarity;
    /** The route's declared answer, or {@code null}. */
    final ExpectedResponse expected;
    /** Path shapes seen on this route, shared by its comparisons. */
    final JsonLocation.Shapes shapes = new JsonLocation.Shapes();

    RouteRules(RouteConfig route, List<String> suiteIgnoredHeaders) {
        ignore = new RuleList<>(route.ignore().stream().map(p -> new PathRule<Void>(p, JsonPaths.compile(p), null)).toList());
        tolerance = compile(route.tolerance());
        vectors = compile(route.vectors());
        arrays = compile(route.arrays());
        ignoredHeaders.addAll(suiteIgnoredHeaders);
        ignoredHeaders.addAll(route.ignoreHeaders());
        candidateMayAddFields = route.candidateMayAddFields();
        coerceTypes = route.coerceTypes();
        equivalent = new RuleList<>(route.equivalent().entrySet().stream()
                .map(e -> new PathRule<>(e.getKey(), JsonPaths.compile(e.getKey()), Pattern.compile(e.getValue())))
                .toList());
        topK = compile(route.topK());
        decisions = compile(route.decisions());
        textIgnoresWhitespace = route.text().equals("whitespace");
        Map<String, RouteConfig.SimilarityRule> byPath = new java.util.LinkedHashMap<>(route.similarity());
        bodySimilarity = byPath.remove("body");
        similarity = compile(byPath);
        labels = compile(route.labels());
        expected = route.expect() == null ? null : new ExpectedResponse(route.expect());
    }

    private static <T> RuleList<T> compile(Map<String, T> rules) {
        return new RuleList<>(rules.entrySet().stream()
                .map(e -> new PathRule<>(e.getKey(), JsonPaths.compile(e.getKey()), e.getValue()))
                .toList());
    }
}
