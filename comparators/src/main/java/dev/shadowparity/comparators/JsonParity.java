package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.List;

/**
 * The comparator on its own, for code that already holds both answers: two JSON bodies compared under one route's
 * rules (the keys a route takes in {@code parity.yaml}: {@code ignore}, {@code tolerance}, {@code vectors},
 * {@code arrays}, {@code topK}, {@code decisions}, ...), with the same differences a run would report.
 *
 * <pre>{@code
 * List<Difference> d = JsonParity.compare(legacyJson, rewriteJson, """
 *         ignore: [$.requestId]
 *         tolerance: { "$.score": { absolute: 0.001 } }
 *         """);
 * }</pre>
 */
public final class JsonParity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonParity() {}

    /** Every difference between the two bodies, noise included (each says why); none when they agree. */
    public static List<Difference> compare(String primaryJson, String candidateJson, String routeRules) {
        ExchangeComparator comparator = ExchangeComparator.of(suite(routeRules));
        return comparator.compareJson("POST", "/", parse(primaryJson, "primary"), parse(candidateJson, "candidate"));
    }

    /** The differences that are not noise: what would fail a run. */
    public static List<Difference> regressions(String primaryJson, String candidateJson, String routeRules) {
        return compare(primaryJson, candidateJson, routeRules).stream().filter(d -> !d.isNoise()).toList();
    }

    private static SuiteConfig suite(String routeRules) {
        StringBuilder text = new StringBuilder("routes:\n  - route: POST /\n");
        for (String line : (routeRules == null ? "" : routeRules).split("\n", -1)) {
            if (!line.isBlank()) {
                text.append("    ").append(line).append('\n');
            }
        }
        // Backends are the loader's requirement for a suite, not the comparator's: any two serve.
        return new ConfigLoader(name -> null).parse(text.toString(), "the route rules", java.nio.file.Path.of("").toAbsolutePath(),
                "http://primary.invalid:1", "http://candidate.invalid:1");
    }

    private static JsonNode parse(String body, String side) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ParityException("the " + side + " body is not JSON: " + e.getOriginalMessage());
        }
    }
}
