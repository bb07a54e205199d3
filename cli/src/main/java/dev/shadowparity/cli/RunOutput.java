package dev.shadowparity.cli;

import dev.shadowparity.reports.RunReport;
import dev.shadowparity.run.RunOutcome;
import dev.shadowparity.reports.SummaryTable;
import java.io.PrintWriter;

/** Prints the end of a run the same way for every command: summary table, where the files are, exit code. */
final class RunOutput {

    private RunOutput() {}

    static int print(RunOutcome outcome, PrintWriter out, PrintWriter err) {
        RunReport.Written w = outcome.written();
        out.println();
        out.print(SummaryTable.render(w.verdict()));
        w.notWritten().forEach(problem -> err.println("error: " + problem));
        if (w.verdictFile() != null) {
            out.println("verdict:  " + w.verdictFile().toAbsolutePath());
        }
        if (w.html() != null) {
            out.println("report:   " + w.html().toAbsolutePath());
        } else {
            err.println("warning: the HTML report was not generated: " + w.htmlError());
            if (w.allureResults() != null) {
                out.println("results:  " + w.allureResults().toAbsolutePath());
            }
        }
        out.flush();
        return outcome.exitCode();
    }
}
