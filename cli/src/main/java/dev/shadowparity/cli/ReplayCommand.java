package dev.shadowparity.cli;

import dev.shadowparity.compare.ComparePipeline;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.report.RunReport;
import dev.shadowparity.scenario.ContainerBackends;
import dev.shadowparity.scenario.ReplayEngine;
import dev.shadowparity.scenario.ReplayProgress;
import dev.shadowparity.scenario.ResetRunner;
import dev.shadowparity.scenario.TrafficReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity replay}: sends recorded or scripted traffic to both backends and compares every pair. */
@Command(name = "replay", mixinStandardHelpOptions = true,
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
        Duration perRequest;
        try {
            perRequest = dev.shadowparity.core.config.DurationDeserializer.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
        SuiteConfig declared = source.resolve();
        PrintWriter stdout = spec.commandLine().getOut();
        TrafficReader.Traffic t = trafficSource.read(declared, source.config, stdout);
        try (ContainerBackends containers = ContainerBackends.start(declared, line -> {
            stdout.println("container " + line);
            stdout.flush();
        })) {
            SuiteConfig suite = containers.suite();
            if (suite.reset() != null) {
                java.util.List<String> steps = new java.util.ArrayList<>(suite.reset().http());
                if (!suite.reset().command().isEmpty()) {
                    steps.add(String.join(" ", suite.reset().command()));
                }
                stdout.println("reset     " + String.join("; ", steps));
                stdout.flush();
                ResetRunner.run(suite.reset());
            }
            Path dir = out.resolve();
            long startMillis = System.currentTimeMillis();
            // The replay waits for each comparison before it sends more, so a queue a little above the concurrency never fills.
            ComparePipeline pipeline = ShadowRun.pipelineFor(suite, dir, concurrency + 16);
            ReplayEngine.Result result;
            try {
                ReplayEngine engine = new ReplayEngine(suite, pipeline, perRequest);
                boolean terminal = System.console() != null && System.getenv("CI") == null;
                result = engine.run(t.requests(), concurrency, rate == null ? 0 : rate, ordered,
                        new ReplayProgress(stdout, t.requests().size(), terminal, 5_000));
            } finally {
                pipeline.close();
            }
            stdout.printf("replay    done: read %d, sent %d, skipped %d; %d exchanges with differences%n",
                    t.read(), result.sent(), t.skipped().size(), result.withRegression());
            stdout.flush();
            return RunOutput.print(RunReport.write(dir, suite, pipeline.ledger().snapshot(), startMillis), stdout,
                    spec.commandLine().getErr());
        }
    }
}
