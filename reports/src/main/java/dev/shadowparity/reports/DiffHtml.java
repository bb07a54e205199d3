package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DriftHistogram;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.gate.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Side-by-side HTML of an endpoint's differing fields (regressions highlighted, noise greyed) and of one
 * sample exchange: both responses in full, each differing value marked where it sits.
 */
final class DiffHtml {

    private DiffHtml() {}

    static String summary(Verdict.EndpointVerdict e) {
        StringBuilder sb = new StringBuilder("<p>").append(e.compared()).append(" of ").append(e.requests())
                .append(" exchanges compared; parity ").append(String.format(java.util.Locale.ROOT, "%.2f%%", e.parityRate() * 100))
                .append(".</p>");
        if (!e.regressions().isEmpty()) {
            sb.append("<p>Differing fields:</p><ul>");
            e.regressions().forEach(f -> sb.append("<li><code>").append(esc(f.path())).append("</code> ")
                    .append(esc(f.kind())).append(" &times;").append(f.count())
                    .append(f.decisions().isEmpty() ? "" : " (" + esc(f.flips()) + ")").append("</li>"));
            sb.append("</ul>");
        }
        pictures(sb, e); // in the test's own page, not only in its attachment
        return sb.toString();
    }

    static String page(String suite, Verdict.EndpointVerdict e) {
        return page(suite, e, null);
    }

