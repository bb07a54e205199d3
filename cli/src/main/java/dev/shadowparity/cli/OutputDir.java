package dev.shadowparity.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The default output folder: {@code ./parity-out/<timestamp>}. */
final class OutputDir {

    private OutputDir() {}

    static Path orDefault(Path given) {
        if (given != null) {
            return given;
        }
        return Path.of("parity-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
