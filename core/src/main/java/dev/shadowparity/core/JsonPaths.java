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

    /**
     * The steps of a concrete path, from {@code $}: a field's name as a {@link String}, an array index as an
     * {@link Integer} ({@code $.items[3]['odd key']} is {@code items, 3, odd key}).
     *
     * @throws IllegalArgumentException for a path that is not a concrete JSON path (a pattern's {@code [*]}, {@code status})
     */
    public static java.util.List<Object> steps(String concretePath) {
        if (!concretePath.startsWith("$")) {
            throw new IllegalArgumentException("not a JSON path: '" + concretePath + "'");
        }
        java.util.List<Object> steps = new java.util.ArrayList<>();
        int i = 1;
        while (i < concretePath.length()) {
            char c = concretePath.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < concretePath.length() && concretePath.charAt(end) != '.' && concretePath.charAt(end) != '[') {
                    end++;
                }
                steps.add(concretePath.substring(i + 1, end));
                i = end;
            } else if (concretePath.startsWith("['", i)) {
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                for (; j < concretePath.length() && concretePath.charAt(j) != '\''; j++) {
                    char ch = concretePath.charAt(j);
                    if (ch == '\\' && j + 1 < concretePath.length()) {
                        ch = concretePath.charAt(++j);
                    }
                    name.append(ch);
                }
                if (!concretePath.startsWith("']", j)) {
                    throw new IllegalArgumentException("unclosed quoted name at " + i + " of '" + concretePath + "'");
                }
                steps.add(name.toString());
                i = j + 2;
            } else if (c == '[') {
                int end = concretePath.indexOf(']', i);
                try {
                    steps.add(Integer.parseInt(concretePath.substring(i + 1, end < 0 ? concretePath.length() : end)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an array index at " + i + " of '" + concretePath + "'");
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " of '" + concretePath + "'");
            }
        }
        return steps;
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
