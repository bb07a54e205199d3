package dev.shadowparity.run;

import dev.shadowparity.gate.Gate;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import dev.shadowparity.reports.RunReport;
import java.nio.file.Path;

/** What can be done with a run's folder after the run: judge it again ({@code parity gate}), render it again ({@code parity report}). */
public final class FinishedRun {

    private FinishedRun() {}

    /**
     * The folder's verdict; with {@code phase} (such as {@code 25} or {@code 25%}), judged again by that rollout
     * phase's policy, which the verdict carries.
     */
    public static Verdict judge(Path dir, String phase) {
        Verdict v = VerdictFiles.read(dir);
        return phase == null ? v : Gate.atPhase(v, phase.endsWith("%") ? phase.substring(0, phase.length() - 1) : phase);
    }

    /** Every report of the folder, drawn again from its verdict and exchanges. */
    public static RunReport.Written report(Path dir) {
        return RunReport.write(dir, VerdictFiles.read(dir), System.currentTimeMillis());
    }
}
