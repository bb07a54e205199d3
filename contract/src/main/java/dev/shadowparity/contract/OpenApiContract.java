package dev.shadowparity.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.RouteTemplate;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenAPI 3.0 or 3.1 spec as a contract: its operations (method and path template, parameter names as the spec
 * writes them), what each declares it answers (statuses, media types, schemas), and every answer checked against that.
 * The spec's meaning is read by swagger-parser; its files as written ({@link SpecDocuments}) give each rule its
 * {@code file:line}, and the schemas are compiled once, from those files, by a JSON Schema validator in the spec's own
 * dialect (OpenAPI 3.0's, with {@code nullable}; 3.1's, JSON Schema 2020-12). Immutable once loaded; safe from any thread.
 */
public final class OpenApiContract {

    /**
     * One operation of the spec.
     *
     * @param route     {@code GET /pets/{petId}}, as the suite's routes are written
     * @param responses by status key as the spec writes it ({@code 200}, {@code 4XX}, {@code default}), in its order
     * @param where     the operation in the spec, {@code file:line}
     */
    public record Operation(String method, String template, String operationId, Map<String, Response> responses,
                            String where) {
        public String route() {
            return method + " " + template;
        }

        /**
         * The status classes the operation declares ({@code 2xx}, {@code 4xx}), in the spec's order; {@code default}
         * declares none of its own.
         */
        public List<String> statusClasses() {
            List<String> out = new ArrayList<>();
            for (String key : responses.keySet()) {
                if (key.length() == 3 && Character.isDigit(key.charAt(0))) {
                    String c = key.charAt(0) + "xx";
                    if (!out.contains(c)) {
                        out.add(c);
                    }
                }
            }
            return out;
        }

        /** The response that declares {@code status}: its own code, else its range ({@code 4XX}), else {@code default}. */
        Response responseFor(int status) {
            Response exact = responses.get(Integer.toString(status));
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, Response> e : responses.entrySet()) {
                if (e.getKey().equalsIgnoreCase(status / 100 + "XX")) {
                    return e.getValue();
                }
            }
            return responses.get("default");
        }
    }

    /**
     * A declared response: its media types (lower case, as keys) and each one's compiled schema ({@code null} when it
     * declares none).
     */
    public record Response(String status, String where, Map<String, MediaType> content) {}

    /** A media type of a response and its schema, {@code null} when none is declared. */
    public record MediaType(String name, JsonSchema schema) {}

    private static final Map<String, OpenApiContract> LOADED = new ConcurrentHashMap<>();

    private final Path spec;
    private final String version;
    private final SpecDocuments docs;
    private final OpenAPI model;
    private final List<Operation> operations;
    private final RouteTable<Operation> table;

    private OpenApiContract(Path spec, String version, SpecDocuments docs, OpenAPI model, List<Operation> operations) {
        this.spec = spec;
        this.version = version;
        this.docs = docs;
        this.model = model;
        this.operations = List.copyOf(operations);
        this.table = new RouteTable<>(operations.stream()
                .map(o -> new RouteTable.Entry<>(RouteTemplate.parse(o.route()), o)).toList());
    }

    /**
     * The contract of {@code spec}, read once per run: the stages of one run (routes, comparison, coverage) ask for the
     * same file, and a file changed since is read again.
     *
     * @throws ParityException for a spec that cannot be read, does not parse, is not OpenAPI 3.0 or 3.1, breaks the
     *                         OpenAPI structure, or holds a {@code $ref} that does not resolve: each problem by
     *                         {@code file:line} and pointer
     */
    public static OpenApiContract load(Path spec) {
        Path abs = spec.toAbsolutePath().normalize();
        String key = abs + "@" + modified(abs);
        return LOADED.computeIfAbsent(key, k -> read(spec));
    }

    private static String modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toString() + "/" + Files.size(p);
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static OpenApiContract read(Path spec) {
        SpecDocuments docs = SpecDocuments.load(spec);
        JsonNode root = docs.rootDocument().root();
        String version = root.path("openapi").asText("");
        if (!version.startsWith("3.0.") && !version.startsWith("3.1.")) {
            throw new ParityException("openapi: " + docs.where(new SpecDocuments.Location(docs.root(), "/openapi"))
                    + ": " + (version.isEmpty() ? "no 'openapi' version: this reads OpenAPI 3.0 and 3.1 specs"
                    : "OpenAPI " + version + " is not read here: 3.0.x and 3.1.x are")
                    + (root.has("swagger") ? " (a Swagger 2 document: convert Swagger 2 first)" : ""));
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(docs.root().toUri().toString(), null, options);
        List<String> messages = parsed.getMessages() == null ? List.of() : parsed.getMessages();
        if (parsed.getOpenAPI() == null || !messages.isEmpty()) {
            List<String> placed = messages.stream().map(m -> SwaggerMessages.placed(m, docs)).toList();
            throw new ParityException("openapi: " + spec + ": not a valid OpenAPI " + version + " document:\n  "
                    + String.join("\n  ", placed.isEmpty() ? List.of("it could not be read") : placed));
        }
        Compiler compiler = new Compiler(docs, version);
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = root.path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            SpecDocuments.Location item = docs.follow(new SpecDocuments.Location(docs.root(), "/paths/" + SpecDocuments.escape(template)));
            if (!template.startsWith("/")) {
                throw new ParityException("openapi: " + docs.where(item) + ": path '" + template + "' must start with '/'");
            }
            for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch", "trace")) {
                SpecDocuments.Location op = item.child(method);
                JsonNode node = docs.node(op);
                if (node == null || node.isMissingNode()) {
                    continue;
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), template,
                        node.path("operationId").asText(null), compiler.responses(op.child("responses")), docs.where(op)));
            }
        }
        return new OpenApiContract(spec, version, docs, parsed.getOpenAPI(), operations);
    }

    /** Compiles each response's schemas once, in the spec's dialect, where its file lies (so relative {@code $ref}s resolve). */
    private static final class Compiler {
        private final SpecDocuments docs;
        private final JsonSchemaFactory factory;
        private final SchemaValidatorsConfig config;

        Compiler(SpecDocuments docs, String version) {
            this.docs = docs;
            // A schema's file is an OpenAPI document: its other keys (openapi, paths, …) are not keywords to warn of.
            JsonMetaSchema dialect = JsonMetaSchema.builder(version.startsWith("3.0.") ? OpenApi30.getInstance()
                    : OpenApi31.getInstance()).unknownKeywordFactory((name, context) -> new NonValidationKeyword(name)).build();
            this.factory = JsonSchemaFactory.getInstance(version.startsWith("3.0.") ? SpecVersion.VersionFlag.V4
                    : SpecVersion.VersionFlag.V202012, b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
            this.config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).formatAssertionsEnabled(true)
                    .nullableKeywordEnabled(true).locale(Locale.ENGLISH).build();
        }

        Map<String, Response> responses(SpecDocuments.Location at) {
            Map<String, Response> out = new LinkedHashMap<>();
            JsonNode responses = docs.node(at);
            if (responses == null || !responses.isObject()) {
                return out;
            }
            for (Iterator<String> it = responses.fieldNames(); it.hasNext(); ) {
                String status = it.next();
                if (status.startsWith("x-")) {
                    continue;
                }
                SpecDocuments.Location response = docs.follow(at.child(status));
                Map<String, MediaType> content = new LinkedHashMap<>();
                JsonNode media = docs.node(response.child("content"));
                if (media != null && media.isObject()) {
                    for (Iterator<String> m = media.fieldNames(); m.hasNext(); ) {
                        String name = m.next();
                        SpecDocuments.Location schema = response.child("content").child(name).child("schema");
                        JsonNode s = docs.node(schema);
                        content.put(name.toLowerCase(Locale.ROOT),
                                new MediaType(name, s == null || s.isMissingNode() ? null : compile(schema)));
                    }
                }
                out.put(status, new Response(status, docs.where(at.child(status)), content));
            }
            return out;
        }

        private JsonSchema compile(SpecDocuments.Location schema) {
            try {
                JsonSchema s = factory.getSchema(SchemaLocation.of(schema.uri().toString()), config);
                s.initializeValidators();
                return s;
            } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
                throw new ParityException("openapi: " + docs.where(schema) + ": the schema at "
                        + SpecDocuments.pointerText(schema.pointer()) + " cannot be compiled: " + e.getMessage());
            }
        }
    }

    public Path spec() {
        return spec;
    }

    /** The spec's {@code openapi} version, {@code 3.0.3} or {@code 3.1.0}. */
    public String version() {
        return version;
    }

    /** The spec as swagger-parser reads it, every {@code $ref} resolved (for generated traffic and the contract diff). */
    OpenAPI model() {
        return model;
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The operation a request is for, by the spec's own path templates (literal segments first). */
    public Optional<Operation> find(String method, String path) {
        return table.find(method, path).map(RouteTable.Entry::value);
    }

    /**
     * How {@code response} breaks {@code operation}'s contract: an undeclared status, a content type the response does
     * not declare, a body that is not the JSON it declares, or each rule of its schema the body breaks. Empty when it
     * conforms. The answer's values never appear in what is returned.
     */
    public List<Violation> violations(Operation operation, RecordedResponse response) {
        List<Violation> out = new ArrayList<>();
        Response declared = operation.responseFor(response.status());
        if (declared == null) {
            out.add(new Violation("status", "status", response.status() + " is not declared; the operation declares "
                    + String.join(", ", operation.responses().keySet()), operation.where(), pointer(operation, "responses")));
            return out;
        }
        if (declared.content().isEmpty() || response.body().length == 0) {
            return out; // nothing declared to hold the body to, or no body (HEAD, 204, an empty error) to hold
        }
        String contentType = response.contentType();
        String media = contentType.isEmpty() ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        MediaType type = mediaType(declared, media);
        if (type == null) {
            out.add(new Violation("content-type", "content-type", (media.isEmpty() ? "no Content-Type" : "'" + media + "'")
                    + " is not declared for " + declared.status() + "; declared: "
                    + String.join(", ", declared.content().keySet()), declared.where(), pointer(operation, "responses/" + declared.status())));
            return out;
        }
        if (type.schema() == null || !(Bodies.isJsonType(media) || media.isEmpty())) {
            return out;
        }
        JsonNode body = Bodies.parseJson(response.body(), contentType);
        if (body == null) {
            out.add(new Violation("body", "content-type", "the body is not JSON, as " + type.name() + " declares",
                    declared.where(), pointer(operation, "responses/" + declared.status())));
            return out;
        }
        // Most answers conform: a yes/no pass that stops at the first breach and builds no messages settles them, and only
        // an answer that breaks something is walked again for every breach with its location.
        if (type.schema().validate(body, OutputFormat.BOOLEAN)) {
            return out;
        }
        for (ValidationMessage m : type.schema().validate(body)) {
            out.add(violation(m));
        }
        return out;
    }

    private static MediaType mediaType(Response declared, String media) {
        MediaType exact = declared.content().get(media);
        if (exact != null) {
            return exact;
        }
        int slash = media.indexOf('/');
        MediaType range = slash < 0 ? null : declared.content().get(media.substring(0, slash) + "/*");
        return range != null ? range : declared.content().get("*/*");
    }

    private Violation violation(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        String property = m.getProperty();
        String rule = m.getType();
        // required and additionalProperties are reported at the object; the field itself is where the difference is
        boolean namesField = property != null && (rule.equals("required") || rule.equals("additionalProperties")
                || rule.equals("unevaluatedProperties") || rule.equals("dependentRequired"));
        String path = namesField ? JsonPaths.field(at, property) : at;
        String message = m.getMessage();
        if (message.startsWith(at + ": ")) {
            message = message.substring(at.length() + 2);
        }
        String location = m.getSchemaLocation().toString();
        SpecDocuments.Location written = SpecDocuments.locate(location);
        return new Violation(path, rule, message, written == null ? location : docs.where(written),
                written == null ? location : docs.pointer(written));
    }

    private String pointer(Operation operation, String tail) {
        return docs.pointer(new SpecDocuments.Location(docs.root(), "/paths/" + SpecDocuments.escape(operation.template()) + "/"
                + operation.method().toLowerCase(Locale.ROOT) + "/" + tail));
    }
}
