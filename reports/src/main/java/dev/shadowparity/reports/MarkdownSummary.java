package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.gate.Verdict;
import java.util.Locale;

/**
 * A verdict as Markdown, for a pull request or a CI job's summary page ({@code $GITHUB_STEP_SUMMARY}, GitLab's
 * job notes): the decision first, then each endpoint's parity with its top regressions and an example of each
 * (the values as the verdict holds them: masked where secret), then the checks that failed. It decides nothing.
 */
public final class MarkdownSummary {

    private static final int TOP = 3;
    private static final int VALUE_WIDTH = 60;

    private MarkdownSummary() {}

    public static String render(Verdict v) {
        StringBuilder md = new StringBuilder();
        md.append("### Shadow Parity: **").append(v.verdict().toUpperCase(Locale.ROOT)).append("**")
                .append(v.phase() == null ? "" : " for moving " + v.phase() + "% of traffic").append("\n\n");
        Verdict.Totals t = v.totals();
        md.append("Suite `").append(v.suite()).append("`: ").append(t.exchanges()).append(" exchanges, ")
                .append(t.compared()).append(" compared, ").append(t.withRegression()).append(" with a regression")
                .append(t.notCompared().isEmpty() ? "" : "; not compared: " + t.notCompared()).append(".\n\n");
        if (!v.endpoints().isEmpty()) {
            md.append("| endpoint | requests | compared | parity | top regressions |\n|---|---:|---:|---:|---|\n");
            for (Verdict.EndpointVerdict e : v.endpoints()) {
                md.append("| `").append(cell(e.endpoint())).append("` | ").append(e.requests()).append(" | ")
                        .append(e.compared()).append(" | ")
                        .append(e.compared() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", e.parityRate() * 100)).append(" | ")
                        .append(regressions(e)).append(" |\n");
            }
            md.append('\n');
        }
        boolean failed = false;
        for (Verdict.Check c : v.checks()) {
            if (!c.passed()) {
                if (!failed) {
                    md.append("Failed checks:\n\n");
                    failed = true;
                }
                md.append("- ").append(cell(c.name())).append(": ").append(cell(c.actual())).append(" (needs ")
                        .append(cell(c.threshold())).append(")\n");
            }
        }
        Verdict.Contract contract = v.contract();
        if (contract != null) {
            md.append(failed ? "\n" : "").append("Contract `").append(cell(contract.spec())).append("`: ")
                    .append(contract.operations() - contract.unexercised().size()).append(" of ").append(contract.operations())
                    .append(" operations exercised; ").append(contract.regressions()).append(" breach(es) by the candidate, ")
                    .append(contract.preExisting()).append(" pre-existing (both sides)");
            if (!contract.unseenResponses().isEmpty()) {
                md.append("; responses never seen: ").append(cell(String.join(", ", contract.unseenResponses())));
            }
            if (!contract.notInContract().isEmpty()) {
                md.append("; not in the contract: ").append(cell(String.join(", ", contract.notInContract().entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList())));
            }
            md.append(".\n");
        }
        return md.toString();
    }

    private static String regressions(Verdict.EndpointVerdict e) {
        if (e.regressions().isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        e.regressions().stream().limit(TOP).forEach(f -> {
            if (out.length() > 0) {
                out.append("<br>");
            }
            out.append('`').append(cell(f.path())).append("` ").append(f.kind()).append(" (").append(f.count()).append(')');
            if (Boolean.TRUE.equals(f.newSinceLastRun())) {
                out.append(" **new since last run**");
            }
            if (f.example() != null) {
                JsonNode p = f.kind().equals("extra") ? null : f.example().get("primary");
                JsonNode c = f.kind().equals("missing") ? null : f.example().get("candidate");
                out.append(": ").append(value(p)).append(" → ").append(value(c));
            }
        });
        if (e.regressions().size() > TOP) {
            out.append("<br>+").append(e.regressions().size() - TOP).append(" more");
        }
        return out.toString();
    }

    private static String value(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(none)";
        }
        String text = v.toString();
        return "`" + cell(text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 1) + "…" : text) + "`";
    }

    /** Text safe in a table cell: no pipe to split it, no line break, no backtick to end a code span. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("`", "'").replace("\n", " ").replace("\r", " ");
    }
}
