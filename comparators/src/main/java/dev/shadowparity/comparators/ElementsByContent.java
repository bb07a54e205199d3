package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * A run of one array's elements, found by content: each lookup pairs the first not yet paired element equal to
 * the one asked for. Chains of indices in array order per hash bucket, each index unlinked once paired, so a run
 * of equal elements pairs in order at one step per lookup. Plain int arrays: indexing n elements allocates three
 * arrays, not a map entry, a key and a queue per element.
 *
 * <p>The hash: arrays of objects are nearly always records with an identifying first field ({@code id},
 * {@code sku}), so an object is hashed by its size and the value of the field the first element starts with,
 * one lookup instead of a walk over every field (equal objects have equal values there, whatever their field
 * order). Where that field tells few elements apart, say a constant {@code type}, the run is indexed again by
 * {@link JsonEquality#hash}; either way {@link JsonEquality#equal} decides.
 */
final class ElementsByContent {

    private final JsonDiffer.ArraySides sides;
    private final int from;
    /** Whether elements hash by their key (see the class comment), or by their whole value. */
    private final boolean byKey;
    private final int[] first;
    private final int[] next;
    private final int[] hashes;
    private final int mask;

    /** Indexes the candidate's elements {@code [from, to)}. */
    ElementsByContent(JsonDiffer.ArraySides sides, int from, int to) {
        this.sides = sides;
        this.from = from;
        int n = to - from;
        int buckets = Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1;
        this.mask = buckets - 1;
        this.first = new int[buckets];
        this.next = new int[n];
        this.hashes = new int[n];
        boolean key = true;
        int alike = index(true);
        if (alike > n / 4) {
            Arrays.fill(first, 0);
            key = false;
            index(false);
        }
        this.byKey = key;
    }

    /** Fills the chains; returns how many elements share their bucket's last hash (a cheap count of collisions). */
    private int index(boolean key) {
        int alike = 0;
        for (int e = next.length - 1; e >= 0; e--) { // prepending from the end leaves each chain in array order
            int h = sides.candidateHash(from + e, key);
            hashes[e] = h;
            int b = h & mask;
            if (first[b] != 0 && hashes[first[b] - 1] == h) {
                alike++;
            }
            next[e] = first[b];
            first[b] = e + 1;
        }
        return alike;
    }

    /** The field whose value hashes the objects of an array that starts with {@code first}; null: hash whole values. */
    static String keyField(JsonNode first) {
        return first instanceof ObjectNode o && !o.isEmpty() ? o.fieldNames().next() : null;
    }

    /** An element's hash by {@code key} (see the class comment), or by its whole value when {@code key} is null. */
    static int hash(JsonNode element, String key) {
        if (key == null || !(element instanceof ObjectNode o)) {
            return JsonEquality.hash(element);
        }
        JsonNode value = o.get(key);
        return 31 * o.size() + (value == null ? 0 : value.isContainerNode() ? 17 * value.size() : JsonEquality.hash(value));
    }

    /** The index of the first unpaired candidate element equal to the primary's {@code i}, now paired; -1 when there is none. */
    int pair(int i) {
        int h = sides.primaryHash(i, byKey);
        int b = h & mask;
        int previous = -1;
        for (int e = first[b] - 1; e >= 0; previous = e, e = next[e] - 1) {
            if (hashes[e] == h && sides.equal(i, from + e)) {
                if (previous < 0) {
                    first[b] = next[e];
                } else {
                    next[previous] = next[e];
                }
                return from + e;
            }
        }
        return -1;
    }

    /** A set of int hashes, for telling whether any two of a run's elements hash alike. */
    static final class IntHashSet {
        private final long[] slots; // 0 empty, else the hash with bit 32 set
        private final int mask;

        IntHashSet(int expected) {
            int size = Integer.highestOneBit(Math.max(1, expected) * 2 - 1) << 1;
            slots = new long[size];
            mask = size - 1;
        }

        /** False when {@code h} was there already. */
        boolean add(int h) {
            long entry = (h & 0xFFFFFFFFL) | (1L << 32);
            for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == 0) {
                    slots[i] = entry;
                    return true;
                }
                if (slots[i] == entry) {
                    return false;
                }
            }
        }
    }
}
