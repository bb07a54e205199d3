package dev.shadowparity.comparators;

import dev.shadowparity.core.JsonPaths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the differ stands in a document, built as it walks down. The concrete path ({@code $.items[3].price})
 * is only written out when asked for, which is when a difference is reported; the shape
 * ({@code $.items[*].price}), which rule lookups use, is shared by every element of an array, so walking
 * a large array that turns out equal, or equal within tolerance, builds no strings.
 */
final class JsonLocation {

    /**
     * Shapes built once per route, not per comparison or element: every element's child {@code price}, in every
     * answer, gets the same string, so rule lookups keyed by it hash a cached hash. Shared by concurrent
     * comparisons, and bounded: past {@link #MAX_SHAPES} (documents keyed by ids make endless shapes) a shape is
     * built each time it is asked for instead of remembered.
     */
    static final class Shapes {
        static final int MAX_SHAPES = 10_000;
        private final Map<String, Map<String, String>> fields = new ConcurrentHashMap<>();
        private final Map<String, String> elements = new ConcurrentHashMap<>();
        private final AtomicInteger size = new AtomicInteger();

        String field(String parent, String name) {
            Map<String, String> children = fields.get(parent);
            String shape = children == null ? null : children.get(name);
            if (shape != null) {
                return shape;
            }
            shape = JsonPaths.field(parent, name);
            return size.get() < MAX_SHAPES ? remember(fields.computeIfAbsent(parent, k -> new ConcurrentHashMap<>()), name, shape) : shape;
        }

        String element(String parent) {
            String shape = elements.get(parent);
            if (shape != null) {
                return shape;
            }
            shape = parent + "[*]";
            return size.get() < MAX_SHAPES ? remember(elements, parent, shape) : shape;
        }

        /** Keeps {@code shape} under {@code key}, or returns the one a concurrent comparison kept first. */
        private String remember(Map<String, String> into, String key, String shape) {
            String earlier = into.putIfAbsent(key, shape);
            if (earlier != null) {
                return earlier;
            }
            size.incrementAndGet();
            return shape;
        }
    }

    private final Shapes shapes;
    private final JsonLocation parent;
    private final String field;
    private final int index;
    /** Built on first use too: only rule lookups ask for it, and a route without rules never does. */
    private String shape;
    private String text;

    private JsonLocation(Shapes shapes, JsonLocation parent, String field, int index, String shape) {
        this.shapes = shapes;
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.shape = shape;
    }

    /** The document's root, with the route's shapes. */
    static JsonLocation root(Shapes shapes) {
        JsonLocation root = new JsonLocation(shapes, null, null, -1, "$");
        root.text = "$";
        return root;
    }

    JsonLocation field(String name) {
        return new JsonLocation(shapes, this, name, -1, null);
    }

    JsonLocation index(int i) {
        return new JsonLocation(shapes, this, null, i, null);
    }

    /** {@link #field(String)} whose shape the caller knows already (the streaming walk keeps them per depth). */
    JsonLocation field(String name, String shape) {
        return new JsonLocation(shapes, this, name, -1, shape);
    }

    /** {@link #index(int)} whose shape the caller knows already. */
    JsonLocation index(int i, String shape) {
        return new JsonLocation(shapes, this, null, i, shape);
    }

    /** {@code $.items[*].price}: the same string for every element. */
    String shape() {
        if (shape == null) {
            shape = field != null ? shapes.field(parent.shape(), field) : shapes.element(parent.shape());
        }
        return shape;
    }

    /** {@code $.items[3].price}, built on first use. */
    String text() {
        if (text == null) {
            text = field != null ? JsonPaths.field(parent.text(), field) : JsonPaths.index(parent.text(), index);
        }
        return text;
    }

    @Override
    public String toString() {
        return text();
    }
}
