package dev.shadowparity.report;

import com.fasterxml.jackson.databind.JsonNode;

/** Side-by-side HTML of an endpoint's differing fields: regressions highlighted, noise greyed. */
final class DiffHtml {

    private DiffHtml() {}

    static String summary(Verdict.EndpointVerdict e) {
        StringBuilder sb = new StringBuilder("<p>").append(e.compared()).append(" of ").append(e.requests())
                .append(" exchanges compared; parity ").append(String.format(java.util.Locale.ROOT, "%.2f%%", e.parityRate() * 100))
                .append(".</p>");
        if (!e.regressions().isEmpty()) {
            sb.append("<p>Differing fields:</p><ul>");
            e.regressions().forEach(f -> sb.append("<li><code>").append(esc(f.path())).append("</code> ")
                    .append(esc(f.kind())).append(" &times;").append(f.count()).append("</li>"));
            sb.append("</ul>");
        }
        return sb.toString();
    }

    static String page(String suite, Verdict.EndpointVerdict e) {
        StringBuilder sb = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><style>
                body{font-family:sans-serif;font-size:13px} table{border-collapse:collapse;width:100%}
                td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}
                pre{margin:0;white-space:pre-wrap;word-break:break-all;max-height:12em;overflow:auto}
                tr.regression td{background:#fde8e8} tr.noise td{color:#888;background:#f6f6f6}
                </style></head><body>""");
        sb.append("<h3>").append(esc(suite)).append(" &mdash; ").append(esc(e.endpoint())).append("</h3>");
        sb.append("<table><tr><th>field</th><th>kind</th><th>count</th><th>primary</th><th>candidate</th><th>note</th></tr>");
        e.regressions().forEach(f -> row(sb, "regression", f));
        e.noise().forEach(f -> row(sb, "noise", f));
        sb.append("</table>");
        if (e.regressions().isEmpty() && e.noise().isEmpty()) {
            sb.append("<p>No differences.</p>");
        }
        return sb.append("</body></html>").toString();
    }

    private static void row(StringBuilder sb, String cls, Verdict.FieldCount f) {
        JsonNode ex = f.example();
        sb.append("<tr class=\"").append(cls).append("\"><td><code>").append(esc(f.path())).append("</code></td><td>")
                .append(esc(f.kind())).append("</td><td>").append(f.count()).append("</td><td><pre>")
                .append(ex == null ? "" : esc(show(ex.get("primary")))).append("</pre></td><td><pre>")
                .append(ex == null ? "" : esc(show(ex.get("candidate")))).append("</pre></td><td>")
                .append(f.reason() == null ? "" : esc(f.reason())).append("</td></tr>");
    }

    private static String show(JsonNode n) {
        return n == null || n.isNull() ? "(absent)" : n.toString();
    }

    static String esc(String s) {
        return JUnitXml.esc(s);
    }
}
