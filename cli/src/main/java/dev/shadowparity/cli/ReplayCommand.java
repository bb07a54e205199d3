package dev.shadowparity.cli;

import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.run.ReplayRun;
import dev.shadowparity.run.RunOutcome;
import dev.shadowparity.scenarios.ReplayProgress;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity replay}: sends recorded or scripted traffic to both backends and compares every pair. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity replay --config parity.yaml --traffic recorded.jsonl", "  parity replay --config parity.yaml --traffic session.har --har-host shop.example --ordered"},
        description = {"Replays traffic against primary and candidate and compares every pair.", "",
                "Reads --traffic (a JSONL request list, a HAR file, or a run's exchanges.jsonl), runs the",
                "suite's reset (after starting the suite's image backends as containers), sends each request to",
                "primary, candidate (and secondary) at once, compares the",
                "answers and writes exchanges.jsonl, verdict.json, junit.xml, Allure results and the report.",
                "Exits with the gate's code: 0 promote, 1 hold, 2 invalid usage or run."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    SuiteSource source;

    @Mixin
    TrafficSource trafficSource;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Requests under way at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "R", description = "At most R requests started per second.")
    Double rate;

    @Option(names = "--ordered", description = "Replay in file order, each request answered by every backend before the next (stateful traffic).")
    boolean ordered;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Per request and backend (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    OutputDir out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || (rate != null && rate <= 0)) {
            throw new ParityCommand.UsageException("--concurrency must be at least 1 and --rate above 0");
        }
        Duration perRequest = ParityCommand.duration("--timeout", timeout);
        SuiteConfig declared = source.resolve();
        PrintWriter stdout = spec.commandLine().getOut();
        TrafficReader.Traffic t = trafficSource.read(declared, source.config, stdout);
        boolean terminal = System.console() != null && System.getenv("CI") == null;
        RunOutcome outcome = ReplayRun.run(declared, t, new ReplayRun.Options(concurrency, rate == null ? 0 : rate, ordered, perRequest),
                out.resolve(), line -> {
                    stdout.println(line);
                    stdout.flush();
                }, new ReplayProgress(stdout, t.requests().size(), terminal, 5_000));
        return RunOutput.print(outcome, stdout, spec.commandLine().getErr());
    }
}
