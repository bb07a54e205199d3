package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep equality with the meaning of Jackson's {@code JsonNode.equals} (same node types, same scalar values,
 * objects equal whatever their field order), and a content hash consistent with it.
 *
 * <p>Why not Jackson's own: {@code ObjectNode.equals} is {@code LinkedHashMap.equals}, one hash lookup per field,
 * and the differ asks "equal?" at every level it descends. Two responses of the same API nearly always list their
 * fields in the same order, and Jackson interns field names, so here objects are walked in lockstep with the
 * names compared by reference; only when the orders differ does it fall back to lookups.
 */
final class JsonEquality {

    private JsonEquality() {}

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a instanceof ObjectNode oa) {
            return b instanceof ObjectNode ob && equalObjects(oa, ob);
        }
        if (a instanceof ArrayNode aa) {
            if (!(b instanceof ArrayNode ab) || aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0, n = aa.size(); i < n; i++) {
                if (!equal(aa.get(i), ab.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean equalObjects(ObjectNode a, ObjectNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> ia = a.fields();
        Iterator<Map.Entry<String, JsonNode>> ib = b.fields();
        while (ia.hasNext()) {
            Map.Entry<String, JsonNode> ea = ia.next();
            Map.Entry<String, JsonNode> eb = ib.next();
            if (!sameName(ea.getKey(), eb.getKey())) {
                return equalByLookup(a, b);
            }
            if (!equal(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Same size, fields in another order: each field of {@code a} must be in {@code b} with an equal value. */
    private static boolean equalByLookup(ObjectNode a, ObjectNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode other = b.get(e.getKey());
            if (other == null || !equal(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** Field names: by reference first, as Jackson interns them; by value for trees built another way. */
    static boolean sameName(String a, String b) {
        return a == b || a.equals(b);
    }

    /** Levels of a value the content hash looks into; deeper containers count by their size. */
    static final int HASH_DEPTH = 3;

    /**
     * A hash for {@link #equal} values (equal values hash alike) that costs a constant per scalar: a string counts
     * by its length and a few of its characters (the first two, the middle one and the last four, where ids,
     * counters and timestamps differ). Colliding values are told apart by {@link #equal}; the hash only has to
     * keep the candidates for one element few, and costs less than a pass over the text.
     */
    static int hash(JsonNode n) {
        return hash(n, HASH_DEPTH);
    }

    private static int hash(JsonNode n, int depth) {
        if (n instanceof ObjectNode o) {
            if (depth == 0) {
                return 31 * o.size() + 2;
            }
            int h = 2;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h += e.getKey().hashCode() ^ hash(e.getValue(), depth - 1); // a sum: field order does not matter
            }
            return h;
        }
        if (n instanceof ArrayNode a) {
            if (depth == 0) {
                return 31 * a.size() + 1;
            }
            int h = 1;
            for (int i = 0, size = a.size(); i < size; i++) {
                h = 31 * h + hash(a.get(i), depth - 1);
            }
            return h;
        }
        if (n.isTextual()) {
            return textHash(n.textValue());
        }
        return n.hashCode();
    }

    /** A string's hash for {@link #hash}: its length and a few of its characters. */
    static int textHash(String s) {
        int length = s.length();
        if (length == 0) {
            return 0;
        }
        int h = 31 * length + s.charAt(0);
        h = 31 * h + s.charAt(Math.min(1, length - 1));
        h = 31 * h + s.charAt(length / 2);
        for (int i = Math.max(0, length - 4); i < length; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** {@link #textHash(String)} of the characters a streaming parser holds, without a string. */
    static int textHash(char[] chars, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int h = 31 * length + chars[offset];
        h = 31 * h + chars[offset + Math.min(1, length - 1)];
        h = 31 * h + chars[offset + length / 2];
        for (int i = Math.max(0, length - 4); i < length; i++) {
            h = 31 * h + chars[offset + i];
        }
        return h;
    }
}
