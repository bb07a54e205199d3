package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** An endpoint as statistics group it: method plus route template, e.g. {@code GET /api/students/{id}}. */
public record EndpointKey(String method, String route) implements Comparable<EndpointKey> {

    public EndpointKey {
        method = requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        requireNonNull(route, "route");
    }

    /** Parses {@code "GET /api/x"}; the inverse of {@link #toString()}. */
    public static EndpointKey parse(String text) {
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            throw new IllegalArgumentException("endpoint must be 'METHOD /route', got '" + text + "'");
        }
        return new EndpointKey(text.substring(0, space), text.substring(space + 1).trim());
    }

    @Override
    public int compareTo(EndpointKey o) {
        int c = route.compareTo(o.route);
        return c != 0 ? c : method.compareTo(o.method);
    }

    @Override
    public String toString() {
        return method + " " + route;
    }
}
