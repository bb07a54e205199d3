package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.config.RouteConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: from the bytes, the streaming differ reports exactly the differences (kinds, paths, values, noise
 * reasons, in order) and the drifts the tree differ reports on the parsed trees, on generated pairs: changed
 * values, type changes, fields missing, extra and reordered, elements moved, inserted, removed and duplicated,
 * numbers and strings written another way, whitespace, and non-JSON after the JSON; under no rules and under
 * each kind of rule. Seeded per rule set, so a failure names a pair that can be replayed.
 */
class StreamingAgreesWithTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int PAIRS = 3_000;
    private static final EndpointKey ENDPOINT = new EndpointKey("POST", "/x");
    private static final String[] NAMES = {"id", "name", "price", "tags", "items", "v", "score", "k"};
    private static final String[] TEXTS = {"a", "b", "Ada", "é ü", "line\nbreak", "", "quote\"d", "12"};

    /** The rule sets, by name: each route's rules in suite YAML. */
    private static final Map<String, String> RULES = Map.of(
            "none", "",
            "ignore", "ignore: [$.name, '$.items[*].price', $..tags]",
            "tolerance", "tolerance: { '$..price': { absolute: 0.5 }, '$.score': { relative: 0.01 } }\n"
                    + "decisions: { '$..score': { bands: [0.5] } }",
            "arrays", "arrays: { '$.items': { by: id }, '$..tags': { unordered: true } }\ncandidateMayAddFields: true",
            "vectors", "vectors: { '$..v': { maxAbs: 0.5 } }\ntopK: { '$.items': { k: 2, label: id, score: price, scoreTolerance: 0.1 } }",
            "coerce", "coerceTypes: true\nequivalent: { '$..name': '[a-z]+' }");

    @ParameterizedTest
    @ValueSource(strings = {"none", "ignore", "tolerance", "arrays", "vectors", "coerce"})
    void reportsWhatTheTreeDifferReports(String ruleSet) throws Exception {
        RouteRules rules = new RouteRules(route(RULES.get(ruleSet)), List.of());
        Random r = new Random(ruleSet.hashCode());
        int streamed = 0;
        int differing = 0;
        java.util.Set<dev.shadowparity.core.DifferenceKind> kinds = java.util.EnumSet.noneOf(dev.shadowparity.core.DifferenceKind.class);
        for (int n = 0; n < PAIRS; n++) {
            JsonNode primary = document(r);
            JsonNode candidate = edited(primary, r);
            byte[] pb = write(primary, r, false);
            byte[] cb = write(candidate, r, r.nextInt(20) == 0);
            List<Difference> treeOut = new ArrayList<>();
            List<Drift> treeDrifts = new ArrayList<>();
            JsonNode pt = MAPPER.readTree(pb);
            JsonNode ct = MAPPER.readTree(cb);
            if (!JsonEquality.equal(pt, ct)) {
                new JsonDiffer(ENDPOINT, rules, treeOut).withDrifts(treeDrifts).diffUnequal(pt, ct);
            }
            List<Difference> streamOut = new ArrayList<>();
            List<Drift> streamDrifts = new ArrayList<>();
            boolean read = StreamingJsonDiffer.diff(ENDPOINT, rules, pb, cb, streamOut, streamDrifts);
            String pair = "pair " + n + " under '" + ruleSet + "':\n" + new String(pb, StandardCharsets.UTF_8) + "\n"
                    + new String(cb, StandardCharsets.UTF_8);
            assertThat(read).as(pair).isTrue();
            assertThat(streamOut).as(pair).containsExactlyElementsOf(treeOut);
            assertThat(streamDrifts).as(pair).containsExactlyElementsOf(treeDrifts);
            streamed++;
            differing += treeOut.isEmpty() ? 0 : 1;
            treeOut.forEach(d -> kinds.add(d.kind()));
        }
        assertThat(streamed).isEqualTo(PAIRS);
        assertThat(differing).as("pairs that differ at all").isBetween(PAIRS / 4, PAIRS - PAIRS / 20);
        // every way of parting the streaming walk hands over was taken
        assertThat(kinds).as("kinds of difference seen").contains(dev.shadowparity.core.DifferenceKind.VALUE,
                dev.shadowparity.core.DifferenceKind.MISSING, dev.shadowparity.core.DifferenceKind.TYPE);
        if (ruleSet.equals("none")) {
            assertThat(kinds).contains(dev.shadowparity.core.DifferenceKind.ARRAY_ORDER,
                    dev.shadowparity.core.DifferenceKind.ARRAY_LENGTH, dev.shadowparity.core.DifferenceKind.EXTRA);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": [1, 2", "{\"a\": 1} garbage", "", "   ", "[1, 2]]", "nul", "{\"a\" 1}"})
    void refusesWhatIsNotOneJsonValueAsTheTreeParserDoes(String body) {
        RouteRules rules = new RouteRules(route(""), List.of());
        List<Difference> out = new ArrayList<>();
        boolean read = StreamingJsonDiffer.diff(ENDPOINT, rules, "{\"a\": [1, 3]}".getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8), out, null);
        JsonNode tree = dev.shadowparity.core.Bodies.parseJson(body.getBytes(StandardCharsets.UTF_8), "");
        // what the tree parser reads (trailing text after one value is ignored by both), the stream reads too
        assertThat(read).as(body).isEqualTo(tree != null && !tree.isMissingNode());
    }

    private static RouteConfig route(String rules) {
        StringBuilder yaml = new StringBuilder("routes:\n  - route: POST /x\n");
        for (String line : rules.split("\n")) {
            if (!line.isBlank()) {
                yaml.append("    ").append(line).append('\n');
            }
        }
        return Fixtures.suite(yaml.toString()).routes().get(0);
    }

    // --- documents ---

    private static JsonNode document(Random r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.nextInt(5));
        o.put("name", TEXTS[r.nextInt(TEXTS.length)]);
        o.put("score", r.nextInt(100) / 100.0);
        ArrayNode items = o.putArray("items");
        for (int i = r.nextInt(10) == 0 ? 20 + r.nextInt(40) : r.nextInt(7); i > 0; i--) {
            ObjectNode item = items.addObject();
            item.put("id", items.size() > 6 ? items.size() : r.nextInt(6));
            item.put("price", r.nextInt(300) / 10.0);
            if (r.nextBoolean()) {
                item.set("tags", array(r, 2));
            }
            if (r.nextInt(4) == 0) {
                item.set("v", vector(r));
            }
        }
        if (r.nextBoolean()) {
            o.set("v", vector(r));
        }
        if (r.nextBoolean()) {
            o.set("k", value(r, 1));
        }
        return o;
    }

    private static ArrayNode vector(Random r) {
        ArrayNode v = F.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) {
            if (r.nextInt(10) == 0) {
                v.add(r.nextInt(3));
            } else {
                v.add(r.nextInt(100) / 100.0);
            }
        }
        return v;
    }

    private static ArrayNode array(Random r, int depth) {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(6); i > 0; i--) {
            a.add(value(r, depth + 1));
        }
        return a;
    }

    private static JsonNode value(Random r, int depth) {
        int pick = r.nextInt(depth >= 4 ? 7 : 9);
        return switch (pick) {
            case 0 -> F.numberNode(r.nextInt(8));
            case 1 -> F.numberNode(r.nextInt(40) / 4.0);
            case 2 -> F.textNode(TEXTS[r.nextInt(TEXTS.length)]);
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.nullNode();
            case 5 -> F.numberNode(r.nextBoolean() ? 1L << 40 : Long.MAX_VALUE);
            case 6 -> F.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set(NAMES[r.nextInt(NAMES.length)], value(r, depth + 1));
                }
                yield o;
            }
            default -> array(r, depth);
        };
    }

    // --- edits ---

    /** A copy of {@code doc} with zero to three edits, each anywhere in it. */
    private static JsonNode edited(JsonNode doc, Random r) {
        JsonNode copy = doc.deepCopy();
        for (int e = r.nextInt(4); e > 0; e--) {
            List<JsonNode> all = new ArrayList<>();
            containers(copy, all);
            edit(all.get(r.nextInt(all.size())), r);
        }
        return copy;
    }

    private static void containers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                containers(child, out);
            }
        }
    }

    private static void edit(JsonNode container, Random r) {
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() ? null : names.get(r.nextInt(names.size()));
            switch (r.nextInt(6)) {
                case 0 -> o.set(NAMES[r.nextInt(NAMES.length)], value(r, 2));
                case 1 -> { if (name != null) { o.remove(name); } }
                case 2 -> { if (name != null) { o.set(name, changed(o.get(name), r)); } }
                case 3 -> { if (name != null) { o.set(name, value(r, 3)); } } // often a type change
                default -> reorder(o, r);
            }
        } else if (container instanceof ArrayNode a) {
            int n = a.size();
            switch (r.nextInt(6)) {
                case 0 -> a.insert(n == 0 ? 0 : r.nextInt(n + 1), value(r, 3));
                case 1 -> { if (n > 0) { a.remove(r.nextInt(n)); } }
                case 2 -> { if (n > 1) { a.add(a.remove(r.nextInt(n))); } } // moved to the end
                case 3 -> { if (n > 1) { a.insert(0, a.remove(r.nextInt(n))); } } // moved to the front
                case 4 -> { if (n > 0) { a.add(a.get(r.nextInt(n)).deepCopy()); } } // duplicated
                default -> { if (n > 0) { int i = r.nextInt(n); a.set(i, changed(a.get(i), r)); } }
            }
        }
    }

    private static JsonNode changed(JsonNode v, Random r) {
        if (v.isFloatingPointNumber()) {
            return F.numberNode(v.doubleValue() + (r.nextBoolean() ? 0.01 : 1.0));
        }
        if (v.isIntegralNumber()) {
            return r.nextBoolean() ? F.numberNode(v.longValue() + 1) : F.numberNode((double) v.longValue());
        }
        if (v.isTextual()) {
            return r.nextBoolean() ? F.textNode(v.textValue() + "x") : F.textNode(v.textValue().toUpperCase(Locale.ROOT));
        }
        if (v.isContainerNode()) {
            JsonNode copy = v.deepCopy();
            edit(copy, r);
            return copy;
        }
        return F.textNode(v.asText());
    }

    private static void reorder(ObjectNode o, Random r) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        java.util.Collections.shuffle(fields, r);
        o.removeAll();
        fields.forEach(e -> o.set(e.getKey(), e.getValue()));
    }

    // --- writing, in more than one way ---

    /**
     * The document's JSON, written with random whitespace, floats sometimes with a trailing zero or as an exponent,
     * letters sometimes escaped, and (when {@code trailing}) text after the value, which parsers of one value ignore.
     */
    private static byte[] write(JsonNode n, Random r, boolean trailing) {
        StringBuilder sb = new StringBuilder();
        write(n, r, sb);
        if (trailing) {
            sb.append(r.nextBoolean() ? " trailing text" : "\n}");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, Random r, StringBuilder sb) {
        space(r, sb);
        if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(',');
                }
                first = false;
                space(r, sb);
                string(e.getKey(), r, sb);
                space(r, sb);
                sb.append(':');
                write(e.getValue(), r, sb);
            }
            space(r, sb);
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(n.get(i), r, sb);
            }
            space(r, sb);
            sb.append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), r, sb);
        } else if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            switch (r.nextInt(4)) {
                case 0 -> sb.append(d).append('0');
                case 1 -> sb.append(String.format(Locale.ROOT, "%.6e", d).replaceAll("0+e", "0e"));
                default -> sb.append(d);
            }
        } else {
            sb.append(n.toString());
        }
        space(r, sb);
    }

    private static void string(String s, Random r, StringBuilder sb) {
        boolean escapeLetters = r.nextInt(8) == 0;
        sb.append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20 || (escapeLetters && Character.isLetter(ch))) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        sb.append('"');
    }

    private static void space(Random r, StringBuilder sb) {
        int k = r.nextInt(10);
        if (k == 0) {
            sb.append(' ');
        } else if (k == 1) {
            sb.append("\n  ");
        }
    }
}
