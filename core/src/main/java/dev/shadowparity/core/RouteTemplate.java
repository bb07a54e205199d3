package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * A route such as {@code GET /api/students/{id}}: literal segments match exactly, {@code {name}} matches
 * any one segment, and a method of {@code *} matches every method.
 */
public final class RouteTemplate {

    private final String method;
    private final String template;
    private final String[] segments;

    private RouteTemplate(String method, String template) {
        this.method = method;
        this.template = template;
        this.segments = split(template);
    }

    /** Parses {@code "METHOD /path/{param}"}; the method may be omitted, meaning every method. */
    public static RouteTemplate parse(String text) {
        requireNonNull(text, "text");
        String t = text.trim();
        int space = t.indexOf(' ');
        String method = space < 0 ? "*" : t.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? t : t.substring(space + 1).trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': '" + text + "'");
        }
        if (path.contains("?")) {
            throw new IllegalArgumentException("route must not contain a query string: '" + text + "'");
        }
        return new RouteTemplate(method, path);
    }

    public boolean matches(String requestMethod, String path) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] actual = split(path);
        if (actual.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!isParameter(segments[i]) && !segments[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** More literal segments win over parameters when two templates match the same path. */
    int specificity() {
        return (int) Arrays.stream(segments).filter(s -> !isParameter(s)).count() * 2 + (method.equals("*") ? 0 : 1);
    }

    public EndpointKey endpointFor(String requestMethod) {
        return new EndpointKey(requestMethod, template);
    }

    public String template() {
        return template;
    }

    public String method() {
        return method;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
