package dev.shadowparity.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code verdict.json}; a missing or corrupt file is an {@link InvalidVerdictException}. */
public final class VerdictFiles {

    public static final String FILE = "verdict.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private VerdictFiles() {}

    /** A {@code verdict.json} that is missing, not JSON, or of a schema this version does not read. */
    public static final class InvalidVerdictException extends ParityException {
        private static final long serialVersionUID = 1L;

        InvalidVerdictException(String message) {
            super(message);
        }
    }

    public static Path write(Path dir, Verdict verdict) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            MAPPER.writeValue(file.toFile(), verdict);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Verdict read(Path dir) {
        Path file = dir.resolve(FILE);
        Verdict v;
        try {
            v = MAPPER.readValue(Files.readString(file), Verdict.class);
        } catch (NoSuchFileException e) {
            throw new InvalidVerdictException(file + ": not found (run 'parity demo', 'parity proxy' or 'parity replay' with --out " + dir + " first)");
        } catch (JsonProcessingException e) {
            throw new InvalidVerdictException(file + ":" + e.getLocation().getLineNr() + ": not a valid verdict: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidVerdictException(file + ": cannot read: " + e.getMessage());
        }
        if (v == null || v.verdict() == null || !(v.verdict().equals(Verdict.PROMOTE) || v.verdict().equals(Verdict.HOLD)
                || v.verdict().equals(Verdict.INVALID))) {
            throw new InvalidVerdictException(file + ": field 'verdict' must be 'promote' or 'hold' (or 'invalid', for a run that compared nothing)");
        }
        if (v.schemaVersion() != Verdict.SCHEMA_VERSION) {
            throw new InvalidVerdictException(file + ": schemaVersion " + v.schemaVersion() + " is not supported (expected "
                    + Verdict.SCHEMA_VERSION + ")");
        }
        return v;
    }
}
