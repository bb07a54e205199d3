package dev.shadowparity.cli;

import dev.shadowparity.reports.RunReport;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * The {@code --out DIR} option of commands that write a run folder (default {@code ./parity-out/<timestamp>}), and
 * {@code --history-from}, the previous run the folder's report continues from.
 */
final class OutputDir {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ./parity-out/<timestamp>).")
    Path out;

    @Option(names = "--history-from", paramLabel = "DIR|URL",
            description = "The previous run (its folder, or the URL it is served at): the report continues its trend and the verdict marks what is new since (default: the newest older run beside --out).")
    String historyFrom;

    private Path resolved;

    /** The folder, the previous run named by {@code --history-from} pinned in it (once). */
    Path resolve() {
        if (resolved == null) {
            resolved = out != null ? out
                    : Path.of("parity-out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (historyFrom != null) {
                RunReport.pinPrevious(resolved, historyFrom);
            }
        }
        return resolved;
    }
}
