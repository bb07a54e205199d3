package dev.shadowparity.cli;

import dev.shadowparity.report.RunReport;
import dev.shadowparity.report.Verdict;
import dev.shadowparity.report.VerdictFiles;
import java.nio.file.Path;
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
        Path in = folder.existing();
        Verdict verdict = VerdictFiles.read(in);
        RunReport.Written w = RunReport.writeFor(in, verdict, System.currentTimeMillis());
        if (w.html() == null) {
            spec.commandLine().getErr().println("parity report: " + w.htmlError());
            return ParityCommand.INVALID;
        }
        spec.commandLine().getOut().println("report:   " + w.html().toAbsolutePath());
        return ParityCommand.PROMOTE;
    }
}
