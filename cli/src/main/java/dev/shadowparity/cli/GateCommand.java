package dev.shadowparity.cli;

import dev.shadowparity.gate.Verdict;
import dev.shadowparity.reports.MarkdownSummary;
import dev.shadowparity.reports.SummaryTable;
import dev.shadowparity.run.FinishedRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity gate}: the exit code CI uses to promote a migration phase. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity gate --in parity-out/20261202-101500 --phase 25 --format markdown",
                "  parity gate --from kafka://kafka:9092/shop --group rewrite-v2 --config parity.yaml --wait 5m"},
        description = {"Turns a run's verdict into an exit code for CI.", "", "Reads a run's verdict.json, prints the summary and exits 0 (promote), 1 (hold) or",
                "2 (missing or corrupt input, unknown phase). With --phase, the run is judged by that rollout",
                "phase's policy (gate.phases in the suite; by default 10, 25, 50 and 100, where 100 also needs",
                "the latency budgets).", "",
                "With --from, --group and --config, a group of workers' results are first merged from Kafka",
                "into a run folder (--out), as parity report --from does, and that folder is judged."})
final class GateCommand implements Callable<Integer> {

    @Mixin
    RunFolder folder;

    @Option(names = "--phase", paramLabel = "PERCENT",
            description = "The traffic share being moved to, e.g. 10, 25, 50 or 100: applies that phase's thresholds.")
    String phase;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the summary table) or markdown (for a pull request or a CI job's summary page). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--step-summary", paramLabel = "FILE", defaultValue = "${env:GITHUB_STEP_SUMMARY}",
            description = "Also append the Markdown summary to FILE (default: $GITHUB_STEP_SUMMARY, when GitHub Actions sets it).")
    java.nio.file.Path stepSummary;

    @Mixin
    MergeOptions merge;

    @Option(names = "--config", paramLabel = "FILE", description = "With --from: the suite, whose thresholds the gate applies.")
    java.nio.file.Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
        if (!format.equals("text") && !format.equals("markdown")) {
            throw new ParityCommand.UsageException("--format is text or markdown, got '" + format + "'");
        }
        java.nio.file.Path dir = merge.given() ? merge.merge(config, spec.commandLine().getOut()).written().verdictFile().getParent()
                : folder.existing();
        Verdict v = FinishedRun.judge(dir, phase);
        spec.commandLine().getOut().print(format.equals("markdown") ? MarkdownSummary.render(v) : SummaryTable.render(v));
        spec.commandLine().getOut().flush();
        if (stepSummary != null) {
            java.nio.file.Files.writeString(stepSummary, MarkdownSummary.render(v) + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        return v.promotes() ? ParityCommand.PROMOTE : v.invalid() ? ParityCommand.INVALID : ParityCommand.HOLD;
    }
}
