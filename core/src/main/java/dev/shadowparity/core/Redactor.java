package dev.shadowparity.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Removes secrets before anything is written: header values by name, JSON values by path or by field name (anywhere
 * in the tree, whatever their case: {@code password}, {@code access_token}, ...), inside every subtree a difference
 * carries, and credentials inside query strings. Redaction happens where data leaves the process, never on what is
 * proxied or compared: a changed secret is still a difference, shown masked.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private final Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Pattern> jsonPaths;
    private final Pattern querySecret;

    public Redactor(RedactionSettings settings) {
        headers.addAll(settings.headers());
        names.addAll(settings.names());
        jsonPaths = settings.jsonPaths().stream().map(JsonPaths::compile).toList();
        // Query parameters by the same names, and a URL signature (sig) always.
        List<String> params = new java.util.ArrayList<>(settings.names());
        params.add("sig");
        querySecret = Pattern.compile("(?i)([?&](?:" + String.join("|", params.stream().map(Pattern::quote).toList())
                + ")=)[^&#]*");
    }

    public boolean isSecretHeader(String name) {
        return headers.contains(name);
    }

    public Headers headers(Headers in) {
        return in.mapValues((name, value) -> headers.contains(name) ? MASK : null);
    }

    public String uri(String uri) {
        return querySecret.matcher(uri).replaceAll("$1" + MASK);
    }

    public boolean isSecretPath(String concretePath) {
        if (concretePath.startsWith("header:")) {
            return headers.contains(concretePath.substring("header:".length()));
        }
        String last = JsonPaths.lastField(concretePath);
        return (last != null && names.contains(last)) || matchesJsonPath(concretePath);
    }

    private boolean matchesJsonPath(String concretePath) {
        for (Pattern p : jsonPaths) {
            if (p.matcher(concretePath).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Returns a copy of {@code node} with every value at a secret path replaced by the mask. */
    public JsonNode json(JsonNode node) {
        return valueAt("$", node);
    }

    /** As {@link #json}, masking in place: for a tree parsed just now to be written, which nobody else holds. */
    public JsonNode jsonInPlace(JsonNode fresh) {
        if (fresh != null && fresh.isContainerNode() && !(jsonPaths.isEmpty() && names.isEmpty())) {
            redactIn(fresh, "$");
        }
        return fresh;
    }

    /**
     * The value found at {@code path} (a difference's value, a sample), as it may be written out: the mask when the
     * path is a secret's, else a copy with every secret inside it masked. A missing object carries its whole subtree;
     * a token nested in it is masked as it would be in place.
     */
    public JsonNode valueAt(String path, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!path.equals("$") && isSecretPath(path)) {
            return TextNode.valueOf(MASK);
        }
        if (!value.isContainerNode() || (jsonPaths.isEmpty() && names.isEmpty())) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        redactIn(copy, path);
        return copy;
    }

    private void redactIn(JsonNode node, String path) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = JsonPaths.field(path, e.getKey());
                // The field's name is at hand: no need to parse it back out of the path as isSecretPath would.
                if (names.contains(e.getKey()) || matchesJsonPath(child)) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    redactIn(e.getValue(), child);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                String child = JsonPaths.index(path, i);
                // An element is named by its array's field, which was checked before the walk came down here.
                if (matchesJsonPath(child)) {
                    arr.set(i, TextNode.valueOf(MASK));
                } else {
                    redactIn(arr.get(i), child);
                }
            }
        }
    }

    private static final Pattern SECRET_HEADER_NAME = Pattern.compile("(?i).*(auth|token|key|secret|password|cookie|session).*");

    /**
     * A suite as a running proxy shows it ({@code GET /config}): header values of backends are masked when the suite
     * names them secret or their names look like credentials.
     */
    public static ObjectNode shownConfig(SuiteConfig config) {
        Redactor redactor = new Redactor(config.redact());
        ObjectNode o = new ObjectMapper().valueToTree(config);
        ObjectNode backends = (ObjectNode) o.path("backends");
        for (String role : List.of("primary", "secondary", "candidate")) {
            BackendConfig b = switch (role) {
                case "primary" -> config.backends().primary();
                case "secondary" -> config.backends().secondary();
                default -> config.backends().candidate();
            };
            if (b == null) {
                continue;
            }
            ObjectNode headers = ((ObjectNode) backends.get(role)).putObject("headers");
            b.headers().forEach((name, value) -> headers.put(name,
                    redactor.isSecretHeader(name) || SECRET_HEADER_NAME.matcher(name).matches() ? MASK : value));
        }
        return o;
    }
}
