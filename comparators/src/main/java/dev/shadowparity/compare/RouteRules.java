package dev.shadowparity.compare;

import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.config.RouteConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.regex.Pattern;

/** A route's comparison rules, compiled once: JSON path patterns become regexes. */
final class RouteRules {

    record PathRule<T>(String pattern, Pattern regex, T rule) {}

    static final RouteRules NONE = new RouteRules(
            RouteConfig.of("/", false), List.of());

    final List<PathRule<Void>> ignore;
    final List<PathRule<RouteConfig.Tolerance>> tolerance;
    final List<PathRule<RouteConfig.VectorRule>> vectors;
    final List<PathRule<RouteConfig.ArrayRule>> arrays;
    /** Case-insensitive, so checking a received name needs no lower-cased copy of it. */
    final Set<String> ignoredHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    final boolean candidateMayAddFields;
    final boolean coerceTypes;
    final List<PathRule<Pattern>> equivalent;
    final List<PathRule<RouteConfig.TopK>> topK;
    final boolean textIgnoresWhitespace;

    RouteRules(RouteConfig route, List<String> suiteIgnoredHeaders) {
        ignore = route.ignore().stream().map(p -> new PathRule<Void>(p, JsonPaths.compile(p), null)).toList();
        tolerance = compile(route.tolerance());
        vectors = compile(route.vectors());
        arrays = compile(route.arrays());
        ignoredHeaders.addAll(suiteIgnoredHeaders);
        ignoredHeaders.addAll(route.ignoreHeaders());
        candidateMayAddFields = route.candidateMayAddFields();
        coerceTypes = route.coerceTypes();
        equivalent = route.equivalent().entrySet().stream()
                .map(e -> new PathRule<>(e.getKey(), JsonPaths.compile(e.getKey()), Pattern.compile(e.getValue())))
                .toList();
        topK = compile(route.topK());
        textIgnoresWhitespace = route.text().equals("whitespace");
    }

    private static <T> List<PathRule<T>> compile(Map<String, T> rules) {
        return rules.entrySet().stream()
                .map(e -> new PathRule<>(e.getKey(), JsonPaths.compile(e.getKey()), e.getValue()))
                .toList();
    }

    static <T> PathRule<T> find(List<PathRule<T>> rules, String path) {
        for (PathRule<T> r : rules) {
            if (r.regex().matcher(path).matches()) {
                return r;
            }
        }
        return null;
    }
}
