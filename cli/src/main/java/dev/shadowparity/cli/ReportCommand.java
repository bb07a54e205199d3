package dev.shadowparity.cli;

import dev.shadowparity.reports.RunReport;
import dev.shadowparity.run.FinishedRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code parity report}: regenerates Allure results and the HTML report of a finished run's folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerates the reports of a finished run.", "", "Regenerates junit.xml, allure-results/ and allure-report/index.html from a run folder",
                "(its verdict.json and exchanges.jsonl). Exits 0 when the report was written, 2 when the",
                "folder is not a valid run."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    RunFolder folder;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunReport.Written w = FinishedRun.report(folder.existing());
        if (w.html() == null) {
            spec.commandLine().getErr().println("parity report: " + w.htmlError());
            return ParityCommand.INVALID;
        }
        spec.commandLine().getOut().println("report:   " + w.html().toAbsolutePath());
        return ParityCommand.PROMOTE;
    }
}
