package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.gate.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
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
                table.decisions{width:auto;margin-top:6px} td.flip{background:#fde8e8;font-weight:bold;text-align:center}
                .worddiff del{background:#fde8e8;color:#a00} .worddiff ins{background:#e6f6e6;color:#060;text-decoration:underline}
                </style></head><body>""");
        sb.append("<h3>").append(esc(suite)).append(" &mdash; ").append(esc(e.endpoint())).append("</h3>");
        sb.append("<table><tr><th>field</th><th>kind</th><th>count</th><th>primary</th><th>candidate</th><th>note</th></tr>");
        e.regressions().forEach(f -> row(sb, "regression", f));
        e.noise().forEach(f -> row(sb, "noise", f));
        sb.append("</table>");
        // decision flips (regressions) and label flips (noise the agreement check judges) as their matrices
        java.util.stream.Stream.concat(e.regressions().stream(), e.noise().stream())
                .filter(f -> !f.decisions().isEmpty()).forEach(f -> decisionMatrix(sb, f));
        java.util.stream.Stream.concat(e.regressions().stream(), e.noise().stream())
                .filter(f -> f.kind().equals("similarity") && f.example() != null).forEach(f -> wordDiff(sb, f));
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

    /** A decision field's flips as a matrix: the primary's band down, the candidate's across. */
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
        sb.append("<h4>Decisions flipped at <code>").append(esc(f.path())).append("</code> (").append(f.count())
                .append(")</h4><table class=\"decisions\"><tr><th>primary \\ candidate</th>");
        candidateBands.forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
        sb.append("</tr>");
        for (String p : primaryBands) {
            sb.append("<tr><th>").append(esc(p)).append("</th>");
            for (String c : candidateBands) {
                Long n = cells.get(p + " → " + c);
                sb.append(n == null ? "<td></td>" : "<td class=\"flip\">" + n + "</td>");
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
