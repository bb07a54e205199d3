package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Property: on generated documents and generated edits of them, our differ reports no difference exactly
 * when JSONassert STRICT finds none. Seeded, so a failure names a document that can be replayed.
 */
class AgreesWithJsonAssertTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int DOCUMENTS = 5_000;

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(""));

    private static JsonNode value(Random r, int depth) {
        int pick = r.nextInt(depth >= 4 ? 6 : 8);
        return switch (pick) {
            case 0 -> F.numberNode(r.nextInt(20));
            case 1 -> F.numberNode(r.nextInt(2000) / 100.0);
            case 2 -> F.textNode("s" + r.nextInt(6));
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.nullNode();
            case 5 -> F.textNode("");
            case 6 -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set("k" + r.nextInt(8), value(r, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(6); i > 0; i--) {
                    a.add(value(r, depth + 1));
                }
                yield a;
            }
        };
    }

    /** Every container in {@code node}, so an edit can land anywhere. */
    private static void containers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                containers(child, out);
            }
        }
    }

    /** One random edit; some change nothing a reader would call a difference (key order, 1 vs 1.0). */
    private static void edit(Random r, JsonNode root) {
        List<JsonNode> all = new ArrayList<>();
        containers(root, all);
        JsonNode target = all.get(r.nextInt(all.size()));
        if (target instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            int kind = r.nextInt(5);
            if (keys.isEmpty() || kind == 0) {
                o.set("k" + r.nextInt(10), value(r, 3));
            } else if (kind == 1) {
                o.remove(keys.get(r.nextInt(keys.size())));
            } else if (kind == 2) {
                o.set(keys.get(r.nextInt(keys.size())), value(r, 3));
            } else if (kind == 3) { // same members, other order
                ObjectNode copy = o.deepCopy();
                o.removeAll();
                for (int i = keys.size() - 1; i >= 0; i--) {
                    o.set(keys.get(i), copy.get(keys.get(i)));
                }
            } else { // integers written as decimals: the same numbers
                for (String k : keys) {
                    if (o.get(k).isInt()) {
                        o.put(k, o.get(k).intValue() * 1.0);
                    }
                }
            }
        } else if (target instanceof ArrayNode a) {
            int kind = r.nextInt(4);
            if (a.isEmpty() || kind == 0) {
                a.insert(a.isEmpty() ? 0 : r.nextInt(a.size() + 1), value(r, 3));
            } else if (kind == 1) {
                a.remove(r.nextInt(a.size()));
            } else if (kind == 2) {
                int i = r.nextInt(a.size());
                int j = r.nextInt(a.size());
                JsonNode x = a.get(i);
                a.set(i, a.get(j));
                a.set(j, x);
            } else {
                a.set(r.nextInt(a.size()), value(r, 3));
            }
        }
    }

    /**
     * JSONassert 1.5.3 throws a NullPointerException while describing a failure that involves a null array
     * element: it was recording a failure, so that counts as "not passed".
     */
    private static boolean jsonAssertStrictPasses(String primary, String candidate) throws Exception {
        try {
            return JSONCompare.compareJSON(primary, candidate, JSONCompareMode.STRICT).passed();
        } catch (NullPointerException whileDescribingAFailure) {
            return false;
        }
    }

    @Test
    void weFindNoDifferenceExactlyWhenJsonAssertStrictFindsNone() throws Exception {
        Random r = new Random(20261123);
        int equalSeen = 0;
        int differentSeen = 0;
        for (int n = 0; n < DOCUMENTS; n++) {
            ObjectNode primary = F.objectNode();
            for (int i = 1 + r.nextInt(5); i > 0; i--) {
                primary.set("f" + i, value(r, 0));
            }
            JsonNode candidate = primary.deepCopy();
            for (int e = r.nextInt(3); e > 0; e--) {
                edit(r, candidate);
            }
            String p = MAPPER.writeValueAsString(primary);
            String c = MAPPER.writeValueAsString(candidate);
            boolean jsonAssertEqual = jsonAssertStrictPasses(p, c);
            boolean oursEqual = comparator.compareJson("GET", "/doc", MAPPER.readTree(p), MAPPER.readTree(c)).isEmpty();
            assertThat(oursEqual).as("document %d:%n primary   %s%n candidate %s", n, p, c).isEqualTo(jsonAssertEqual);
            if (oursEqual) {
                equalSeen++;
            } else {
                differentSeen++;
            }
        }
        assertThat(equalSeen).as("equal pairs generated").isGreaterThan(DOCUMENTS / 5);
        assertThat(differentSeen).as("differing pairs generated").isGreaterThan(DOCUMENTS / 5);
    }

    @Test
    void ourDeepEqualityIsJacksonsAndEqualValuesHashAlike() throws Exception {
        Random r = new Random(7);
        int equalSeen = 0;
        for (int n = 0; n < DOCUMENTS; n++) {
            ObjectNode primary = F.objectNode();
            for (int i = 1 + r.nextInt(5); i > 0; i--) {
                primary.set("f" + i, value(r, 0));
            }
            primary.put("long", "a text longer than sixteen characters #" + r.nextInt(3));
            JsonNode candidate = primary.deepCopy();
            for (int e = r.nextInt(3); e > 0; e--) {
                edit(r, candidate);
            }
            // built in code (names compared by value) and parsed (names interned, compared by reference)
            for (JsonNode[] pair : List.of(new JsonNode[] {primary, candidate},
                    new JsonNode[] {MAPPER.readTree(primary.toString()), MAPPER.readTree(candidate.toString())})) {
                boolean jackson = pair[0].equals(pair[1]);
                assertThat(JsonEquality.equal(pair[0], pair[1])).as("document %d: %s vs %s", n, pair[0], pair[1])
                        .isEqualTo(jackson);
                if (jackson) {
                    equalSeen++;
                    assertThat(JsonEquality.hash(pair[1])).as("document %d", n).isEqualTo(JsonEquality.hash(pair[0]));
                }
            }
        }
        assertThat(equalSeen).as("equal pairs generated").isGreaterThan(DOCUMENTS / 5);
    }
}
