package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each ML rule costs: one face-match answer (~4 KB: a label, eight match distances, ten ranked results, a
 * 128-float embedding, a generated summary) compared under one rule at a time, as a ratio of Jackson
 * {@code readTree} + {@code equals} on the same pair. {@code identical} is the answer written another way
 * (indented), which every rule must cost no more to pass than no rule; {@code drifted} moves what the rule judges
 * inside what it accepts (numbers within the tolerance, the summary reworded, the label flipped: a flip is noise for
 * parity, counted for the agreement check), so the rule does its work and reports no regression. Without a rule the
 * drift is the tolerance rule's, reported value by value. {@code bench/comparators.sh} prints the rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RuleBenchmark {

    private static final String DISTANCES = "\"$.matches[*].distance\": { relative: 0.000001 }";
    private static final String SCORES = "\"$.results[*].score\": { relative: 0.000001 }";
    private static final String CONFIDENCE = "\"$.confidence\": { relative: 0.000001 }";
    private static final String FLOATS = "\"$.embedding[*]\": { absolute: 0.000001 }";

    /** One rule each (with the tolerances a team would declare beside it), or all of them. */
    public enum Rule {
        NONE(),
        TOLERANCE(DISTANCES, SCORES, CONFIDENCE, FLOATS),
        DECISIONS(DISTANCES, SCORES, CONFIDENCE, FLOATS, "decisions: { \"$.matches[*].distance\": { bands: [0.50, 0.60] } }"),
        VECTORS(DISTANCES, SCORES, CONFIDENCE, "vectors: { \"$.embedding\": { cosineAtLeast: 0.999, maxAbs: 0.000001 } }"),
        TOP_K(DISTANCES, CONFIDENCE, FLOATS, "topK: { \"$.results\": { k: 10, label: id, score: score, scoreTolerance: 0.000001 } }"),
        LABELS(DISTANCES, SCORES, CONFIDENCE, FLOATS, "labels: { \"$.label\": { minAgreement: 0.995 } }"),
        SIMILARITY(DISTANCES, SCORES, CONFIDENCE, FLOATS, "similarity: { \"$.summary\": { metric: rouge-l, atLeast: 0.8 } }"),
        ALL(DISTANCES, SCORES, CONFIDENCE,
                "decisions: { \"$.matches[*].distance\": { bands: [0.50, 0.60] } }",
                "vectors: { \"$.embedding\": { cosineAtLeast: 0.999, maxAbs: 0.000001 } }",
                "topK: { \"$.results\": { k: 10, label: id, score: score, scoreTolerance: 0.000001 } }",
                "labels: { \"$.label\": { minAgreement: 0.995 } }",
                "similarity: { \"$.summary\": { metric: rouge-l, atLeast: 0.8 } }");

        /** The rule's YAML under the route: its tolerances (the fragments above), then its own rule. */
        final String yaml;

        Rule(String... parts) {
            StringBuilder tolerances = new StringBuilder();
            StringBuilder others = new StringBuilder();
            for (String part : parts) {
                if (part.startsWith("\"")) {
                    tolerances.append(tolerances.isEmpty() ? "" : ", ").append(part);
                } else {
                    others.append("    ").append(part).append('\n');
                }
            }
            this.yaml = (tolerances.isEmpty() ? "" : "    tolerance: { " + tolerances + " }\n") + others;
        }

        ExchangeComparator comparator() {
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    backends: { primary: { url: http://127.0.0.1:1 }, candidate: { url: http://127.0.0.1:2 } }
                    routes:
                      - route: POST /match
                    """ + yaml, "rules.yaml");
            return ExchangeComparator.of(suite);
        }
    }

    /** The same answer written another way, or with what the rule judges moved inside what it accepts. */
    public enum Variant { IDENTICAL, DRIFTED }

    @Param({"NONE", "TOLERANCE", "DECISIONS", "VECTORS", "TOP_K", "LABELS", "SIMILARITY", "ALL"})
    public Rule rule;

    @Param({"IDENTICAL", "DRIFTED"})
    public Variant variant;

    private Payloads.Pair pair;
    private ExchangeComparator comparator;

    @Setup
    public void setUp() {
        pair = pair(rule, variant);
        comparator = rule.comparator();
    }

    /** The regressions (differences that are not noise) the rule's comparator reports on its pair. */
    public static long regressions(Rule rule, Variant variant) {
        Payloads.Pair p = pair(rule, variant);
        return rule.comparator().compareJson("POST", "/match", p.primary(), p.candidate()).stream()
                .filter(d -> !d.isNoise()).count();
    }

    @Benchmark
    public int jacksonEquals() {
        return Differs.jacksonEquals(pair);
    }

    @Benchmark
    public int shadowParity() {
        return comparator.compareJson("POST", "/match", pair.primary(), pair.candidate()).size();
    }

    static Payloads.Pair pair(Rule rule, Variant variant) {
        ObjectNode primary = answer();
        ObjectNode candidate = primary.deepCopy();
        try {
            if (variant == Variant.IDENTICAL) {
                return new Payloads.Pair(Payloads.MAPPER.writeValueAsBytes(primary),
                        Payloads.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(candidate));
            }
            boolean all = rule == Rule.ALL;
            boolean numbers = rule == Rule.NONE || rule == Rule.TOLERANCE || all;
            if (numbers) {
                candidate.put("confidence", candidate.get("confidence").doubleValue() * (1 + 1e-9));
            }
            if (numbers || rule == Rule.DECISIONS) {
                drift(candidate.withArray("matches"), "distance");
            }
            if (numbers || rule == Rule.TOP_K) {
                drift(candidate.withArray("results"), "score");
            }
            if (numbers || rule == Rule.VECTORS) {
                ArrayNode embedding = candidate.withArray("embedding");
                for (int i = 0; i < embedding.size(); i++) {
                    embedding.set(i, embedding.get(i).doubleValue() + 1e-8);
                }
            }
            if (rule == Rule.LABELS || all) {
                candidate.put("label", "no-match");
            }
            if (rule == Rule.SIMILARITY || all) {
                candidate.put("summary", candidate.get("summary").asText().replace("high confidence", "great confidence"));
            }
            return new Payloads.Pair(Payloads.MAPPER.writeValueAsBytes(primary), Payloads.MAPPER.writeValueAsBytes(candidate));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drift(ArrayNode elements, String field) {
        for (var e : elements) {
            ((ObjectNode) e).put(field, e.get(field).doubleValue() * (1 + 1e-9));
        }
    }

    private static ObjectNode answer() {
        Random r = new Random(11);
        ObjectNode o = Payloads.MAPPER.createObjectNode();
        o.put("model", "face-v2");
        o.put("label", "match");
        o.put("confidence", 0.9312);
        ArrayNode matches = o.putArray("matches");
        for (int i = 0; i < 8; i++) {
            // kept away from the bands' edges, so drift inside the tolerance flips no decision
            matches.addObject().put("id", "p-" + (100 + i)).put("distance", 0.302 + 0.045 * i + r.nextDouble() * 0.001);
        }
        ArrayNode results = o.putArray("results");
        for (int i = 0; i < 10; i++) {
            results.addObject().put("id", "doc-" + r.nextInt(1000)).put("score", 0.99 - 0.07 * i - r.nextDouble() * 0.001);
        }
        ArrayNode embedding = o.putArray("embedding");
        for (int i = 0; i < 128; i++) {
            embedding.add(r.nextGaussian() / 11.3);
        }
        o.put("summary", "The person at the door matches Ada Lovelace with high confidence; two other faces in the frame"
                + " were uncertain and one was not a match.");
        return o;
    }
}
