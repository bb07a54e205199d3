package dev.shadowparity.load;

import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Gatling's own figures back from a finished run. Since 3.13.5 Gatling writes neither
 * {@code stats.json} nor {@code assertions.json}; its HTML report's statistics table and its console's
 * assertion lines are what remain, so those are read: the statistics table per request name (columns found by
 * their headings, so a reordered table still reads right) and each assertion with its outcome and actual value.
 */
public final class GatlingReport {

    /** The statistics row of all requests together. */
    public static final String ALL_REQUESTS = "All Requests";

    private static final Pattern HEADING = Pattern.compile("<th id=\"col-(\\d+)\"[^>]*>(.*?)</th>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr id=\"[^\"]*\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">(.*?)</span>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*\\bcol-(\\d+)\">([^<]*)</td>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ASSERTION = Pattern.compile("^(.+) : (true|false) \\(actual : ([^)]*)\\)$");

    private GatlingReport() {}

    /** A Gatling assertion as the run printed it: {@code text} is Gatling's own wording. */
    public record AssertionOutcome(String text, boolean passed, Double actual) {}

    /** Thrown when a report does not hold what a Gatling 3.15 report holds; names the file and what is missing. */
    public static final class UnreadableReportException extends ParityException {
        private static final long serialVersionUID = 1L;

        UnreadableReportException(String message) {
            super(message);
        }
    }

    /** The statistics of every request name, and {@link #ALL_REQUESTS}, from a report's {@code index.html}. */
    public static Map<String, LoadStats> statistics(Path indexHtml) {
        String html = read(indexHtml);
        Map<String, Integer> columns = new HashMap<>();
        Matcher h = HEADING.matcher(html);
        while (h.find()) {
            columns.put(unescape(TAG.matcher(h.group(2)).replaceAll("")).trim(), Integer.parseInt(h.group(1)));
        }
        String[] needed = {"Total", "KO", "Cnt/s", "50th pct", "95th pct", "99th pct", "Max", "Mean"};
        for (String c : needed) {
            if (!columns.containsKey(c)) {
                throw new UnreadableReportException(indexHtml + ": the statistics table has no '" + c + "' column (found "
                        + columns.keySet() + ")");
            }
        }
        Map<String, LoadStats> stats = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            if (cells.isEmpty()) {
                continue;
            }
            java.util.function.ToDoubleFunction<String> num = col -> number(cells.get(columns.get(col)), indexHtml, col);
            stats.put(unescape(name.group(1)).trim(), new LoadStats((long) num.applyAsDouble("Total"),
                    (long) num.applyAsDouble("KO"), num.applyAsDouble("Mean"), num.applyAsDouble("50th pct"),
                    num.applyAsDouble("95th pct"), num.applyAsDouble("99th pct"), num.applyAsDouble("Max"),
                    num.applyAsDouble("Cnt/s")));
        }
        if (!stats.containsKey(ALL_REQUESTS)) {
            throw new UnreadableReportException(indexHtml + ": no '" + ALL_REQUESTS + "' row in the statistics table");
        }
        return stats;
    }

    /** The assertion lines Gatling printed at the end of a run, in order. */
    public static List<AssertionOutcome> assertions(List<String> consoleLines) {
        List<AssertionOutcome> out = new ArrayList<>();
        for (String line : consoleLines) {
            Matcher m = ASSERTION.matcher(line.strip());
            if (m.matches()) {
                Double actual;
                try {
                    actual = Double.valueOf(m.group(3).trim());
                } catch (NumberFormatException notANumber) {
                    actual = null;
                }
                out.add(new AssertionOutcome(m.group(1), Boolean.parseBoolean(m.group(2)), actual));
            }
        }
        return out;
    }

    private static double number(String text, Path file, String column) {
        if (text == null || text.isEmpty() || text.equals("-")) {
            return 0;
        }
        try {
            return Double.parseDouble(text.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UnreadableReportException(file + ": column '" + column + "' holds '" + text + "', not a number");
        }
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Gatling's report " + file, e);
        }
    }
}
