package dev.shadowparity.scenarios;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a HAR 1.2 file as a browser's devtools save it: one entry at a time from a stream (a recorded session runs
 * to hundreds of megabytes of response bodies the replay never uses), keeping the API calls a migration compares
 * and leaving out, counted by reason, what a page load also holds: other hosts, assets and CORS preflights.
 */
public final class HarReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FORM_SAFE = Pattern.compile("[A-Za-z0-9*._~%+-]*");

    private HarReader() {}

    /**
     * Which entries are replayed.
     *
     * @param hosts      hosts kept (any port); empty keeps every host
     * @param types      resource types kept ({@code _resourceType}, or inferred from the answer's media type when the
     *                   browser did not say); empty keeps every type
     * @param preflights whether CORS preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are kept
     */
    public record Filter(Set<String> hosts, Set<String> types, boolean preflights) {

        /** What a migration replays from a browser's recording: its API calls to any host, without preflights. */
        public static final Filter DEFAULT = new Filter(Set.of(), Set.of("xhr", "fetch"), false);

        public Filter {
            hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
            types = types.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /** Why {@code entry} is left out, or {@code null} when it is replayed. */
        String leftOut(JsonNode entry, URI url) {
            JsonNode request = entry.path("request");
            if (!hosts.isEmpty() && (url.getHost() == null || !hosts.contains(url.getHost().toLowerCase(Locale.ROOT)))) {
                return "host " + url.getHost() + " (not a --har-host)";
            }
            if (!preflights && request.path("method").asText().equalsIgnoreCase("OPTIONS")
                    && header(request, "Access-Control-Request-Method") != null) {
                return "CORS preflight";
            }
            String type = resourceType(entry);
            if (!types.isEmpty() && !types.contains(type)) {
                return "resource type " + type;
            }
            return null;
        }
    }

    /** The browser's {@code _resourceType}; else a guess from the answer's media type, as devtools would label it. */
    static String resourceType(JsonNode entry) {
        String declared = entry.path("_resourceType").asText("");
        if (!declared.isEmpty()) {
            return declared.toLowerCase(Locale.ROOT);
        }
        String mime = entry.path("response").path("content").path("mimeType").asText("").toLowerCase(Locale.ROOT);
        if (mime.startsWith("image/")) {
            return "image";
        } else if (mime.startsWith("font/") || mime.contains("font-")) {
            return "font";
        } else if (mime.contains("css")) {
            return "stylesheet";
        } else if (mime.contains("javascript") || mime.contains("ecmascript")) {
            return "script";
        } else if (mime.startsWith("text/html")) {
            return "document";
        } else if (mime.startsWith("audio/") || mime.startsWith("video/")) {
            return "media";
        }
        return "fetch"; // JSON, text, or nothing recorded: what an API call answers
    }

    private static String header(JsonNode request, String name) {
        for (JsonNode h : request.path("headers")) {
            if (h.path("name").asText("").equalsIgnoreCase(name)) {
                return h.path("value").asText("");
            }
        }
        return null;
    }

    /** Receives each entry kept, and each left out or unreadable. */
    interface Entries {
        void kept(ReplayRequest request);

        void leftOut(String reason);

        void bad(String origin, String problem);
    }

    static void read(Path file, Filter filter, Entries out) {
        JsonFactory factory = MAPPER.getFactory();
        try (JsonParser p = factory.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT || !seek(p, "log") || p.nextToken() != JsonToken.START_OBJECT
                    || !seek(p, "entries")) {
                throw new TrafficReader.BadTrafficException(file + ": not a HAR file: no log.entries array");
            }
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new TrafficReader.BadTrafficException(file + ": not a HAR file: log.entries is not an array");
            }
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String origin = file + ": log.entries[" + i++ + "] (line " + p.currentLocation().getLineNr() + ")";
                JsonNode entry = p.readValueAsTree();
                try {
                    JsonNode request = entry == null ? null : entry.get("request");
                    if (request == null || !request.isObject()) {
                        throw new IllegalArgumentException("request: missing");
                    }
                    URI url = url(request);
                    String reason = filter.leftOut(entry, url);
                    if (reason != null) {
                        out.leftOut(reason);
                    } else {
                        out.kept(request(request, url, origin));
                    }
                } catch (IllegalArgumentException e) {
                    out.bad(origin, e.getMessage());
                }
            }
        } catch (JsonParseException e) {
            throw new TrafficReader.BadTrafficException(file + ":" + e.getLocation().getLineNr() + ": not a HAR file: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Moves to the value of {@code field} in the object being read, skipping the fields before it. */
    private static boolean seek(JsonParser p, String field) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals(field)) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    private static URI url(JsonNode request) {
        String url = request.path("url").asText("");
        if (url.isBlank()) {
            throw new IllegalArgumentException("missing field 'request.url'");
        }
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getRawPath() == null) {
                throw new IllegalArgumentException("field 'request.url': expected an absolute URL, got '" + url + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("field 'request.url': not a URL: " + e.getMessage());
        }
    }

    static ReplayRequest request(JsonNode r, URI url, String origin) {
        String method = r.path("method").asText("").toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("field 'request.method': not an HTTP method: '" + method + "'");
        }
        String uri = TrafficReader.originForm(url);
        Headers.Builder headers = Headers.builder();
        for (JsonNode h : r.path("headers")) {
            String name = h.path("name").asText("");
            if (!name.isEmpty() && !name.startsWith(":")) { // HTTP/2 pseudo-headers are not headers
                headers.add(name, h.path("value").asText(""));
            }
        }
        byte[] body = new byte[0];
        JsonNode post = r.path("postData");
        if (post.isObject()) {
            String mime = post.path("mimeType").asText("");
            if (post.hasNonNull("text")) {
                String text = post.get("text").asText();
                // Not in HAR 1.2, but some exporters keep a binary upload so; the field says how to read it.
                body = post.path("encoding").asText("").equalsIgnoreCase("base64")
                        ? base64(text) : text.getBytes(StandardCharsets.UTF_8);
            } else if (post.path("params").isArray()) {
                StringBuilder form = new StringBuilder();
                boolean multipart = mime.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
                String boundary = "parity-" + UUID.nameUUIDFromBytes(origin.getBytes(StandardCharsets.UTF_8));
                for (JsonNode param : post.get("params")) {
                    String name = param.path("name").asText("");
                    String value = param.path("value").asText("");
                    if (multipart) {
                        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                                .append(name).append("\"\r\n\r\n").append(value).append("\r\n");
                    } else {
                        form.append(form.length() == 0 ? "" : "&").append(formEncoded(name)).append('=').append(formEncoded(value));
                    }
                }
                if (multipart) {
                    form.append("--").append(boundary).append("--\r\n");
                    mime = "multipart/form-data; boundary=" + boundary; // the recorded boundary is not the one used
                    headers = withoutContentType(headers.build());
                }
                body = form.toString().getBytes(StandardCharsets.UTF_8);
            }
            if (headers.build().first("Content-Type").isEmpty() && !mime.isEmpty()) {
                headers.add("Content-Type", mime);
            }
        }
        return new ReplayRequest(method, uri, headers.build().withoutTransportFields(), body, origin);
    }

    private static Headers.Builder withoutContentType(Headers h) {
        Headers.Builder b = Headers.builder();
        h.entries().stream().filter(e -> !e.name().equalsIgnoreCase("Content-Type")).forEach(e -> b.add(e.name(), e.value()));
        return b;
    }

    /** Devtools keep a form's values as sent (already encoded); a value that could not have been sent so is encoded. */
    private static String formEncoded(String s) {
        return FORM_SAFE.matcher(s).matches() ? s : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'request.postData.text': encoding base64, but " + e.getMessage());
        }
    }
}
