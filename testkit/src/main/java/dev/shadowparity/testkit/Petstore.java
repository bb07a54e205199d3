package dev.shadowparity.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Petstore-style OpenAPI 3.0 spec in two files ({@code petstore.yaml} refers to {@code schemas.yaml}): seven
 * operations, a schema that forbids additional properties, an enum, a format, a nullable field, examples for
 * parameters and bodies. Copied into a folder, so a test can plant changes in its own copy.
 */
public final class Petstore {

    private Petstore() {}

    /** Copies both files into {@code dir}; returns the path of {@code petstore.yaml}. */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : new String[] {"petstore.yaml", "schemas.yaml"}) {
                try (InputStream in = Petstore.class.getResourceAsStream("/petstore/" + name)) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir.resolve("petstore.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
