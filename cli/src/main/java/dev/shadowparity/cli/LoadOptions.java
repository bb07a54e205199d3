package dev.shadowparity.cli;

import dev.shadowparity.load.LoadRun;
import java.util.List;
import picocli.CommandLine.Option;

/** How hard and how long {@code parity load} (and {@code parity demo --load}) loads the backends. */
final class LoadOptions {

    @Option(names = "--users", paramLabel = "N[,N...]", split = ",", defaultValue = "50,100",
            description = "Concurrent virtual users, one level after the other (default: ${DEFAULT-VALUE}).")
    List<Integer> users;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time held at each level, per backend and pass (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--ramp", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time to reach each level (default: ${DEFAULT-VALUE}).")
    String ramp;

    @Option(names = "--think", paramLabel = "DURATION", defaultValue = "0s",
            description = "Pause of each virtual user after each answer (default: ${DEFAULT-VALUE}).")
    String think;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s",
            description = "Unmeasured requests to both backends before the first level, so neither is measured cold (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "A request without an answer by then counts as an error (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Also load this shadow proxy (in front of the primary, mirroring on) at each level, to measure what it adds.")
    String proxy;

    @Option(names = "--single-pass",
            description = "Measure each backend once per level, primary then candidate, instead of the balanced primary,"
                    + " candidate, candidate, primary: half the time, but whatever drifts during a level then weighs on one"
                    + " backend only, and ratio budgets are judged without knowing how far the figures move between passes.")
    boolean singlePass;

    LoadRun.Settings settings() {
        try {
            return new LoadRun.Settings(users, ParityCommand.duration("--ramp", ramp),
                    ParityCommand.duration("--duration", duration), ParityCommand.duration("--think", think),
                    ParityCommand.duration("--warmup", warmup), ParityCommand.duration("--request-timeout", requestTimeout),
                    proxy == null ? null : dev.shadowparity.core.config.BackendConfig.of(proxy).url(), !singlePass);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
    }
}
