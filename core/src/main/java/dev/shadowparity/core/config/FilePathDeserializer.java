package dev.shadowparity.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file named in the suite. A relative path is read from the suite file's folder (where the user keeps the file
 * beside the suite), not from wherever the command happens to run.
 */
final class FilePathDeserializer extends StdScalarDeserializer<Path> {

    private static final long serialVersionUID = 1L;
    /** The attribute {@link ConfigLoader} sets to the folder of the file being read. */
    static final String BASE_DIR = "parity.suiteFolder";

    FilePathDeserializer() {
        super(Path.class);
    }

    @Override
    public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        if (text == null || text.isBlank()) {
            throw ctxt.weirdStringException(text, Path.class, "a file path is required");
        }
        Path path;
        try {
            path = Path.of(text.trim());
        } catch (InvalidPathException e) {
            throw ctxt.weirdStringException(text, Path.class, "not a file path: " + e.getReason());
        }
        Object base = ctxt.getAttribute(BASE_DIR);
        return path.isAbsolute() || !(base instanceof Path folder) ? path : folder.resolve(path).normalize();
    }
}
