package dev.shadowparity.run;

import dev.shadowparity.reports.RunReport;

/** How a run ended: what it wrote (the gate's verdict among it) and the exit code CI gates on: 0, 1, or 2 when invalid. */
public record RunOutcome(RunReport.Written written) {

    public static final int PROMOTE = 0;
    public static final int HOLD = 1;
    public static final int INVALID = 2;

    public int exitCode() {
        return written.verdict().promotes() ? PROMOTE : written.verdict().invalid() ? INVALID : HOLD;
    }
}
