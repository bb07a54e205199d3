package dev.shadowparity.core;

import java.util.regex.Pattern;

/**
 * JSONPath-like paths as the differ writes them: {@code $}, {@code $.name}, {@code $['odd key']},
 * {@code $.items[3]}. Patterns for rules add {@code [*]} / {@code *} (any one step) and {@code **} (any steps).
 */
public final class JsonPaths {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private JsonPaths() {}

    public static String field(String parent, String name) {
        return isPlainName(name)
                ? parent + "." + name
                : parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code [A-Za-z_$][A-Za-z0-9_$-]*}, checked without a regex: this runs for every differing field. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '$';
            boolean more = (ch >= '0' && ch <= '9') || ch == '-';
            if (!(letter || (i > 0 && more))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name of the last field on a concrete path, past any array indexes: {@code token} for {@code $.user.token}
     * and for {@code $.user.token[2]}, {@code odd key} for {@code $['odd key']}; {@code null} for {@code $} or a path
     * that is not a JSON path ({@code status}).
     */
    public static String lastField(String concretePath) {
        if (!concretePath.startsWith("$")) {
            return null;
        }
        int end = concretePath.length();
        while (end > 0 && concretePath.charAt(end - 1) == ']' && end >= 2 && Character.isDigit(concretePath.charAt(end - 2))) {
            end = concretePath.lastIndexOf('[', end - 1);
        }
        if (end >= 2 && concretePath.startsWith("']", end - 2)) {
            int open = concretePath.lastIndexOf("['", end - 2);
            return open < 0 ? null : concretePath.substring(open + 2, end - 2).replace("\\'", "'").replace("\\\\", "\\");
        }
        int dot = concretePath.lastIndexOf('.', end - 1);
        return dot < 0 ? null : concretePath.substring(dot + 1, end);
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    public static String generalise(String concretePath) {
        return concretePath.startsWith("$") ? INDEX.matcher(concretePath).replaceAll("[*]") : concretePath;
    }

    /** Compiles a rule pattern such as {@code $.items[*].price} or {@code $..token} or {@code $.**.id}. */
    public static Pattern compile(String pattern) {
        if (!pattern.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with '$': '" + pattern + "'");
        }
        String p = pattern.replace("$..", "$.**.");
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith(".**", i)) {
                re.append("(?:(?:\\.[^.\\[]+|\\[[^\\]]+\\])*)");
                i += 2;
            } else if (p.startsWith("[*]", i)) {
                re.append("\\[\\d+\\]");
                i += 2;
            } else if (p.startsWith(".*", i)) {
                re.append("(?:\\.[^.\\[]+|\\['[^\\]]*'\\])");
                i += 1;
            } else if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        return Pattern.compile(re.append('$').toString());
    }
}
