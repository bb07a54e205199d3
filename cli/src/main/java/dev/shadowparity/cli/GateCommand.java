package dev.shadowparity.cli;

import dev.shadowparity.report.SummaryTable;
import dev.shadowparity.report.Verdict;
import dev.shadowparity.report.VerdictFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code parity gate}: the exit code CI uses to promote a migration phase. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Turns a run's verdict into an exit code for CI.", "", "Reads a run's verdict.json, prints the summary and exits 0 (promote), 1 (hold) or",
                "2 (missing or corrupt input)."})
final class GateCommand implements Callable<Integer> {

    @Mixin
    RunFolder folder;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Verdict v = VerdictFiles.read(folder.existing());
        spec.commandLine().getOut().print(SummaryTable.render(v));
        spec.commandLine().getOut().flush();
        return v.promotes() ? ParityCommand.PROMOTE : ParityCommand.HOLD;
    }
}
