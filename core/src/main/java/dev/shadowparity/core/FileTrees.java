package dev.shadowparity.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch and output folders that a run replaces whole (an unpacked tool, an earlier report). */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code root} and everything under it; nothing to do when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Where parity keeps what it unpacks or fetches once per machine (the Allure command line, Gatling's report
     * module): {@code PARITY_CACHE_DIR}, else {@code $XDG_CACHE_HOME/shadow-parity}, else {@code ~/.cache/shadow-parity}.
     */
    public static Path cacheRoot() {
        String override = System.getenv("PARITY_CACHE_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("shadow-parity");
    }
}
