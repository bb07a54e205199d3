package dev.shadowparity.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a spec as written: the root and every file its {@code $ref}s reach, each parsed with the line of every
 * JSON pointer in it, so whatever is found wrong (a broken {@code $ref}, a violated schema rule, an undeclared status)
 * is named as {@code file:line} and pointer. swagger-parser reads the spec's meaning; it keeps no lines, and once it
 * resolves {@code $ref}s it no longer says which file a schema came from.
 */
final class SpecDocuments {

    /** One parsed file, its lines by JSON pointer ({@code ""} is the whole document). */
    record Document(Path file, String shown, JsonNode root, Map<String, Integer> lines) {}

    /** A place in one of the files: a file and a JSON pointer into it. */
    record Location(Path file, String pointer) {
        Location child(String name) {
            return new Location(file, pointer + "/" + escape(name));
        }

        URI uri() {
            return URI.create(file.toUri() + "#" + encodeFragment(pointer));
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REF_HOPS = 64;

    private final Path root;
    private final Map<Path, Document> documents = new LinkedHashMap<>();

    private SpecDocuments(Path root) {
        this.root = root;
    }

    /**
     * Reads {@code spec} and every file its {@code $ref}s reach, and checks that each {@code $ref} resolves.
     *
     * @throws ParityException naming each file that cannot be read or parsed, and each {@code $ref} that does not
     *                         resolve, by {@code file:line} and pointer
     */
    static SpecDocuments load(Path spec) {
        Path abs = spec.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ParityException("openapi: " + spec + ": " + (Files.exists(abs) ? "not a file" : "file not found"));
        }
        SpecDocuments docs = new SpecDocuments(abs);
        List<String> problems = new ArrayList<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(abs));
        Set<Path> queued = new HashSet<>(pending);
        while (!pending.isEmpty()) {
            Path file = pending.poll();
            Document d = docs.read(file, spec, problems);
            if (d == null) {
                continue;
            }
            docs.documents.put(file, d);
            for (Map.Entry<String, String> ref : refs(d.root())) {
                Path target = docs.targetFile(file, ref.getValue());
                if (target != null && queued.add(target)) {
                    if (Files.isRegularFile(target)) {
                        pending.add(target);
                    }
                }
            }
        }
        for (Document d : docs.documents.values()) {
            for (Map.Entry<String, String> ref : refs(d.root())) {
                String problem = docs.unresolved(d.file(), ref.getValue());
                if (problem != null) {
                    problems.add(d.shown() + ":" + docs.line(d, ref.getKey() + "/$ref") + ": $ref '" + ref.getValue()
                            + "' (at " + pointerText(ref.getKey()) + "): " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ParityException("openapi: " + spec + ": " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 20)))
                    + (problems.size() > 20 ? "\n  … and " + (problems.size() - 20) + " more" : ""));
        }
        return docs;
    }

    Path root() {
        return root;
    }

    Document rootDocument() {
        return documents.get(root);
    }

    /** The node at {@code at}, or {@code null} when there is none. */
    JsonNode node(Location at) {
        Document d = documents.get(at.file());
        return d == null ? null : d.root().at(at.pointer());
    }

    /** {@code at}, or where its chain of {@code $ref}s ends (each was checked to resolve when the files were read). */
    Location follow(Location at) {
        Location here = at;
        for (int hops = 0; hops < MAX_REF_HOPS; hops++) {
            JsonNode n = node(here);
            if (n == null || !n.isObject() || !n.path("$ref").isTextual()) {
                return here;
            }
            here = target(here.file(), n.path("$ref").asText());
        }
        throw new ParityException("openapi: " + where(at) + ": $ref chain longer than " + MAX_REF_HOPS + " (a cycle?)");
    }

    /** {@code file:line} of a place, the line of its key (or of the nearest enclosing key the file has). */
    String where(Location at) {
        Document d = documents.get(at.file());
        if (d == null) {
            return at.file().toString();
        }
        return d.shown() + ":" + line(d, at.pointer());
    }

