package dev.shadowparity.cli;

import dev.shadowparity.load.LoadRun;
import dev.shadowparity.run.DemoRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity demo}: a whole migration check in one command, on embedded backends. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity demo", "  parity demo --load --users 50,100 --duration 30s"},
        description = {"Runs a whole migration check on embedded backends.", "", "Starts an embedded legacy backend, a second legacy instance (for noise) and its rewrite,",
                "puts the shadow proxy in front, drives realistic traffic through it, compares every pair and",
                "writes exchanges.jsonl, verdict.json, junit.xml, Allure results and the HTML report.",
                "Exits with the gate's code: 0 promote, 1 hold, 2 invalid run. The demo's rewrite has a",
                "regression, so it holds."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    OutputDir out;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "400",
            description = "Requests the traffic driver sends (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Concurrent client connections (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--load", description = {"Then load legacy and rewrite with Gatling (--users, --duration...) and add",
            "the latency and throughput budgets to the verdict and the report."})
    boolean withLoad;

    @Mixin
    LoadOptions load;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || concurrency < 1) {
            throw new ParityCommand.UsageException("--requests and --concurrency must be at least 1");
        }
        LoadRun.Settings loadSettings = load.settings(); // checked even without --load: a typo is named either way
        DemoRun.Options options = new DemoRun.Options(requests, concurrency, withLoad ? loadSettings : null);
        PrintWriter stdout = spec.commandLine().getOut();
        return RunOutput.print(DemoRun.run(options, out.resolve(), stdout), stdout, spec.commandLine().getErr());
    }
}
