package dev.shadowparity.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads {@code parity.yaml}. Every error names the file, line and key: unknown keys, wrong types, bad
 * URLs and durations, undefined {@code ${VARIABLES}}.
 */
public final class ConfigLoader {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private final Function<String, String> environment;

    public ConfigLoader() {
        this(System::getenv);
    }

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public SuiteConfig load(Path file) {
        return load(file, null, null);
    }

    /**
     * As {@link #load(Path)}, for a command whose flags name the primary and the candidate: then the file may
     * leave out {@code backends} (the flags would override it anyway) and hold only routes, rules and settings.
     * Null arguments: the file must name them.
     */
    public SuiteConfig load(Path file, String primaryUrl, String candidateUrl) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, 0, null, "file not found");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, 0, null, "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent(), primaryUrl, candidateUrl);
    }

    /**
     * As {@link #parse(String, String, Path)}, for a caller that names the primary and the candidate itself: then the
     * text may leave out {@code backends}. Null URLs: the text must name them.
     */
    public SuiteConfig parse(String text, String source, Path folder, String primaryUrl, String candidateUrl) {
        if (primaryUrl != null && candidateUrl != null && !TOP_LEVEL_BACKENDS.matcher(text).find()
                && !text.stripLeading().startsWith("{")) {
            // Appended, so every line of the file keeps its number in error messages.
            text = text + "\nbackends: { primary: { url: " + quoted(primaryUrl) + " }, candidate: { url: "
                    + quoted(candidateUrl) + " } }\n";
        }
        return parse(text, source, folder);
    }

    private static final Pattern TOP_LEVEL_BACKENDS = Pattern.compile("(?m)^backends\\s*:");

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** As {@link #parse(String, String, Path)}, relative file paths read from the working directory. */
    public SuiteConfig parse(String text, String source) {
        return parse(text, source, Path.of("").toAbsolutePath());
    }

    /** Reads a suite's text; {@code folder} is where relative file paths in it (TLS certificates) are read from. */
    public SuiteConfig parse(String text, String source, Path folder) {
        String expanded = expandVariables(text, source);
        if (expanded.isBlank()) {
            throw new ConfigException(source, 1, 0, null, "the file is empty; it needs at least 'backends'");
        }
        try {
            SuiteConfig config = yaml.readerFor(SuiteConfig.class)
                    .withAttribute(FilePathDeserializer.BASE_DIR, folder).readValue(expanded);
            if (config == null) {
                throw new ConfigException(source, 1, 0, null, "the file holds no settings");
            }
            return config;
        } catch (JsonProcessingException e) {
            throw translate(e, source);
        }
    }

    private String expandVariables(String text, String source) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.stripLeading().startsWith("#")) {
                Matcher m = VARIABLE.matcher(line);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String value = environment.apply(m.group(1));
                    if (value == null) {
                        value = m.group(2);
                    }
                    if (value == null) {
                        throw new ConfigException(source, i + 1, m.start() + 1, null,
                                "environment variable " + m.group(1) + " is not set (write ${" + m.group(1)
                                        + ":-default} for a default)");
                    }
                    m.appendReplacement(sb, Matcher.quoteReplacement(value));
                }
                m.appendTail(sb);
                line = sb.toString();
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static ConfigException translate(JsonProcessingException e, String source) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        String key = e instanceof JsonMappingException jme ? keyPath(jme) : null;
        return new ConfigException(source, line, column, key, problem(e));
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known keys: " + known + ")");
        }
        if (e instanceof InvalidFormatException f) {
            String detail = f.getOriginalMessage();
            int colon = detail.lastIndexOf(": ");
            String reason = colon >= 0 ? detail.substring(colon + 2) : detail;
            return "invalid value '" + f.getValue() + "': " + reason;
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            if (msg.startsWith("Missing required creator property")) {
                Matcher q = Pattern.compile("'([^']+)'").matcher(msg);
                return "required key " + (q.find() ? "'" + q.group(1) + "' " : "") + "is missing";
            }
            Class<?> target = m.getTargetType();
            String expected = target == null ? "another type" : describe(target);
            return "wrong type: expected " + expected;
        }
        if (e instanceof JsonMappingException jme && jme.getCause() instanceof IllegalArgumentException iae) {
            return iae.getMessage();
        }
        return "not valid YAML: " + e.getOriginalMessage();
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
