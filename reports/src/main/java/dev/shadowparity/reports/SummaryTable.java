package dev.shadowparity.reports;

import dev.shadowparity.gate.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short table printed at the end of a run: endpoint, requests, parity, regressions. */
public final class SummaryTable {

    private SummaryTable() {}

    public static String render(Verdict v) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"endpoint", "requests", "compared", "parity", "regressions"});
        for (Verdict.EndpointVerdict e : v.endpoints()) {
            String regressions = e.regressions().isEmpty() ? "-" : String.join("; ", e.regressions().stream()
                    .limit(3).map(Verdict.FieldCount::describe).toList())
                    + (e.regressions().size() > 3 ? "; +" + (e.regressions().size() - 3) + " more" : "");
            // With nothing compared there is no rate to show (the record's 1.0 is only "no evidence against").
            rows.add(new String[] {e.endpoint(), Long.toString(e.requests()), Long.toString(e.compared()),
                    e.compared() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", e.parityRate() * 100), regressions});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size() && !v.endpoints().isEmpty(); k++) {
            String[] r = rows.get(k);
            sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %" + width[1] + "s  %" + width[2] + "s  %"
                    + width[3] + "s  %s", r[0], r[1], r[2], r[3], r[4]).stripTrailing()).append('\n');
            if (k == 0) {
                sb.append("-".repeat(width[0] + width[1] + width[2] + width[3] + width[4] + 8)).append('\n');
            }
        }
        for (Verdict.Check c : v.checks()) {
            // The model checks' figures (bias, agreement, rankings, cosine) are the evidence itself: shown when they pass too.
            if (!c.passed() || c.modelCheck()) {
                sb.append(c.passed() ? "passed " : "FAILED ").append(c.name()).append(": ").append(c.actual()).append(" (needs ")
                        .append(c.threshold()).append(")\n");
            }
        }
        sb.append("verdict: ").append(v.verdict().toUpperCase(Locale.ROOT))
                .append(v.phase() == null ? "" : " (moving to " + v.phase() + "% of traffic)").append('\n');
        return sb.toString();
    }
}
