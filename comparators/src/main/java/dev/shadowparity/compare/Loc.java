package dev.shadowparity.compare;

import dev.shadowparity.core.JsonPaths;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the differ stands in a document, built as it walks down. The concrete path ({@code $.items[3].price})
 * is only written out when asked for, which is when a difference is reported; the shape
 * ({@code $.items[*].price}), which rule lookups use, is shared by every element of an array, so walking
 * a large array that turns out equal, or equal within tolerance, builds no strings.
 */
final class Loc {

    /** Shapes built once per comparison: every element's child {@code price} gets the same string. */
    static final class Shapes {
        private final Map<String, Map<String, String>> fields = new HashMap<>();
        private final Map<String, String> elements = new HashMap<>();

        String field(String parent, String name) {
            return fields.computeIfAbsent(parent, k -> new HashMap<>()).computeIfAbsent(name, n -> JsonPaths.field(parent, n));
        }

        String element(String parent) {
            return elements.computeIfAbsent(parent, k -> k + "[*]");
        }
    }

    private final Shapes shapes;
    private final Loc parent;
    private final String field;
    private final int index;
    /** Built on first use too: only rule lookups ask for it, and a route without rules never does. */
    private String shape;
    private String text;

    private Loc(Shapes shapes, Loc parent, String field, int index, String shape) {
        this.shapes = shapes;
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.shape = shape;
    }

    static Loc root() {
        Loc root = new Loc(new Shapes(), null, null, -1, "$");
        root.text = "$";
        return root;
    }

    Loc field(String name) {
        return new Loc(shapes, this, name, -1, null);
    }

    Loc index(int i) {
        return new Loc(shapes, this, null, i, null);
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
