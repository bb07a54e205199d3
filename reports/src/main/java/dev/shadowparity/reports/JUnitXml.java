package dev.shadowparity.reports;

import dev.shadowparity.gate.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code junit.xml}: one test case per gate check, for CI systems that read JUnit reports. */
public final class JUnitXml {

    private JUnitXml() {}

    public static Path write(Path dir, Verdict v) {
        long failures = v.checks().stream().filter(c -> !c.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"").append(esc(v.suite())).append("\" tests=\"").append(v.checks().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Verdict.Check c : v.checks()) {
            sb.append("  <testcase classname=\"parity.").append(esc(v.suite())).append("\" name=\"")
                    .append(esc(c.name())).append("\">");
            if (!c.passed()) {
                String detail = detailFor(v, c);
                sb.append("\n    <failure message=\"").append(esc(c.name() + ": " + c.actual() + ", needs " + c.threshold()))
                        .append("\">").append(esc(detail)).append("</failure>\n  ");
            }
            sb.append("</testcase>\n");
        }
        sb.append("</testsuite>\n");
        Path file = dir.resolve("junit.xml");
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String detailFor(Verdict v, Verdict.Check c) {
        return v.endpoints().stream().filter(e -> e.endpoint().equals(c.endpoint()))
                .flatMap(e -> e.regressions().stream())
                .map(f -> f.path() + " " + f.kind() + " x" + f.count() + (f.decisions().isEmpty() ? "" : " (" + f.flips() + ")"))
                .collect(Collectors.joining("\n"));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
