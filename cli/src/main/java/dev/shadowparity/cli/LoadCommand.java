package dev.shadowparity.cli;

import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.load.LoadRun;
import dev.shadowparity.run.LoadJob;
import dev.shadowparity.run.RunOutcome;
import dev.shadowparity.scenarios.ReplayRequest;
import dev.shadowparity.scenarios.TrafficReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code parity load}: Gatling scenarios against primary and candidate, and the suite's latency and throughput budgets. */
@Command(name = "load", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity load --config parity.yaml --traffic recorded.jsonl --users 50,100 --duration 30s", "  parity load --primary http://127.0.0.1:8081 --candidate http://127.0.0.1:9081 --traffic recorded.jsonl"},
        description = {"Loads primary and candidate with Gatling and checks the latency budgets.", "",
                "At each --users level, runs the same closed-model Gatling scenario (virtual users looping over",
                "the traffic) against the primary and then the candidate, and evaluates the suite's budgets: p95",
                "and p99 limits, candidate/primary p95 ratio, error rate, ML routes' throughput. Writes Gatling's",
                "reports to gatling/<backend>-<users>/, load.json, and the verdict, junit.xml and Allure report",
                "(into an existing run folder's verdict when --out names one).",
                "Exits 0 when every budget holds, 1 when one does not, 2 invalid usage or run."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    SuiteSource source;

    @Mixin
    TrafficSource trafficSource;

    @Mixin
    LoadOptions load;

    @Mixin
    OutputDir out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadRun.Settings settings = load.settings();
        SuiteConfig declared = source.resolve();
        PrintWriter stdout = spec.commandLine().getOut();
        TrafficReader.Traffic t = trafficSource.read(declared, source.config, stdout);
        RunOutcome outcome = LoadJob.run(declared, t.requests().stream().map(ReplayRequest::recorded).toList(), settings,
                out.resolve(), stdout);
        return RunOutput.print(outcome, stdout, spec.commandLine().getErr());
    }
}
