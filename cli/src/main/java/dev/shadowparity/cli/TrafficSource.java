package dev.shadowparity.cli;

import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where a run's requests come from: {@code --traffic} in one of the formats, or the suite's inline {@code traffic:}. */
final class TrafficSource {

    @Option(names = "--traffic", paramLabel = "FILE", description = "Traffic to send (default: the suite's inline 'traffic' requests).")
    Path traffic;

    @Option(names = "--format", paramLabel = "jsonl|har|exchanges",
            description = "Traffic format (default: .har files are HAR; otherwise detected from the first line).")
    String format;

    @Option(names = "--strict", description = "A malformed traffic entry ends the run (default: skipped and counted).")
    boolean strict;

    /** Reads the requests and prints where they came from and what was skipped. */
    TrafficReader.Traffic read(SuiteConfig suite, Path suiteFile, PrintWriter stdout) {
        TrafficReader.Traffic t;
        if (traffic != null) {
            TrafficReader.Format fmt;
            try {
                fmt = format == null ? TrafficReader.detect(traffic) : TrafficReader.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ParityCommand.UsageException(e.getMessage());
            }
            t = TrafficReader.read(traffic, fmt, strict);
            stdout.printf("traffic   %s (%s): %d requests read, %d skipped%n", traffic, fmt.name().toLowerCase(Locale.ROOT),
                    t.requests().size(), t.skipped().size());
        } else if (!suite.traffic().isEmpty()) {
            t = TrafficReader.inline(suite.traffic(), String.valueOf(suiteFile), strict);
            stdout.printf("traffic   %s (inline): %d requests read, %d skipped%n", suiteFile, t.requests().size(),
                    t.skipped().size());
        } else {
            throw new ParityCommand.UsageException("give --traffic FILE, or list requests under 'traffic:' in the suite");
        }
        t.skipped().forEach((where, why) -> stdout.printf("skipped   %s: %s%n", where, why));
        return t;
    }
}
