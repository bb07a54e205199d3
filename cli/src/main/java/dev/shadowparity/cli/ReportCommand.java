package dev.shadowparity.cli;

import dev.shadowparity.contract.ContractRoutes;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.reports.RunReport;
import dev.shadowparity.run.RunOutcome;
import java.nio.file.Path;
import dev.shadowparity.run.FinishedRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity report}: regenerates Allure results and the HTML report of a finished run's folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity report --in parity-out/20261202-101500 --config parity.yaml   (also recovers a run cut short)",
                "  parity report --from kafka://kafka:9092/shop --group rewrite-v2 --config parity.yaml --out parity-out/merged"},
        description = {"Regenerates the reports of a finished run.", "", "Regenerates junit.xml, allure-results/ and allure-report/index.html from a run folder",
                "(its verdict.json and exchanges.jsonl). Exits 0 when the report was written, 2 when the",
                "folder is not a valid run.", "",
                "A folder whose run was cut short (killed before its verdict was written) is recovered with",
                "--config: the ledger is rebuilt from exchanges.jsonl, judged, and every file written; then the",
                "exit code is the gate's (0 promote, 1 hold, 2 invalid).", "",
                "With --from, --group and --config, the results a group of workers committed to Kafka are",
                "merged into a new run folder (--out): one ledger, one exchanges.jsonl, the verdict and every",
                "report a single process would have written; the exit code is the gate's."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    RunFolder folder;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The run's suite: recovers a folder with exchanges.jsonl but no verdict.json.")
    Path config;

    @Mixin
    MergeOptions merge;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (merge.given()) {
            RunOutcome outcome = merge.merge(config, spec.commandLine().getOut());
            return RunOutput.print(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        Path dir = folder.existing();
        if (FinishedRun.cutShort(dir)) {
            if (config == null) {
                throw new ParityCommand.UsageException(dir + " has exchanges.jsonl but no verdict.json (was the run cut short?):"
                        + " give --config with the run's suite to rebuild its verdict and reports from the log");
            }
            RunOutcome outcome = FinishedRun.recover(dir, loadSuite());
            spec.commandLine().getOut().println("recovered " + outcome.written().verdict().environment().get("recovered"));
            return RunOutput.print(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        RunReport.Written w = FinishedRun.report(dir);
        if (w.html() == null) {
            spec.commandLine().getErr().println("parity report: " + w.htmlError());
            return ParityCommand.INVALID;
        }
        spec.commandLine().getOut().println("report:   " + w.html().toAbsolutePath());
        return ParityCommand.PROMOTE;
    }

    private SuiteConfig loadSuite() {
        try {
            return ContractRoutes.applied(new ConfigLoader().load(config, null, null), config);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
    }
}
