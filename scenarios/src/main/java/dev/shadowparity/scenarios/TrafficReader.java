package dev.shadowparity.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the traffic a replay sends: a JSONL request list, a HAR 1.2 file, or the proxy's own
 * {@code exchanges.jsonl} (with its rotated files, oldest first). A bad entry is skipped and counted with
 * its place and problem, or, with {@code strict}, ends the read with a {@link BadTrafficException}.
 */
public final class TrafficReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The traffic formats read: a JSONL request list, a HAR file, a run's {@code exchanges.jsonl}. */
    public enum Format {
        JSONL, HAR, EXCHANGES;

        public static Format parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format must be jsonl, har or exchanges, got '" + s + "'");
            }
        }
    }

    /**
     * What was read: the requests in file order, what was skipped as unreadable, by {@code origin: problem}, and
     * what a HAR filter left out, counted by reason; {@code generatedFrom} what made the requests when they were not
     * recorded ({@code null} when they were).
     */
    public record Traffic(List<ReplayRequest> requests, Map<String, String> skipped, Map<String, Integer> leftOut,
                          String generatedFrom) {
        public Traffic(List<ReplayRequest> requests, Map<String, String> skipped) {
            this(requests, skipped, Map.of(), null);
        }

        public Traffic(List<ReplayRequest> requests, Map<String, String> skipped, Map<String, Integer> leftOut) {
            this(requests, skipped, leftOut, null);
        }

        /** The same requests, marked as made from {@code what} (a spec's examples), not recorded: the report says so. */
        public Traffic generatedFrom(String what) {
            return new Traffic(requests, skipped, leftOut, what);
        }

        public int read() {
            return requests.size() + skipped.size() + leftOut.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A traffic file that cannot be read, or (strict) an entry that is not a request. */
    public static final class BadTrafficException extends ParityException {
        private static final long serialVersionUID = 1L;

        BadTrafficException(String message) {
            super(message);
        }
    }

    private TrafficReader() {}

    /** {@code .har} files are HAR; otherwise the first entry tells exchanges (it has an "endpoint") from a request list. */
    public static Format detect(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har")) {
            return Format.HAR;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode first = MAPPER.readTree(line);
                    return first.has("endpoint") && first.has("request") ? Format.EXCHANGES : Format.JSONL;
                }
            }
            return Format.JSONL;
        } catch (NoSuchFileException e) {
            throw new BadTrafficException(file + ": file not found");
        } catch (JsonProcessingException e) {
            return Format.JSONL; // the reader reports the bad line with its number
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The suite's inline requests ({@code traffic:}), in the JSONL request format; {@code source} names the suite. */
    public static Traffic inline(List<JsonNode> entries, String source, boolean strict) {
        Map<String, String> skipped = new LinkedHashMap<>();
        List<ReplayRequest> requests = new ArrayList<>();
        Sink sink = new Sink(requests, skipped, strict);
        for (int i = 0; i < entries.size(); i++) {
            String origin = source + ": traffic[" + i + "]";
            try {
                requests.add(fromRequestLine(entries.get(i), origin));
            } catch (IllegalArgumentException e) {
                sink.bad(origin, e.getMessage());
            }
        }
        return new Traffic(List.copyOf(requests), skipped);
    }

    public static Traffic read(Path file, Format format, boolean strict) {
        return read(file, format, strict, HarReader.Filter.DEFAULT);
    }

    /** As {@link #read(Path, Format, boolean)}, a HAR file's entries kept by {@code har}. */
    public static Traffic read(Path file, Format format, boolean strict, HarReader.Filter har) {
        if (!Files.isRegularFile(file)) {
            throw new BadTrafficException(file + ": file not found");
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        List<ReplayRequest> requests = new ArrayList<>();
        Sink sink = new Sink(requests, skipped, strict);
        switch (format) {
            case JSONL -> readLines(file, sink, TrafficReader::fromRequestLine);
            case EXCHANGES -> {
                for (Path part : ExchangeLogReader.oldestFirst(file)) {
                    readLines(part, sink, TrafficReader::fromExchangeLine);
                }
            }
            case HAR -> HarReader.read(file, har, new HarReader.Entries() {
                @Override
                public void kept(ReplayRequest request) {
                    requests.add(request);
                }

                @Override
                public void leftOut(String reason) {
                    leftOut.merge(reason, 1, Integer::sum);
                }

                @Override
                public void bad(String origin, String problem) {
                    sink.bad(origin, problem);
                }
            });
        }
        return new Traffic(List.copyOf(requests), skipped, leftOut);
    }

    private record Sink(List<ReplayRequest> requests, Map<String, String> skipped, boolean strict) {
        void bad(String origin, String problem) {
            if (strict) {
                throw new BadTrafficException(origin + ": " + problem);
            }
            skipped.put(origin, problem);
        }
    }

    private interface LineParser {
        ReplayRequest parse(JsonNode line, String origin);
    }

    private static void readLines(Path file, Sink sink, LineParser parser) {
        ExchangeLogReader.eachLine(file, (n, line) -> {
            String origin = file + ":" + n;
            try {
                sink.requests().add(parser.parse(MAPPER.readTree(line), origin));
            } catch (JsonProcessingException e) {
                sink.bad(origin, "not JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                sink.bad(origin, e.getMessage());
            }
            return true;
        });
    }

    /**
     * {@code {"method":"GET","path":"/posts?userId=1","headers":{...},"body":...,"sequence":"user-17"}}; body a JSON
     * value or a string sent as-is; sequence an optional ordering key.
     */
    static ReplayRequest fromRequestLine(JsonNode o, String origin) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("expected an object with \"method\" and \"path\"");
        }
        String method = text(o, "method").toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("field 'method': not an HTTP method: '" + method + "'");
        }
        String path = o.has("url") && !o.has("path") ? text(o, "url") : text(o, "path");
        String uri = pathAndQuery(path, "path");
        Headers.Builder headers = Headers.builder();
        JsonNode h = o.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new IllegalArgumentException("field 'headers': expected an object of name: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> headers.add(e.getKey(), v.asText()));
                } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    headers.add(e.getKey(), e.getValue().asText());
                } else {
                    throw new IllegalArgumentException("field 'headers." + e.getKey() + "': expected a string or a list of strings");
                }
            }
        }
        byte[] body = null;
        JsonNode b = o.get("body");
        if (b != null && !b.isNull()) {
            if (b.isTextual()) {
                body = b.textValue().getBytes(StandardCharsets.UTF_8);
            } else {
                body = b.toString().getBytes(StandardCharsets.UTF_8);
                if (headers.build().first("Content-Type").isEmpty()) {
                    headers.add("Content-Type", "application/json");
                }
            }
        }
        JsonNode seq = o.get("sequence");
        if (seq != null && !seq.isNull() && !seq.isTextual() && !seq.isIntegralNumber()) {
            throw new IllegalArgumentException("field 'sequence': expected a string or a whole number (an ordering key)");
        }
        return new ReplayRequest(method, uri, headers.build().withoutTransportFields(), body == null ? new byte[0] : body, origin,
                seq == null || seq.isNull() ? null : seq.asText());
    }

    /** A line of {@code exchanges.jsonl}: its request, as recorded (secrets stay redacted). */
    static ReplayRequest fromExchangeLine(JsonNode o, String origin) {
        ExchangeResult ce = ExchangeJson.fromJson(o);
        var r = ce.exchange().request();
        return new ReplayRequest(r.method(), r.uri(), r.headers().withoutTransportFields(), r.body(), origin);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "': expected a non-empty string");
        }
        return v.textValue();
    }

    /** {@code /a?b=1} as is; an absolute URL loses its scheme and authority (the backend's are used). */
    private static String pathAndQuery(String value, String field) {
        if (value.startsWith("/")) {
            return value;
        }
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || u.getRawPath() == null) {
                throw new IllegalArgumentException("field '" + field + "': expected /path or an absolute URL, got '" + value + "'");
            }
            return originForm(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("field '" + field + "': not a URL: " + e.getMessage());
        }
    }

    /** An absolute URL's path and query, as a backend is sent them ({@code /} for an empty path). */
    static String originForm(URI u) {
        String path = u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    }
}