    /**
     * A schema location as the validator names it ({@code file:/…/x.yaml#/a/b}) as a place in these files, or
     * {@code null} for one that names no local file.
     */
    static Location locate(String schemaLocation) {
        int hash = schemaLocation.indexOf('#');
        String file = hash < 0 ? schemaLocation : schemaLocation.substring(0, hash);
        try {
            return new Location(Path.of(URI.create(file)).normalize(), hash < 0 ? "" : fragment(schemaLocation.substring(hash + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code schemas.yaml#/Pet/properties/id/type}: the file named beside the root, and the JSON pointer. */
    String pointer(Location at) {
        String name = at.file().equals(root) ? root.getFileName().toString() : root.getParent().relativize(at.file()).toString();
        return name + pointerText(at.pointer());
    }

    /** The JSON pointer a URI fragment spells: percent-escapes decoded, a {@code +} kept as it is. */
    private static String fragment(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The file as the user would name it: beside the root as the suite gave it. */
    String shown(Path file) {
        Document d = documents.get(file);
        return d != null ? d.shown() : file.toString();
    }

    private Document read(Path file, Path given, List<String> problems) {
        String shown = file.equals(root) ? given.toString()
                : given.resolveSibling(root.getParent().relativize(file)).normalize().toString();
        ObjectMapper mapper = mapperFor(file);
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.createParser(file.toFile())) {
            if (p.nextToken() == null) {
                problems.add(shown + ": empty file");
                return null;
            }
            lines.put("", 1);
            JsonNode tree = readNode(p, "", lines);
            return new Document(file, shown, tree, lines);
        } catch (JsonProcessingException e) {
            problems.add(shown + ":" + e.getLocation().getLineNr() + ": not " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            problems.add(shown + ": cannot be read: " + e.getMessage());
        }
        return null;
    }

    /**
     * The line of every JSON pointer in a YAML or JSON file (the suite's own, to name the line of a route that contradicts
     * the spec); empty when it cannot be read, since that was reported when the suite was loaded.
     */
    static Map<String, Integer> linesOf(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapperFor(file).createParser(file.toFile())) {
            if (p.nextToken() != null) {
                readNode(p, "", lines);
            }
        } catch (IOException e) {
            lines.clear();
        }
        return lines;
    }

    /** A {@code .json} file is read as JSON, any other as YAML (which JSON is too, but JSON's errors are clearer). */
    private static ObjectMapper mapperFor(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }

    /** The parser's current value as a tree, noting the line of each key and element by its pointer. */
    private static JsonNode readNode(JsonParser p, String pointer, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = pointer + "/" + escape(name);
                lines.put(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                o.set(name, readNode(p, child, lines));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = pointer + "/" + i++;
                lines.put(child, p.currentTokenLocation().getLineNr());
                a.add(readNode(p, child, lines));
            }
            return a;
        }
        return p.readValueAsTree();
    }

    /** Every {@code $ref} in a document: the pointer of the object holding it, and its text. */
    private static List<Map.Entry<String, String>> refs(JsonNode root) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode n, String pointer, List<Map.Entry<String, String>> out) {
        if (n.isObject()) {
            JsonNode ref = n.get("$ref");
            if (ref != null && ref.isTextual()) {
                out.add(Map.entry(pointer, ref.asText()));
            }
            n.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref") && !isLiteral(pointer, e.getKey())) {
                    collect(e.getValue(), pointer + "/" + escape(e.getKey()), out);
                }
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), pointer + "/" + i, out);
            }
        }
    }

    /**
     * Whether a key holds example data, where a {@code $ref} key is data and not a reference: {@code example} (unless it
     * names a property) and the {@code value} of an Example object.
     */
    private static boolean isLiteral(String parent, String key) {
        return key.equals("example") && !parent.endsWith("/properties")
                || key.equals("value") && parent.matches(".*/examples/[^/]+");
    }

    /** The file a {@code $ref} points into, or {@code null} for one that names no local file. */
    private Path targetFile(Path from, String ref) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        if (file.isEmpty()) {
            return from;
        }
        if (file.contains("://")) {
            return null;
        }
        return from.resolveSibling(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
    }

    private Location target(Path from, String ref) {
        int hash = ref.indexOf('#');
        String fragment = hash < 0 ? "" : fragment(ref.substring(hash + 1));
        return new Location(targetFile(from, ref), fragment);
    }

    /** Why a {@code $ref} does not resolve, or {@code null} when it does. */
    private String unresolved(Path from, String ref) {
        if (ref.contains("://")) {
            return "remote references are not read (the spec must be self-contained on disk)";
        }
        Location t = target(from, ref);
        Document d = documents.get(t.file());
        if (d == null) {
            return Files.exists(t.file()) ? "file " + t.file() + " cannot be read (see above)" : "file not found: " + t.file();
        }
        if (!t.pointer().isEmpty() && !t.pointer().startsWith("/")) {
            return "the part after '#' must be a JSON pointer such as #/components/schemas/Pet";
        }
        if (d.root().at(t.pointer()).isMissingNode()) {
            return "no " + pointerText(t.pointer()) + " in " + d.shown() + nearest(d, t.pointer());
        }
        return null;
    }

    /** The deepest part of a missing pointer that exists, as a hint. */
    private static String nearest(Document d, String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            p = p.substring(0, p.lastIndexOf('/'));
            JsonNode n = d.root().at(p);
            if (!n.isMissingNode() && n.isObject()) {
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                return " (" + pointerText(p) + " holds " + String.join(", ", names.subList(0, Math.min(8, names.size())))
                        + (names.size() > 8 ? ", …" : "") + ")";
            }
        }
        return "";
    }

    private int line(Document d, String pointer) {
        String p = pointer;
        while (true) {
            Integer line = d.lines().get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    static String pointerText(String pointer) {
        return "#" + pointer;
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String encodeFragment(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (char c : pointer.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "/~-._".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return sb.toString();
    }
}
