package dev.shadowparity.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.shadowparity.core.config.ByteSize;
import dev.shadowparity.core.config.HostPort;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.gate.Verdict;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * JSON Schemas (2020-12) of {@code parity.yaml} and {@code verdict.json}, generated from the records the files are
 * read into and written from, so they cannot drift from the code: unknown keys are refused (as the loader refuses
 * them), required keys are the records' required ones, and the scalars written as text ({@code 5s}, {@code 10MiB},
 * {@code 127.0.0.1:8080}, URLs, file paths) are strings with their form described. Editors autocomplete a suite with
 * the {@code yaml-language-server} line pointing at the file {@code parity schema suite} writes.
 */
public final class Schemas {

    private static final Map<Class<?>, String> TEXT_FORMS = Map.of(
            Duration.class, "a duration: 500ms, 5s, 2m, 1h",
            ByteSize.class, "a size: 512, 64KiB, 10MiB, 1GiB",
            HostPort.class, "host:port, such as 127.0.0.1:8080 (port 0: any free one)",
            URI.class, "an http:// or https:// URL (or host:port)",
            Path.class, "a file path, relative to the suite file's folder");

    private Schemas() {}

    /** The schema of a suite file. */
    public static ObjectNode suite() {
        ObjectNode schema = generate(SuiteConfig.class, "https://shadowparity.dev/schemas/parity.schema.json",
                "A Shadow Parity suite (parity.yaml)", true);
        // A file may leave backends out when the command's --primary/--candidate (or the JUnit extension) name them.
        if (schema.get("required") instanceof com.fasterxml.jackson.databind.node.ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (required.get(i).asText().equals("backends")) {
                    required.remove(i);
                }
            }
            if (required.isEmpty()) {
                schema.remove("required");
            }
        }
        return schema;
    }

    /** The schema of a run's verdict.json: the contract CI scripts read. */
    public static ObjectNode verdict() {
        return generate(Verdict.class, "https://shadowparity.dev/schemas/verdict.schema.json",
                "A Shadow Parity verdict (verdict.json), schema version " + Verdict.SCHEMA_VERSION, false);
    }

    private static ObjectNode generate(Class<?> type, String id, String title, boolean strict) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                // a map (rules by JSON path, headers by name) is an object whose values have the map's value type
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
        if (strict) {
            config.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT); // the loader refuses unknown keys too
        } else {
            config.with(Option.NULLABLE_FIELDS_BY_DEFAULT); // a verdict writes null where a figure does not apply
        }
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            String form = TEXT_FORMS.get(javaType.getErasedType());
            if (form != null) {
                ObjectNode text = context.getGeneratorConfig().createObjectNode().put("type", "string").put("description", form);
                if (javaType.getErasedType() == Duration.class) {
                    text.put("pattern", "^\\s*[0-9]+(ms|s|m|h)\\s*$");
                }
                if (javaType.getErasedType() == ByteSize.class) {
                    text.remove("type"); // 512 is read as a number in YAML: bytes
                    text.putArray("type").add("string").add("integer");
                }
                return new CustomDefinition(text, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
            }
            if (javaType.getErasedType() == JsonNode.class) {
                return new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("description", "any JSON value"),
                        CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        });
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(type);
        schema.put("$id", id);
        schema.put("title", title);
        return schema;
    }
}
