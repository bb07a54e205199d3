package dev.shadowparity.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Traffic from a spec when nothing was recorded: one request per operation with each parameter at its first example,
 * then one more per further example of a parameter or of the request body. Examples are the spec's {@code example},
 * {@code examples}, or else the schema's {@code example}, {@code default} or first {@code enum} value. An operation a
 * required parameter has no example for is left out, and says why. Requests come in the JSONL request format, so the
 * replay reads them as any other traffic.
 */
public final class SpecTraffic {

    /**
     * @param requests    in the JSONL request format ({@code method}, {@code path}, {@code headers}, {@code body})
     * @param leftOut     operations no request was made for, and why
     */
    public record Generated(List<JsonNode> requests, Map<String, String> leftOut) {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecTraffic() {}

    public static Generated of(OpenApiContract contract) {
        List<JsonNode> requests = new ArrayList<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        if (contract.model().getPaths() == null) {
            return new Generated(requests, leftOut);
        }
        contract.model().getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, op) -> {
            String route = method.name() + " " + template;
            try {
                requests.addAll(requests(method, template, item, op));
            } catch (IllegalArgumentException e) {
                leftOut.put(route, e.getMessage());
            }
        }));
        return new Generated(requests, leftOut);
    }

    private static List<JsonNode> requests(PathItem.HttpMethod method, String template, PathItem item, Operation op) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            // an operation's parameter overrides the path's of the same name and place
            for (Parameter p : op.getParameters()) {
                parameters.removeIf(q -> q.getName().equals(p.getName()) && q.getIn().equals(p.getIn()));
                parameters.add(p);
            }
        }
        Map<Parameter, List<JsonNode>> examples = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            List<JsonNode> values = examples(p.getExample(), p.getExamples(), p.getSchema());
            if (values.isEmpty()) {
                if (Boolean.TRUE.equals(p.getRequired()) || "path".equals(p.getIn())) {
                    throw new IllegalArgumentException("no example for " + p.getIn() + " parameter '" + p.getName() + "'");
                }
                continue;
            }
            examples.put(p, values);
        }
        List<JsonNode> bodies = new ArrayList<>();
        String bodyType = null;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            for (Map.Entry<String, MediaType> e : op.getRequestBody().getContent().entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).contains("json")) {
                    bodyType = e.getKey();
                    bodies = examples(e.getValue().getExample(), e.getValue().getExamples(), e.getValue().getSchema());
                    break;
                }
            }
            if (bodies.isEmpty() && Boolean.TRUE.equals(op.getRequestBody().getRequired())) {
                throw new IllegalArgumentException("no example for its required JSON request body");
            }
        }
        List<JsonNode> out = new ArrayList<>();
        Map<Parameter, JsonNode> first = new LinkedHashMap<>();
        examples.forEach((p, values) -> first.put(p, values.get(0)));
        out.add(request(method, template, first, bodies.isEmpty() ? null : bodies.get(0), bodyType));
        JsonNode firstBody = bodies.isEmpty() ? null : bodies.get(0);
        for (Map.Entry<Parameter, List<JsonNode>> e : examples.entrySet()) {
            for (JsonNode v : e.getValue().subList(1, e.getValue().size())) {
                Map<Parameter, JsonNode> varied = new LinkedHashMap<>(first);
                varied.put(e.getKey(), v);
                out.add(request(method, template, varied, firstBody, bodyType));
            }
        }
        for (JsonNode body : bodies.subList(Math.min(1, bodies.size()), bodies.size())) {
            out.add(request(method, template, first, body, bodyType));
        }
        return out;
    }

    private static JsonNode request(PathItem.HttpMethod method, String template, Map<Parameter, JsonNode> values,
                                    JsonNode body, String bodyType) {
        String path = template;
        StringBuilder query = new StringBuilder();
        ObjectNode headers = F.objectNode();
        for (Map.Entry<Parameter, JsonNode> e : values.entrySet()) {
            Parameter p = e.getKey();
            String text = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
            switch (p.getIn()) {
                case "path" -> path = path.replace("{" + p.getName() + "}", URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> query.append(query.length() == 0 ? '?' : '&').append(URLEncoder.encode(p.getName(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(text, StandardCharsets.UTF_8));
                case "header" -> headers.put(p.getName(), text);
                default -> { } // cookies are left to the suite's traffic
            }
        }
        ObjectNode r = F.objectNode();
        r.put("method", method.name());
        r.put("path", path + query);
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", bodyType);
            r.set("body", body);
        }
        r.set("headers", headers);
        return r;
    }

    /** A parameter's or media type's examples: {@code example}, else each of {@code examples}, else the schema's. */
    private static List<JsonNode> examples(Object example, Map<String, Example> examples, Schema<?> schema) {
        List<JsonNode> out = new ArrayList<>();
        if (example != null) {
            out.add(Json.mapper().valueToTree(example));
        } else if (examples != null) {
            for (Example e : examples.values()) {
                if (e.getValue() != null) {
                    out.add(Json.mapper().valueToTree(e.getValue()));
                }
            }
        }
        if (out.isEmpty() && schema != null) {
            Object fromSchema = schema.getExample() != null ? schema.getExample() : schema.getDefault() != null
                    ? schema.getDefault() : schema.getEnum() != null && !schema.getEnum().isEmpty() ? schema.getEnum().get(0) : null;
            if (fromSchema != null) {
                out.add(Json.mapper().valueToTree(fromSchema));
            }
        }
        return out;
    }
}
