package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** HTTP header fields in received order; names compare case-insensitively (RFC 9110 §5.1). */
public record Headers(List<Header> entries) {

    /** One header line, its name as it was sent. */
    public record Header(String name, String value) {
        public Header {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }

    public static final Headers EMPTY = new Headers(List.of());

    public Headers {
        entries = List.copyOf(requireNonNull(entries, "entries"));
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Header> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Headers(list);
    }

    /**
     * RFC 9110 §7.6.1 connection-specific fields, plus the legacy ones proxies still meet: a proxy never forwards
     * them, and a resent request leaves them out.
     */
    public static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
            "Transfer-Encoding", "Upgrade", "Proxy-Authenticate", "Proxy-Authorization");

    /**
     * Fields a client sets itself or that belong to the one connection they were recorded on: a recorded
     * request sent again (a replay, a curl command) leaves them out.
     */
    private static final java.util.Set<String> TRANSPORT_FIELDS = java.util.stream.Stream.concat(
            HOP_BY_HOP.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)),
            java.util.stream.Stream.of("host", "content-length", "expect", "http2-settings"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** These headers without the {@linkplain #TRANSPORT_FIELDS transport fields}, in order. */
    public Headers withoutTransportFields() {
        return new Headers(entries.stream()
                .filter(h -> !TRANSPORT_FIELDS.contains(h.name().toLowerCase(java.util.Locale.ROOT))).toList());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects fields in order; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final List<Header> entries = new ArrayList<>();

        public Builder add(String name, String value) {
            entries.add(new Header(name, value));
            return this;
        }

        public Headers build() {
            return new Headers(entries);
        }
    }

    public Optional<String> first(String name) {
        for (Header h : entries) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        return entries.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** Applies {@code rewrite} to every value; a {@code null} result keeps the original value. */
    public Headers mapValues(BiFunction<String, String, String> rewrite) {
        List<Header> out = new ArrayList<>(entries.size());
        for (Header h : entries) {
            String v = rewrite.apply(h.name(), h.value());
            out.add(new Header(h.name(), v == null ? h.value() : v));
        }
        return new Headers(out);
    }
}
