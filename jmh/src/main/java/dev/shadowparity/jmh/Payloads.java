package dev.shadowparity.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * Generated documents for the comparator benchmark and the quality table: REST payloads of about 1 KB,
 * 16 KB and 256 KB and a 512-float embedding, each as a primary and three candidates. Seeded, so every
 * run measures the same bytes.
 */
public final class Payloads {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The generated payloads: REST documents of about 1, 16 and 256 KB, and a 512-float embedding. */
    public enum Shape {
        REST_1K(1 << 10), REST_16K(16 << 10), REST_256K(256 << 10), EMBEDDING_512(0);

        final int targetBytes;

        Shape(int targetBytes) {
            this.targetBytes = targetBytes;
        }
    }

    /** How the candidate's body differs: not at all, by three true differences, or by drift inside a tolerance. */
    public enum Variant {
        /** The same bytes: the byte-equal path decides. */
        BYTE_IDENTICAL,
        /** The same document written another way: indented, and one object's fields in another order. */
        IDENTICAL,
        /** Exactly three true differences: one changed value, one missing field, one array element moved. */
        DIFF,
        /** Every float drifts by a relative 1e-9 (prices) or an absolute 1e-7 (embedding): inside the declared tolerance. */
        DRIFT
    }

    /** True differences in each variant, as a reviewer counts them. */
    public static int trueDifferences(Variant v) {
        return v == Variant.DIFF ? 3 : 0;
    }

    /** The primary's and the candidate's body of one payload. */
    public record Pair(byte[] primary, byte[] candidate) {}

    private Payloads() {}

    public static Pair of(Shape shape, Variant variant) {
        ObjectNode primary = shape == Shape.EMBEDDING_512 ? embedding() : rest(shape.targetBytes);
        ObjectNode candidate = primary.deepCopy();
        String array = shape == Shape.EMBEDDING_512 ? "embedding" : "items";
        switch (variant) {
            case BYTE_IDENTICAL, IDENTICAL -> { }
            case DIFF -> {
                ArrayNode a = (ArrayNode) candidate.get(array);
                if (shape == Shape.EMBEDDING_512) {
                    a.set(10, a.get(10).doubleValue() + 0.5);
                    candidate.remove("norm");
                } else {
                    ObjectNode third = (ObjectNode) a.get(2);
                    third.put("price", third.get("price").doubleValue() + 1.0);
                    ((ObjectNode) candidate.get("customer")).remove("email");
                }
                a.add(a.remove(1)); // the second element moves to the end
            }
            case DRIFT -> {
                ArrayNode a = (ArrayNode) candidate.get(array);
                for (int i = 0; i < a.size(); i++) {
                    if (shape == Shape.EMBEDDING_512) {
                        a.set(i, a.get(i).doubleValue() + 1e-7);
                    } else {
                        ObjectNode item = (ObjectNode) a.get(i);
                        item.put("price", item.get("price").doubleValue() * (1 + 1e-9));
                    }
                }
            }
        }
        try {
            if (variant == Variant.IDENTICAL) {
                // what a rewrite in another language sends: its own indentation, a dictionary's own field order
                ObjectNode reordered = shape == Shape.EMBEDDING_512 ? candidate : (ObjectNode) candidate.get("customer");
                reverseFields(reordered, shape == Shape.EMBEDDING_512 ? 2 : 0);
                return new Pair(MAPPER.writeValueAsBytes(primary), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(candidate));
            }
            return new Pair(MAPPER.writeValueAsBytes(primary), MAPPER.writeValueAsBytes(candidate));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the fields of {@code o} from the {@code from}th on in reverse order. */
    private static void reverseFields(ObjectNode o, int from) {
        java.util.List<java.util.Map.Entry<String, JsonNode>> fields = new java.util.ArrayList<>();
        o.fields().forEachRemaining(fields::add);
        o.removeAll();
        for (int i = 0; i < from; i++) {
            o.set(fields.get(i).getKey(), fields.get(i).getValue());
        }
        for (int i = fields.size() - 1; i >= from; i--) {
            o.set(fields.get(i).getKey(), fields.get(i).getValue());
        }
    }

    /** An order with line items, grown until it reaches {@code targetBytes}. */
    private static ObjectNode rest(int targetBytes) {
        Random r = new Random(42);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", "ord-20261123-000042");
        o.put("status", "confirmed");
        o.put("currency", "EUR");
        o.put("createdAt", "2026-11-23T10:00:00Z");
        ObjectNode customer = o.putObject("customer");
        customer.put("id", 7781);
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.org");
        customer.putObject("address").put("city", "London").put("zip", "NW1 6XE");
        ArrayNode items = o.putArray("items");
        int size = 260; // the envelope above, serialised
        for (int k = 0; size < targetBytes || items.size() < 4; k++) {
            ObjectNode item = items.addObject();
            item.put("id", 1000 + k);
            item.put("sku", "SKU-" + Integer.toString(100000 + r.nextInt(900000), 36));
            item.put("name", "item " + k);
            item.put("price", Math.round(r.nextDouble() * 10000) / 100.0 + 0.001);
            item.put("qty", 1 + r.nextInt(5));
            item.putArray("tags").add("t" + r.nextInt(20)).add("t" + r.nextInt(20));
            item.put("active", r.nextBoolean());
            size += item.toString().length() + 1;
        }
        o.put("total", items.size());
        return o;
    }

    private static ObjectNode embedding() {
        Random r = new Random(7);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", "face-v2");
        o.put("dim", 512);
        ArrayNode v = o.putArray("embedding");
        for (int i = 0; i < 512; i++) {
            v.add(r.nextGaussian() / 22.6);
        }
        o.put("norm", 1.0);
        return o;
    }

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
