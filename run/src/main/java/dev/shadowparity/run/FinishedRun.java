package dev.shadowparity.run;

import dev.shadowparity.gate.Gate;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import dev.shadowparity.reports.RunReport;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** A folder a run was cut short in (killed, the machine lost): its log survived, its verdict was never written. */
    public static boolean cutShort(Path dir) {
        return !Files.exists(dir.resolve(VerdictFiles.FILE)) && Files.exists(dir.resolve(RunReport.EXCHANGES));
    }

    /**
     * Rebuilds the ledger of a run that was cut short from the {@code exchanges.jsonl} that survived it (its rotated
     * files too), then has the gate judge it and every report written, saying in the verdict that it was recovered
     * and how many exchanges the log lacks: ids run from 1 with none skipped, so the missing are counted, whether
     * the writer's buffer lost them or a line was torn by the kill. The suite gives the gate its thresholds.
     */
    public static RunOutcome recover(Path dir, SuiteConfig suite) {
        Ledger ledger = new Ledger(suite.noise(), new Redactor(suite.redact()));
        long read = 0;
        long[] highest = {0};
        long[] unreadable = {0};
        for (Path part : ExchangeLogReader.oldestFirst(dir.resolve(RunReport.EXCHANGES))) {
            read += ExchangeLogReader.forEach(part, ce -> {
                ledger.record(ce);
                highest[0] = Math.max(highest[0], ce.exchange().id());
            }, torn -> unreadable[0]++); // the last line of a killed writer, most often
        }
        long lost = Math.max(0, highest[0] - read);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("recovered", "rebuilt from exchanges.jsonl after the run was cut short: " + read + " exchanges read, "
                + lost + " missing from the log (of ids 1-" + highest[0] + ")"
                + (unreadable[0] > 0 ? ", " + unreadable[0] + " unreadable lines skipped" : ""));
        return Verdicts.ofLedger(dir, suite, ledger.snapshot(), System.currentTimeMillis(), notes);
    }
}
