package dev.shadowparity.cli;

import dev.shadowparity.gate.Verdict;
import dev.shadowparity.reports.SummaryTable;
import dev.shadowparity.run.FinishedRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity gate}: the exit code CI uses to promote a migration phase. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity gate --in parity-out/20261202-101500", "  parity gate --in parity-out/20261202-101500 --phase 25"},
        description = {"Turns a run's verdict into an exit code for CI.", "", "Reads a run's verdict.json, prints the summary and exits 0 (promote), 1 (hold) or",
                "2 (missing or corrupt input, unknown phase). With --phase, the run is judged by that rollout",
                "phase's policy (gate.phases in the suite; by default 10, 25, 50 and 100, where 100 also needs",
                "the latency budgets)."})
final class GateCommand implements Callable<Integer> {

    @Mixin
    RunFolder folder;

    @Option(names = "--phase", paramLabel = "PERCENT",
            description = "The traffic share being moved to, e.g. 10, 25, 50 or 100: applies that phase's thresholds.")
    String phase;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Verdict v = FinishedRun.judge(folder.existing(), phase);
        spec.commandLine().getOut().print(SummaryTable.render(v));
        spec.commandLine().getOut().flush();
        return v.promotes() ? ParityCommand.PROMOTE : v.invalid() ? ParityCommand.INVALID : ParityCommand.HOLD;
    }
}
