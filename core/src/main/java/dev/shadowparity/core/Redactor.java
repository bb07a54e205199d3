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
 * Removes secrets before anything is written: header values by name, JSON values by path, and credentials
 * inside query strings. Redaction happens where data leaves the process, never on what is proxied.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&](?:access_token|token|api_key|apikey|password|secret|sig)=)[^&#]*");

    private final Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Pattern> jsonPaths;

    public Redactor(RedactionSettings settings) {
        headers.addAll(settings.headers());
        jsonPaths = settings.jsonPaths().stream().map(JsonPaths::compile).toList();
    }

    public boolean isSecretHeader(String name) {
        return headers.contains(name);
    }

    public Headers headers(Headers in) {
        return in.mapValues((name, value) -> headers.contains(name) ? MASK : null);
    }

    public String uri(String uri) {
        return QUERY_SECRET.matcher(uri).replaceAll("$1" + MASK);
    }

    public boolean isSecretPath(String concretePath) {
        if (concretePath.startsWith("header:")) {
            return headers.contains(concretePath.substring("header:".length()));
        }
        for (Pattern p : jsonPaths) {
            if (p.matcher(concretePath).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Returns a copy of {@code node} with every value at a secret path replaced by the mask. */
    public JsonNode json(JsonNode node) {
        if (jsonPaths.isEmpty() || node == null || !node.isContainerNode()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        redactIn(copy, "$");
        return copy;
    }

    private void redactIn(JsonNode node, String path) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = JsonPaths.field(path, e.getKey());
                if (isSecretPath(child)) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    redactIn(e.getValue(), child);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                String child = JsonPaths.index(path, i);
                if (isSecretPath(child)) {
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
