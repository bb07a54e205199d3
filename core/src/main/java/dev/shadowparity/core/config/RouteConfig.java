package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A route and how its responses are compared.
 *
 * @param route         {@code METHOD /path/{param}}
 * @param mirrorWrites  mirror this route even for methods other than GET, HEAD and OPTIONS
 * @param kind          {@code rest} (default) or {@code ml}
 * @param ignore        JSON paths whose differences are noise by rule
 * @param ignoreHeaders headers whose differences are noise by rule, besides the suite-wide ones
 * @param tolerance     numeric tolerance per JSON path
 * @param vectors       similarity rules for number arrays (embeddings) per JSON path
 * @param arrays        array matching per JSON path: {@code {by: id}} or {@code {unordered: true}}
 * @param candidateMayAddFields fields only the candidate has are not differences
 */
public record RouteConfig(
        @JsonProperty(required = true) String route,
        Boolean mirrorWrites,
        String kind,
        List<String> ignore,
        List<String> ignoreHeaders,
        Map<String, Tolerance> tolerance,
        Map<String, VectorRule> vectors,
        Map<String, ArrayRule> arrays,
        Boolean candidateMayAddFields) {

    public RouteConfig {
        mirrorWrites = mirrorWrites != null && mirrorWrites;
        kind = kind == null ? "rest" : kind;
        if (!kind.equals("rest") && !kind.equals("ml")) {
            throw new IllegalArgumentException("kind must be 'rest' or 'ml', got '" + kind + "'");
        }
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        ignoreHeaders = ignoreHeaders == null ? List.of() : List.copyOf(ignoreHeaders);
        tolerance = tolerance == null ? Map.of() : Map.copyOf(tolerance);
        vectors = vectors == null ? Map.of() : Map.copyOf(vectors);
        arrays = arrays == null ? Map.of() : Map.copyOf(arrays);
        candidateMayAddFields = candidateMayAddFields != null && candidateMayAddFields;
    }

    /** Numbers within {@code absolute} or within {@code relative} (a fraction) of each other are equal. */
    public record Tolerance(Double absolute, Double relative) {
        public Tolerance {
            absolute = absolute == null ? 0.0 : absolute;
            relative = relative == null ? 0.0 : relative;
            if (absolute < 0 || relative < 0) {
                throw new IllegalArgumentException("tolerances must not be negative");
            }
        }
    }

    /** Number arrays are equal when cosine similarity is at least {@code cosineAtLeast} and no element differs by more than {@code maxAbs}. */
    public record VectorRule(Double cosineAtLeast, Double maxAbs) {
        public VectorRule {
            if (cosineAtLeast == null && maxAbs == null) {
                throw new IllegalArgumentException("a vector rule needs cosineAtLeast, maxAbs or both");
            }
        }
    }

    /** Arrays matched by a key field ({@code by}) or as multisets ({@code unordered}). */
    public record ArrayRule(String by, Boolean unordered) {
        public ArrayRule {
            unordered = unordered != null && unordered;
            if (by == null && !unordered) {
                throw new IllegalArgumentException("an array rule needs 'by: <field>' or 'unordered: true'");
            }
        }
    }
}
