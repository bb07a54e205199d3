package dev.shadowparity.scenarios;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a replay's progress: on a terminal one bar redrawn in place (done/total, rate, differing exchanges,
 * ETA); elsewhere (CI logs, files) a plain line every {@code interval} so logs stay readable.
 */
public final class ReplayProgress implements ReplayEngine.Progress {

    private final PrintWriter out;
    private final long total;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastShown;

    public ReplayProgress(PrintWriter out, long total, boolean terminal, long intervalMillis) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.lastShown = start;
    }

    @Override
    public synchronized void recorded(long done, long withRegression) {
        long now = System.nanoTime();
        boolean last = done == total;
        if (!last && now - lastShown < (terminal ? 100_000_000L : intervalNanos)) {
            return;
        }
        lastShown = now;
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        long etaSeconds = rate <= 0 ? 0 : Math.round((total - done) / rate);
        String figures = String.format(Locale.ROOT, "%d/%d  %.0f req/s  %d differing  ETA %ds", done, total, rate,
                withRegression, etaSeconds);
        if (terminal) {
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            out.print("\rreplay    [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + figures + "   ");
            if (last) {
                out.println();
            }
        } else {
            out.println("replay    " + figures);
        }
        out.flush();
    }
}
