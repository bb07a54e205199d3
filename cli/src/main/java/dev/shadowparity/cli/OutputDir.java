package dev.shadowparity.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** The {@code --out DIR} option of commands that write a run folder; default {@code ./parity-out/<timestamp>}. */
final class OutputDir {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ./parity-out/<timestamp>).")
    Path out;

    Path resolve() {
        if (out != null) {
            return out;
        }
        return Path.of("parity-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
