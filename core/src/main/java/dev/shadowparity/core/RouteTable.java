package dev.shadowparity.core;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the route a request belongs to. Requests that match no configured route still get a stable
 * endpoint: numeric and UUID-like path segments become {@code {id}}, so statistics do not explode per id.
 */
public final class RouteTable<T> {

    public record Entry<T>(RouteTemplate template, T value) {}

    /** Numbers, UUIDs and hex hashes or object ids (16 hex digits or more, at least one a digit). */
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[a-fA-F]*\\d)[0-9a-fA-F]{16,}");

    private final List<Entry<T>> entries;

    public RouteTable(List<Entry<T>> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparingInt((Entry<T> e) -> e.template().specificity()).reversed())
                .toList();
    }

    public Optional<Entry<T>> find(String method, String path) {
        for (Entry<T> e : entries) {
            if (e.template().matches(method, path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public EndpointKey endpointOf(String method, String path) {
        return find(method, path)
                .map(e -> e.template().endpointFor(method))
                .orElseGet(() -> new EndpointKey(method, generalise(path)));
    }

    static String generalise(String path) {
        String[] parts = path.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            sb.append('/').append(ID_SEGMENT.matcher(parts[i]).matches() ? "{id}" : parts[i]);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
