package dev.shadowparity.cli;

import dev.shadowparity.contract.OpenApiContract;
import dev.shadowparity.contract.SpecTraffic;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.HarReader;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where a run's requests come from: {@code --traffic} in one of the formats, or the suite's inline {@code traffic:}. */
final class TrafficSource {

    /** {@code --traffic openapi:spec.yaml}: requests made from the spec's examples. */
    static final String GENERATED = "openapi:";

    @Option(names = "--traffic", paramLabel = "FILE", description = "Traffic to send, or openapi:SPEC for one request per example of the spec (default: the suite's inline 'traffic' requests).")
    Path traffic;

    @Option(names = "--format", paramLabel = "jsonl|har|exchanges",
            description = "Traffic format (default: .har files are HAR; otherwise detected from the first line).")
    String format;

    @Option(names = "--strict", description = "A malformed traffic entry ends the run (default: skipped and counted).")
    boolean strict;

    @Option(names = "--har-host", paramLabel = "HOST", description = "HAR: replay only requests to this host (repeatable; default: every host).")
    List<String> harHosts = new ArrayList<>();

    @Option(names = "--har-types", paramLabel = "TYPES", split = ",", defaultValue = "xhr,fetch",
            description = "HAR: resource types replayed, or 'all' (default: ${DEFAULT-VALUE}; devtools' _resourceType, else from the answer's media type).")
    List<String> harTypes;

    @Option(names = "--har-preflights", description = "HAR: replay CORS preflights too (default: left out).")
    boolean harPreflights;

    /** Reads the requests and prints where they came from and what was skipped. */
    TrafficReader.Traffic read(SuiteConfig suite, Path suiteFile, PrintWriter stdout) {
        TrafficReader.Traffic t;
        if (traffic != null && traffic.toString().startsWith(GENERATED)) {
            Path spec = Path.of(traffic.toString().substring(GENERATED.length()));
            SpecTraffic.Generated g = SpecTraffic.of(OpenApiContract.load(spec));
            t = TrafficReader.inline(g.requests(), traffic.toString(), strict).generatedFrom(spec.getFileName() + "'s examples");
            stdout.printf("traffic   %s (generated from the spec's examples): %d requests%n", spec, t.requests().size());
            g.leftOut().forEach((operation, why) -> stdout.printf("left out  %s: %s%n", operation, why));
        } else if (traffic != null) {
            TrafficReader.Format fmt;
            try {
                fmt = format == null ? TrafficReader.detect(traffic) : TrafficReader.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ParityCommand.UsageException(e.getMessage());
            }
            HarReader.Filter har = new HarReader.Filter(Set.copyOf(harHosts),
                    harTypes.contains("all") ? Set.of() : Set.copyOf(harTypes), harPreflights);
            t = TrafficReader.read(traffic, fmt, strict, har);
            stdout.printf("traffic   %s (%s): %d requests read, %d skipped%n", traffic, fmt.name().toLowerCase(Locale.ROOT),
                    t.requests().size(), t.skipped().size());
            t.leftOut().forEach((why, n) -> stdout.printf("left out  %d: %s%n", n, why));
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
