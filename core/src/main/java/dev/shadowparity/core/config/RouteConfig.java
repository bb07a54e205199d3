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
 * @param coerceTypes   a number and a string holding the same number (or a boolean and "true"/"false") are
 *                      equal; off by default, because migrations often break exactly that
 * @param equivalent    per JSON path, a regular expression: two values that both match it are equal
 *                      (generated ids, hashes)
 * @param topK          per JSON path, ranked results (labels with scores) compared on their first k
 * @param text          how non-JSON text bodies compare: {@code exact} (default) or {@code whitespace}
 *                      (runs of whitespace are one space; leading and trailing whitespace is dropped)
 * @param expect        a response the candidate must meet on this route, checked with JSONassert
 * @param budgets       load budgets for this route, overriding the suite's field by field
 * @param decisions     per JSON path, the thresholds a number is judged by ({@code bands}) and what each band
 *                      means ({@code labels}): a value in another band on each side is a {@code decision}
 *                      difference, even where the tolerance accepts the drift
 * @param bias          per JSON path (one with a tolerance), {@code maxMeanShift}: the mean of the candidate's signed
 *                      drift there may not exceed it either way, so drift inside the tolerance but always one way
 *                      holds the phase
 * @param labels        per JSON path of a classification output (one field, no {@code [*]}), {@code minAgreement}: the
 *                      share of compared exchanges whose label is the same on both sides; a flip is counted by label
 *                      pair (a confusion matrix) and judged by that agreement check, not by the endpoint's parity
 * @param similarity    per JSON path of generated text (or {@code body} for a text body), how alike the two texts must
 *                      be: JSON inside the text is compared as JSON, the same words with numbers within {@code numbers}
 *                      are equal, and otherwise the {@code metric}'s score must reach {@code atLeast}
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
        Boolean candidateMayAddFields,
        Boolean coerceTypes,
        Map<String, String> equivalent,
        Map<String, TopK> topK,
        String text,
        Expectation expect,
        Budgets budgets,
        Map<String, DecisionRule> decisions,
        Map<String, BiasRule> bias,
        Map<String, SimilarityRule> similarity,
        Map<String, LabelRule> labels) {

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
        coerceTypes = coerceTypes != null && coerceTypes;
        equivalent = equivalent == null ? Map.of() : Map.copyOf(equivalent);
        equivalent.forEach((path, regex) -> {
            try {
                java.util.regex.Pattern.compile(regex);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("equivalent." + path + ": not a regular expression: " + e.getDescription());
            }
        });
        topK = topK == null ? Map.of() : Map.copyOf(topK);
        text = text == null ? "exact" : text;
        if (!text.equals("exact") && !text.equals("whitespace")) {
            throw new IllegalArgumentException("text must be 'exact' or 'whitespace', got '" + text + "'");
        }
        budgets = budgets == null ? Budgets.DEFAULT : budgets;
        decisions = decisions == null ? Map.of() : Map.copyOf(decisions);
        bias = bias == null ? Map.of() : Map.copyOf(bias);
        similarity = similarity == null ? Map.of() : Map.copyOf(similarity);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        for (String path : labels.keySet()) {
            if (path.contains("*")) {
                throw new IllegalArgumentException("labels." + path + ": agreement is counted per exchange: name one field"
                        + " ($.prediction.label), not every element ([*])");
            }
        }
        topK.forEach((path, rule) -> {
            if (rule.judgedByRanking() && (path.contains("*") || path.contains(".."))) {
                throw new IllegalArgumentException("topK." + path + ": ranked lists are judged per exchange: with minJaccard,"
                        + " minTau or minSameFirst name one list ($.results), not every element's ([*])");
            }
        });
        for (String path : bias.keySet()) {
            if (!tolerance.containsKey(path)) {
                throw new IllegalArgumentException("bias." + path + ": drift is measured where a tolerance is declared;"
                        + " add tolerance: { \"" + path + "\": {...} } for this path");
            }
        }
    }

    /** A route with default rules. */
    public static RouteConfig of(String route, boolean mirrorWrites) {
        return new RouteConfig(route, mirrorWrites, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The same rules for another route text (a spec's operation the suite's route adds its rules to). */
    public RouteConfig withRoute(String other) {
        return new RouteConfig(other, mirrorWrites, kind, ignore, ignoreHeaders, tolerance, vectors, arrays, candidateMayAddFields,
                coerceTypes, equivalent, topK, text, expect, budgets, decisions, bias, similarity, labels);
    }

    /**
     * A declared answer: the candidate's status must equal {@code status} when set, and its JSON body must
     * meet {@code body} under JSONassert's {@code mode}: {@code LENIENT} (default: extra fields and any array
     * order allowed), {@code STRICT}, {@code NON_EXTENSIBLE} or {@code STRICT_ORDER}.
     */
    public record Expectation(Integer status, com.fasterxml.jackson.databind.JsonNode body, String mode) {
        public static final List<String> MODES = List.of("STRICT", "LENIENT", "NON_EXTENSIBLE", "STRICT_ORDER");

        public Expectation {
            mode = mode == null ? "LENIENT" : mode.toUpperCase(java.util.Locale.ROOT);
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("mode must be one of " + MODES + ", got '" + mode + "'");
            }
            if (status == null && body == null) {
                throw new IllegalArgumentException("an expectation needs a status, a body or both");
            }
            if (body != null && !body.isContainerNode()) {
                throw new IllegalArgumentException("body must be a JSON object or array");
            }
        }
    }

    /**
     * Ranked results such as {@code [{"label":"cat","score":0.91}, …]}: the first {@code k} labels must come
     * in the same order and their scores agree within {@code scoreTolerance} (absolute); the rest is ignored.
     * Over the run, the route's ranked lists are also measured as a search team judges a ranking: the mean Jaccard@k
     * of the two lists' first {@code k} labels, the mean Kendall tau of the ranks they give the labels they share, and
     * the share of answers with the same first result. A threshold given ({@code minJaccard}, {@code minTau},
     * {@code minSameFirst}) is a check of the gate, held at every phase; a list that differs is then judged by those
     * checks rather than by the endpoint's parity, as a label flip is by its agreement check.
     */
    public record TopK(@JsonProperty(required = true) Integer k, String label, String score, Double scoreTolerance,
                       Double minJaccard, Double minTau, Double minSameFirst) {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, got " + k);
            }
            label = label == null ? "label" : label;
            score = score == null ? "score" : score;
            scoreTolerance = scoreTolerance == null ? 0.0 : scoreTolerance;
            if (scoreTolerance < 0) {
                throw new IllegalArgumentException("scoreTolerance must not be negative");
            }
            if (minJaccard != null && (minJaccard < 0 || minJaccard > 1)) {
                throw new IllegalArgumentException("minJaccard is a mean Jaccard@k within 0-1, got " + minJaccard);
            }
            if (minTau != null && (minTau < -1 || minTau > 1)) {
                throw new IllegalArgumentException("minTau is a mean Kendall tau within -1..1, got " + minTau);
            }
            if (minSameFirst != null && (minSameFirst < 0 || minSameFirst > 1)) {
                throw new IllegalArgumentException("minSameFirst is a share within 0-1, got " + minSameFirst);
            }
        }

        /** Whether the run's ranking statistics, not each answer's parity, judge a list that differs. */
        public boolean judgedByRanking() {
            return minJaccard != null || minTau != null || minSameFirst != null;
        }
    }

    /** A classification field: at least {@code minAgreement} (0-1, default 0.99) of compared exchanges agree on it. */
    public record LabelRule(Double minAgreement) {
        public LabelRule {
            minAgreement = minAgreement == null ? 0.99 : minAgreement;
            if (minAgreement < 0 || minAgreement > 1) {
                throw new IllegalArgumentException("minAgreement is a share within 0-1, got " + minAgreement);
            }
        }
    }

    /**
     * Generated text judged by meaning, not bytes: {@code metric} is {@code token-jaccard}, {@code levenshtein} or
     * {@code rouge-l} (default), {@code atLeast} the score two texts must reach (0-1, default 0.8); {@code numbers}, when
     * set, lets the same words with numbers inside that tolerance be equal ("in 3.50 days" and "in 3.5 days").
     */
    public record SimilarityRule(String metric, Double atLeast, Tolerance numbers) {
        public static final String TOKEN_JACCARD = "token-jaccard";
        public static final String LEVENSHTEIN = "levenshtein";
        public static final String ROUGE_L = "rouge-l";

        public SimilarityRule {
            metric = metric == null ? ROUGE_L : metric;
            if (!List.of(TOKEN_JACCARD, LEVENSHTEIN, ROUGE_L).contains(metric)) {
                throw new IllegalArgumentException("metric must be token-jaccard, levenshtein or rouge-l, got '" + metric + "'");
            }
            atLeast = atLeast == null ? 0.8 : atLeast;
            if (atLeast < 0 || atLeast > 1) {
                throw new IllegalArgumentException("atLeast is a score within 0-1, got " + atLeast);
            }
        }
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

    /**
     * Number arrays are equal when cosine similarity is at least {@code cosineAtLeast} and no element differs by more
     * than {@code maxAbs}. {@code minMeanCosine} makes a gate check of the run's vectors at this path: the mean cosine
     * similarity of the vectors that differed by value must reach it, so a candidate whose every vector passes
     * {@code cosineAtLeast} but which is worse across the run holds the phase (vectors alike by value would only
     * raise the mean: it is measured over the ones that differed, the pessimistic figure).
     */
    public record VectorRule(Double cosineAtLeast, Double maxAbs, Double minMeanCosine) {
        public VectorRule {
            if (cosineAtLeast == null && maxAbs == null) {
                throw new IllegalArgumentException("a vector rule needs cosineAtLeast, maxAbs or both");
            }
            if (minMeanCosine != null && (minMeanCosine < -1 || minMeanCosine > 1)) {
                throw new IllegalArgumentException("minMeanCosine is a mean cosine similarity within -1 to 1, got " + minMeanCosine);
            }
        }

        /** A rule checked without a run-wide threshold. */
        public VectorRule(Double cosineAtLeast, Double maxAbs) {
            this(cosineAtLeast, maxAbs, null);
        }

        /** Whether the run's cosine distribution at this path is a gate check. */
        public boolean judgedByCosine() {
            return minMeanCosine != null;
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

    /**
     * The thresholds a number is judged by, as the service's callers use it: {@code bands: [0.50, 0.60]} cut the line
     * into {@code below} 0.50, {@code between} 0.50 and 0.60, and {@code above} 0.60 (each band holds its lower
     * threshold). {@code labels} names them ({@code {below: confident, between: uncertain, above: none}}); without
     * it they are named by their range.
     */
    public record DecisionRule(@JsonProperty(required = true) List<Double> bands, Map<String, String> labels) {
        public DecisionRule {
            if (bands.isEmpty()) {
                throw new IllegalArgumentException("bands needs at least one threshold");
            }
            for (int i = 1; i < bands.size(); i++) {
                if (!(bands.get(i) > bands.get(i - 1))) {
                    throw new IllegalArgumentException("bands must rise: " + bands);
                }
            }
            bands = List.copyOf(bands);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            List<String> allowed = bands.size() == 1 ? List.of("below", "above") : bands.size() == 2
                    ? List.of("below", "between", "above") : List.of();
            for (String key : labels.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException("labels: '" + key + "' is not one of " + allowed
                            + (allowed.isEmpty() ? " (labels name one or two thresholds' bands; more are named by range)" : ""));
                }
            }
        }

        /** Which band {@code value} falls in, 0 (below the first threshold) to {@code bands.size()}. */
        public int bandOf(double value) {
            int band = 0;
            while (band < bands.size() && value >= bands.get(band)) {
                band++;
            }
            return band;
        }

        /** The band's label, or its range ({@code < 0.5}, {@code 0.5-0.6}, {@code >= 0.6}). */
        public String label(int band) {
            String key = band == 0 ? "below" : band == bands.size() ? "above" : "between";
            String named = labels.get(key);
            if (named != null) {
                return named;
            }
            return band == 0 ? "< " + bands.get(0) : band == bands.size() ? ">= " + bands.get(band - 1)
                    : bands.get(band - 1) + "-" + bands.get(band);
        }
    }

    /**
     * The candidate's drift at a path may be inside its tolerance every time and still always one way: the mean of
     * the signed drift must stay within {@code maxMeanShift}, judged once {@code minValues} (default 30) are seen.
     */
    public record BiasRule(@JsonProperty(required = true) Double maxMeanShift, Integer minValues) {
        public BiasRule {
            if (maxMeanShift < 0) {
                throw new IllegalArgumentException("maxMeanShift must not be negative");
            }
            minValues = minValues == null ? 30 : minValues;
            if (minValues < 1) {
                throw new IllegalArgumentException("minValues must be at least 1, got " + minValues);
            }
        }
    }
}
