package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Prints, for every payload shape and variant, how many differences each library reports beside how many
 * are true; with {@code --jmh results.json} (JMH's JSON output of {@link ComparatorBenchmark}) also each
 * library's throughput as a ratio of the Jackson lower bound. Same payloads, same code, one run.
 */
public final class QualityTable {

    private static final List<String> LIBRARIES = List.of("shadowParity", "shadowParityOnTrees", "jacksonEquals", "jsonAssertStrict",
            "jsonAssertLenient", "zjsonpatch");

    private QualityTable() {}

    public static void main(String[] args) throws IOException {
        System.out.print(quality());
        if (args.length == 2 && args[0].equals("--jmh")) {
            System.out.println();
            JsonNode jmh = Payloads.MAPPER.readTree(Path.of(args[1]).toFile());
            System.out.print(throughput(jmh));
            System.out.println();
            System.out.print(contract(jmh));
            System.out.println();
            System.out.print(rules(jmh));
        }
    }

    /** Reported differences per library; Jackson equals can only say 0 (equal) or 1 (differs). */
    public static Map<String, Integer> counts(Payloads.Shape shape, Payloads.Variant variant) {
        Payloads.Pair pair = Payloads.of(shape, variant);
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("shadowParity", Differs.ours(pair, variant));
        m.put("shadowParityOnTrees", Differs.oursOnTrees(pair, variant));
        m.put("jacksonEquals", Differs.jacksonEquals(pair));
        m.put("jsonAssertStrict", Differs.jsonAssert(pair, JSONCompareMode.STRICT));
        m.put("jsonAssertLenient", Differs.jsonAssert(pair, JSONCompareMode.LENIENT));
        m.put("zjsonpatch", Differs.zjsonpatch(pair));
        return m;
    }

    static String quality() {
        StringBuilder sb = new StringBuilder("""
                Differences reported (true differences in the second column; Jackson equals says only 0 or 1)

                | payload | variant | true | shadow-parity | on trees | Jackson equals | JSONassert STRICT | JSONassert LENIENT | zjsonpatch |
                |---|---|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (Payloads.Shape shape : Payloads.Shape.values()) {
            for (Payloads.Variant variant : Payloads.Variant.values()) {
                Map<String, Integer> c = counts(shape, variant);
                sb.append("| ").append(label(shape)).append(" | ").append(variant.name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(Payloads.trueDifferences(variant));
                for (String lib : LIBRARIES) {
                    sb.append(" | ").append(c.get(lib));
                }
                sb.append(" |\n");
            }
        }
        return sb.toString();
    }

    static String throughput(JsonNode jmh) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (JsonNode r : jmh) {
            String method = r.path("benchmark").asText().replaceAll(".*\\.", "");
            String key = r.path("params").path("shape").asText() + "/" + r.path("params").path("variant").asText() + "/" + method;
            score.put(key, r.path("primaryMetric").path("score").asDouble());
        }
        StringBuilder sb = new StringBuilder("""
                Comparisons per second (one thread, parse included) and, in brackets, the ratio to Jackson readTree + equals

                | payload | variant | Jackson equals | shadow-parity | shadow-parity on trees | JSONassert STRICT | JSONassert LENIENT | zjsonpatch |
                |---|---|---:|---:|---:|---:|---:|---:|
                """);
        for (Payloads.Shape shape : Payloads.Shape.values()) {
            for (Payloads.Variant variant : Payloads.Variant.values()) {
                String prefix = shape + "/" + variant + "/";
                Double base = score.get(prefix + "jacksonEquals");
                if (base == null) {
                    continue;
                }
                sb.append("| ").append(label(shape)).append(" | ").append(variant.name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", base));
                for (String lib : List.of("shadowParity", "shadowParityOnTrees", "jsonAssertStrict", "jsonAssertLenient", "zjsonpatch")) {
                    Double s = score.get(prefix + lib);
                    sb.append(" | ").append(s == null ? "-" : String.format(Locale.ROOT, "%,.0f (%.2fx)", s, s / base));
                }
                sb.append(" |\n");
            }
        }
        return sb.toString();
    }

    /** ContractBenchmark's rows: answers held to their contract per second, as a ratio of the Jackson parse of the body. */
    static String contract(JsonNode jmh) {
        Map<String, Double> score = new java.util.TreeMap<>();
        for (JsonNode r : jmh) {
            if (r.path("benchmark").asText().contains("ContractBenchmark")) {
                score.put(r.path("params").path("pets").asText() + "/" + r.path("params").path("formats").asText() + "/" + r.path("benchmark").asText().replaceAll(".*\\.", ""),
                        r.path("primaryMetric").path("score").asDouble());
            }
        }
        StringBuilder sb = new StringBuilder("""
                OpenAPI contract check per answer (parse, status, content type, schema), one thread, and the ratio to the Jackson
                parse of the same body (the lower bound)

                | page | body | formats | Jackson parse | contract check |
                |---|---:|---|---:|---:|
                """);
        for (String pets : List.of("8", "128", "2048")) {
            for (String formats : List.of("true", "false")) {
                Double base = score.get(pets + "/" + formats + "/jacksonParse");
                Double check = score.get(pets + "/" + formats + "/contractCheck");
                if (base == null || check == null) {
                    continue;
                }
                sb.append("| ").append(pets).append(" pets | ~").append(switch (pets) { case "8" -> "1 KB"; case "128" -> "16 KB"; default -> "256 KB"; })
                        .append(formats.equals("true") ? " | email, date" : " | none")
                        .append(String.format(Locale.ROOT, " | %,.0f | %,.0f (%.2fx) |%n", base, check, check / base));
            }
        }
        return sb.toString();
    }

    /** RuleBenchmark's rows: one ML answer compared under each rule, as a ratio of Jackson readTree + equals on the pair. */
    static String rules(JsonNode jmh) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (JsonNode r : jmh) {
            if (r.path("benchmark").asText().contains("RuleBenchmark")) {
                score.put(r.path("params").path("rule").asText() + "/" + r.path("params").path("variant").asText() + "/"
                        + r.path("benchmark").asText().replaceAll(".*\\.", ""), r.path("primaryMetric").path("score").asDouble());
            }
        }
        StringBuilder sb = new StringBuilder("""
                Each rule's cost: one ML answer (~4 KB) compared under that rule, comparisons per second and the ratio to Jackson
                readTree + equals on the same pair (identical: written another way; drifted: what the rule judges moved inside
                what it accepts; no rule: the same numbers drifted, each reported)

                | rule | identical | drifted |
                |---|---:|---:|
                """);
        for (RuleBenchmark.Rule rule : RuleBenchmark.Rule.values()) {
            StringBuilder row = new StringBuilder("| " + rule.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            boolean any = false;
            for (RuleBenchmark.Variant variant : RuleBenchmark.Variant.values()) {
                Double base = score.get(rule + "/" + variant + "/jacksonEquals");
                Double ours = score.get(rule + "/" + variant + "/shadowParity");
                any |= base != null && ours != null;
                row.append(base == null || ours == null ? " | -" : String.format(Locale.ROOT, " | %,.0f (%.2fx)", ours, ours / base));
            }
            if (any) {
                sb.append(row).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String label(Payloads.Shape shape) {
        return switch (shape) {
            case REST_1K -> "REST ~1 KB";
            case REST_16K -> "REST ~16 KB";
            case REST_256K -> "REST ~256 KB";
            case EMBEDDING_512 -> "embedding, 512 floats";
        };
    }
}
