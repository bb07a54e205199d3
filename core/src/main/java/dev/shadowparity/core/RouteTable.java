package dev.shadowparity.core;

import dev.shadowparity.core.config.RouteConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the route a request belongs to. Requests that match no configured route still get a stable
 * endpoint: numeric and UUID-like path segments become {@code {id}}, so statistics do not explode per id.
 */
public final class RouteTable<T> {

    /** One route: its template and what the table holds for it (its rules, or a contract's operation). */
    public record Entry<T>(RouteTemplate template, T value) {}

    private final List<Entry<T>> entries;

    public RouteTable(List<Entry<T>> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparingInt((Entry<T> e) -> e.template().specificity()).reversed())
                .toList();
    }

    /** A run's table of the suite's routes, built once and shared by every stage that looks a request's route up. */
    public static RouteTable<RouteConfig> of(List<RouteConfig> routes) {
        return new RouteTable<>(routes.stream().map(r -> new Entry<>(RouteTemplate.parse(r.route()), r)).toList());
    }

    /** The entries, most specific first. */
    public List<Entry<T>> entries() {
        return entries;
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

    /**
     * The path with each id segment replaced by {@code {id}}: a number, a UUID, or a hex hash or object id (16 hex
     * digits or more, at least one a digit). Scanned by hand: it runs for every unmatched request on the proxy's
     * path, where a split and a regular expression per segment showed in profiles.
     */
    static String generalise(String path) {
        int first = path.indexOf('/');
        if (first < 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(path.length());
        int from = first + 1;
        while (true) {
            int end = path.indexOf('/', from);
            int stop = end < 0 ? path.length() : end;
            sb.append('/');
            if (isId(path, from, stop)) {
                sb.append("{id}");
            } else {
                sb.append(path, from, stop);
            }
            if (end < 0) {
                return sb.toString();
            }
            from = end + 1;
        }
    }

    static boolean isId(String s, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return false;
        }
        if (n == 36 && isUuid(s, from)) {
            return true;
        }
        boolean allDigits = true;
        boolean allHex = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            allDigits &= digit;
            allHex &= digit || isHexLetter(c);
            if (!allHex) {
                return false;
            }
        }
        return allDigits || (n >= 16 && hasDigit(s, from, to));
    }

    private static boolean isUuid(String s, int from) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !(c >= '0' && c <= '9' || isHexLetter(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexLetter(char c) {
        return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean hasDigit(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }
}