    /** @param sample one exchange of this endpoint with differences (redacted), or {@code null} */
    static String page(String suite, Verdict.EndpointVerdict e, ExchangeResult sample) {
        StringBuilder sb = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><style>
                body{font-family:sans-serif;font-size:13px} table{border-collapse:collapse;width:100%}
                td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}
                pre{margin:0;white-space:pre-wrap;word-break:break-all;max-height:12em;overflow:auto}
                tr.regression td{background:#fde8e8} tr.noise td{color:#888;background:#f6f6f6}
                .regression-value{background:#f8b4b4;font-weight:bold} .noise-value{color:#999;background:#eee}
                td.side{width:50%} td.side pre{max-height:none}
                table.decisions{width:auto;margin-top:6px}
                .worddiff del{background:#fde8e8;color:#a00} .worddiff ins{background:#e6f6e6;color:#060;text-decoration:underline}
                </style></head><body>""");
        sb.append("<h3>").append(esc(suite)).append(" &mdash; ").append(esc(e.endpoint())).append("</h3>");
        sb.append("<table><tr><th>field</th><th>kind</th><th>count</th><th>primary</th><th>candidate</th><th>note</th></tr>");
        e.regressions().forEach(f -> row(sb, "regression", f));
        e.noise().forEach(f -> row(sb, "noise", f));
        sb.append("</table>");
        java.util.stream.Stream.concat(e.regressions().stream(), e.noise().stream())
                .filter(f -> f.kind().equals("similarity") && f.example() != null).forEach(f -> wordDiff(sb, f));
        pictures(sb, e);
        if (e.regressions().isEmpty() && e.noise().isEmpty()) {
            sb.append("<p>No differences.</p>");
        }
        if (sample != null) {
            sideBySide(sb, sample);
        }
        return sb.append("</body></html>").toString();
    }

    /** Two generated texts of a {@code similarity} field, word by word, with the score the rule judged. */
    private static void wordDiff(StringBuilder sb, Verdict.FieldCount f) {
        JsonNode p = f.example().get("primary");
        JsonNode c = f.example().get("candidate");
        String candidate = c == null ? "" : c.isObject() ? c.path("text").asText() : c.asText();
        sb.append("<h4>").append(esc(f.path())).append(": the texts word by word");
        if (c != null && c.isObject()) {
            sb.append(" (").append(esc(c.path("metric").asText())).append(' ').append(c.path("score").asText())
                    .append(", needs ").append(c.path("atLeast").asText()).append(')');
        } else if (f.reason() != null) {
            sb.append(" (").append(esc(f.reason())).append(')');
        }
        sb.append("</h4>").append(WordDiff.html(p == null ? "" : p.asText(), candidate));
    }

    /** The endpoint's decision flips as shaded matrices, its drift and cosine histograms and its ranked lists' figures. */
    private static void pictures(StringBuilder sb, Verdict.EndpointVerdict e) {
        // decision flips (regressions) and label flips (noise the agreement check judges)
        java.util.stream.Stream.concat(e.regressions().stream(), e.noise().stream())
                .filter(f -> !f.decisions().isEmpty()).forEach(f -> decisionMatrix(sb, f));
        new java.util.TreeMap<>(e.drift()).forEach((path, d) -> {
            if (d.histogram() != null) {
                driftHistogram(sb, path, d);
            }
        });
        new java.util.TreeMap<>(e.cosine()).forEach((path, c) -> {
            if (c.histogram() != null) {
                cosineHistogram(sb, path, c);
            }
        });
        if (!e.rankings().isEmpty()) {
            rankings(sb, e);
        }
    }

    /**
     * A field's signed drift as a histogram (an SVG in the page): bins left of 0 where the candidate is lower, right
     * where it is higher, so drift inside the tolerance but always one way is seen at a glance.
     */
    private static void driftHistogram(StringBuilder sb, String path, Verdict.Drift d) {
        DriftHistogram h = d.histogram();
        sb.append("<h4>Signed drift at <code>").append(esc(path)).append("</code>: ").append(d.values())
                .append(" values, mean shift ").append(number("%+.3g", d.meanShift())).append(", p99 |drift| ")
                .append(number("%.3g", d.p99Abs())).append(h.sampled() < d.values() ? " (drawn from a sample of " + h.sampled() + ")" : "")
                .append("</h4>");
        histogram(sb, "histogram of the signed drift at " + path, h, "candidate − primary");
    }

    /** A vector path's cosine similarities, from the lowest to 1, as a histogram. */
    private static void cosineHistogram(StringBuilder sb, String path, Verdict.Cosine c) {
        DriftHistogram h = c.histogram();
        sb.append("<h4>Cosine similarity at <code>").append(esc(path)).append("</code>: ").append(c.vectors())
                .append(" vectors that differ, mean ").append(Verdict.Cosine.text(c.mean())).append(", 1st percentile ")
                .append(Verdict.Cosine.text(c.p1())).append(", lowest ").append(Verdict.Cosine.text(c.min()))
                .append(h.sampled() < c.vectors() ? " (drawn from a sample of " + h.sampled() + ")" : "").append("</h4>");
        histogram(sb, "histogram of the cosine similarity at " + path, h, "cosine similarity to the primary's vector");
    }

    /** Bars of {@code h} as an SVG, a dashed line at 0 where the range holds it: below blue, above orange. */
    private static void histogram(StringBuilder sb, String label, DriftHistogram h, String axis) {
        int width = 440;
        int height = 120;
        int left = 10;
        int bins = h.counts().size();
        int bar = (width - 2 * left) / bins;
        long most = Math.max(1, h.counts().stream().mapToLong(Long::longValue).max().orElse(1));
        double step = (h.to() - h.from()) / bins;
        sb.append("<svg class=\"histogram\" width=\"").append(width).append("\" height=\"").append(height + 36)
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
        for (int i = 0; i < bins; i++) {
            long n = h.counts().get(i);
            int tall = (int) Math.round((double) n / most * height);
            String color = step > 0 && h.from() + (i + 1) * step <= 0 ? "#4a78c2" : "#d9822b";
            sb.append("<rect x=\"").append(left + i * bar).append("\" y=\"").append(height - tall).append("\" width=\"")
                    .append(bar - 2).append("\" height=\"").append(tall).append("\" fill=\"").append(color).append("\"><title>")
                    .append(number("%.6g", h.from() + i * step)).append(" to ").append(number("%.6g", h.from() + (i + 1) * step))
                    .append(": ").append(n).append("</title></rect>");
        }
        sb.append("<line x1=\"").append(left).append("\" y1=\"").append(height).append("\" x2=\"").append(width - left)
                .append("\" y2=\"").append(height).append("\" stroke=\"#333\"/>");
        int digits = significant(h.from(), h.to());
        axisLabel(sb, left, height + 16, "start", number("%." + digits + "g", h.from()));
        if (h.from() < 0 && h.to() > 0) {
            int zero = left + (int) Math.round((0 - h.from()) / (h.to() - h.from()) * bar * bins);
            sb.append("<line x1=\"").append(zero).append("\" y1=\"0\" x2=\"").append(zero).append("\" y2=\"").append(height + 4)
                    .append("\" stroke=\"#333\" stroke-dasharray=\"3,2\"/>");
            axisLabel(sb, zero, height + 16, "middle", "0");
        }
        axisLabel(sb, width - left, height + 16, "end", number((h.from() < 0 ? "%+." : "%.") + digits + "g", h.to()));
        axisLabel(sb, width / 2, height + 32, "middle", axis);
        sb.append("</svg>");
    }

    /**
     * Significant digits that tell a range's ends apart: 3 for a range around 0 (-0.0009 to +0.0009), more for a
     * narrow one far from it (cosines from 0.99991 to 1).
     */
    private static int significant(double from, double to) {
        double span = to - from;
        double magnitude = Math.max(Math.abs(from), Math.abs(to));
        if (span <= 0 || magnitude == 0) {
            return 3;
        }
        return Math.max(3, Math.min(12, (int) Math.ceil(Math.log10(magnitude / span)) + 3));
    }

    private static void axisLabel(StringBuilder sb, int x, int y, String anchor, String text) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"11\">").append(esc(text)).append("</text>");
    }

    private static String number(String format, double v) {
        return String.format(java.util.Locale.ROOT, format, v);
    }

    /** How the endpoint's ranked lists agreed: one row per {@code topK} path. */
    private static void rankings(StringBuilder sb, Verdict.EndpointVerdict e) {
        // styled inline: in the Allure page (the test's description) no style sheet of ours applies
        String cell = "<td style=\"border:1px solid #ccc;padding:3px 8px\">";
        String head = "<th style=\"border:1px solid #ccc;padding:3px 8px;text-align:left\">";
        sb.append("<h4>Ranked lists</h4><table class=\"decisions\" style=\"border-collapse:collapse\"><tr>");
        for (String h : List.of("list", "differ", "mean Jaccard@k", "mean Kendall tau", "same first result")) {
            sb.append(head).append(h).append("</th>");
        }
        sb.append("</tr>");
        new java.util.TreeMap<>(e.rankings()).forEach((path, r) -> sb.append("<tr>").append(cell).append("<code>").append(esc(path))
                .append("</code></td>").append(cell).append(r.disagreed()).append(" of ").append(r.lists()).append("</td>")
                .append(cell).append(number("%.4f", r.meanJaccard())).append("</td>").append(cell).append(number("%.4f", r.meanTau()))
                .append("</td>").append(cell).append(number("%.2f%%", r.sameFirst() * 100)).append("</td></tr>"));
        sb.append("</table>");
    }

    /**
     * A decision field's flips as a matrix, the primary's band down and the candidate's across, each cell shaded by its
     * share of the most frequent flip so the flips that matter are seen first (styled inline: the Allure page applies
     * no style sheet of ours).
     */
    private static void decisionMatrix(StringBuilder sb, Verdict.FieldCount f) {
        java.util.Set<String> primaryBands = new java.util.TreeSet<>();
        java.util.Set<String> candidateBands = new java.util.TreeSet<>();
        Map<String, Long> cells = new HashMap<>();
        f.decisions().forEach((pair, n) -> {
            String[] sides = pair.split(" → ", 2);
            primaryBands.add(sides[0]);
            candidateBands.add(sides.length > 1 ? sides[1] : "");
            cells.put(pair, n);
        });
        long most = Math.max(1, cells.values().stream().mapToLong(Long::longValue).max().orElse(1));
        String border = "border:1px solid #ccc;padding:4px 10px;";
        sb.append("<h4>Decisions flipped at <code>").append(esc(f.path())).append("</code> (").append(f.count())
                .append(")</h4><table class=\"decisions\" style=\"border-collapse:collapse\"><tr><th style=\"").append(border)
                .append("\">primary \\ candidate</th>");
        candidateBands.forEach(c -> sb.append("<th style=\"").append(border).append("\">").append(esc(c)).append("</th>"));
        sb.append("</tr>");
        for (String p : primaryBands) {
            sb.append("<tr><th style=\"").append(border).append("text-align:left\">").append(esc(p)).append("</th>");
            for (String c : candidateBands) {
                Long n = cells.get(p + " → " + c);
                if (n == null) {
                    sb.append("<td style=\"").append(border).append("\"></td>");
                    continue;
                }
                double shade = 0.15 + 0.85 * n / most;
                sb.append("<td class=\"flip\" data-share=\"").append(number("%.2f", (double) n / most)).append("\" style=\"")
                        .append(border).append("text-align:center;font-weight:bold;background:rgba(214,39,40,")
                        .append(number("%.2f", shade)).append(");color:").append(shade > 0.6 ? "#fff" : "#000").append("\"><span title=\"")
                        .append(esc(p)).append(" → ").append(esc(c)).append(": ").append(n).append("\">").append(n).append("</span></td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
    }

    private static void row(StringBuilder sb, String cls, Verdict.FieldCount f) {
        JsonNode ex = f.example();
        sb.append("<tr class=\"").append(cls).append("\"><td><code>").append(esc(f.path())).append("</code></td><td>")
                .append(esc(f.kind())).append("</td><td>").append(f.count()).append("</td><td><pre>")
                .append(ex == null ? "" : esc(show(ex.get("primary")))).append("</pre></td><td><pre>")
                .append(ex == null ? "" : esc(show(ex.get("candidate")))).append("</pre></td><td>")
                .append(f.reason() == null ? "" : esc(f.reason())).append("</td></tr>");
    }

    /** Both responses of one exchange, with each differing status, header and JSON value marked. */
    private static void sideBySide(StringBuilder sb, ExchangeResult ce) {
        Map<String, String> marks = new HashMap<>();
        for (Difference d : ce.differences()) {
            // header names compare case-insensitively: marks are looked up by the lower-cased path
            String key = d.path().startsWith("header:") ? d.path().toLowerCase(Locale.ROOT) : d.path();
            marks.put(key, d.isNoise() ? "noise-value" : "regression-value");
        }
        sb.append("<h4>Sample exchange ").append(ce.exchange().id()).append(": ")
                .append(esc(ce.exchange().request().method())).append(' ').append(esc(ce.exchange().request().uri()))
                .append("</h4><table><tr><th>primary</th><th>candidate</th></tr><tr><td class=\"side\"><pre>");
        response(sb, ce.exchange().primary(), marks);
        sb.append("</pre></td><td class=\"side\"><pre>");
        response(sb, ce.exchange().candidate(), marks);
        sb.append("</pre></td></tr></table>");
    }

    private static void response(StringBuilder sb, BackendReply reply, Map<String, String> marks) {
        if (!(reply instanceof BackendReply.Responded r)) {
            BackendReply.NoResponse n = (BackendReply.NoResponse) reply;
            sb.append(esc("no response: " + n.outcome().label() + " (" + n.reason() + ")"));
            return;
        }
        RecordedResponse resp = r.response();
        mark(sb, marks.get("status"), "HTTP " + resp.status());
        sb.append('\n');
        for (Headers.Header h : resp.headers().entries()) {
            mark(sb, marks.get("header:" + h.name().toLowerCase(Locale.ROOT)), h.name() + ": " + h.value());
            sb.append('\n');
        }
        sb.append('\n');
        JsonNode json = Bodies.parseJson(resp.body(), resp.contentType());
        if (json != null) {
            json(sb, json, "$", marks, 0);
        } else if (resp.body().length == 0) {
            sb.append(esc("(no body)"));
        } else if (Bodies.isText(resp.body(), resp.contentType())) {
            mark(sb, marks.get("body"), new String(resp.body(), StandardCharsets.UTF_8));
        } else {
            mark(sb, marks.get("body"), "(" + resp.body().length + " bytes of binary body)");
        }
    }

    /** Pretty-prints {@code node}, wrapping every value whose path differs in its mark's class. */
    private static void json(StringBuilder sb, JsonNode node, String path, Map<String, String> marks, int depth) {
        String cls = marks.get(path);
        if (cls != null) {
            sb.append("<span class=\"").append(cls).append("\">");
        }
        String indent = "  ".repeat(depth + 1);
        if (node.isObject() && node.size() > 0) {
            sb.append("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                sb.append(indent).append(esc(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey()).toString())).append(": ");
                json(sb, f.getValue(), JsonPaths.field(path, f.getKey()), marks, depth + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(depth)).append('}');
        } else if (node.isArray() && node.size() > 0) {
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                sb.append(indent);
                json(sb, node.get(i), JsonPaths.index(path, i), marks, depth + 1);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(depth)).append(']');
        } else {
            sb.append(esc(node.toString()));
        }
        if (cls != null) {
            sb.append("</span>");
        }
    }

    private static void mark(StringBuilder sb, String cls, String text) {
        if (cls == null) {
            sb.append(esc(text));
        } else {
            sb.append("<span class=\"").append(cls).append("\">").append(esc(text)).append("</span>");
        }
    }

    private static String show(JsonNode n) {
        return n == null || n.isNull() ? "(absent)" : n.toString();
    }

    static String esc(String s) {
        return JUnitXml.esc(s);
    }
}
