package dev.shadowparity.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes Allure results: one test per endpoint (failed for regressions, broken for candidate errors,
 * passed otherwise) with its differences attached, one per other gate check, and the categories file.
 * {@code historyId} depends only on suite and endpoint, so Allure's trends follow an endpoint across runs.
 */
public final class AllureResults {

    private AllureResults() {}

    /**
     * @param sampleExchanges redacted exchange lines by id, attached as examples where available
     */
    public static Path write(Path resultsDir, Verdict v, Map<Long, String> sampleExchanges, long startMillis) {
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + resultsDir, e);
        }
        FileSystemResultsWriter writer = new FileSystemResultsWriter(resultsDir);
        long stop = System.currentTimeMillis();
        for (Verdict.EndpointVerdict e : v.endpoints()) {
            TestResult t = base(v.suite(), e.endpoint(), "parity", startMillis, stop);
            t.getLabels().add(label("feature", featureOf(e.endpoint())));
            t.getLabels().add(label("story", e.endpoint()));
            Status status = !e.regressions().isEmpty() ? Status.FAILED : e.candidateErrors() > 0 ? Status.BROKEN : Status.PASSED;
            t.setStatus(status);
            t.setStatusDetails(new StatusDetails().setMessage(message(e)).setTrace(trace(e)));
            t.setDescriptionHtml(DiffHtml.summary(e));
            List<Attachment> attachments = new ArrayList<>();
            attachments.add(attach(writer, "differences (side by side)", "text/html", "html", DiffHtml.page(v.suite(), e)));
            for (Verdict.FieldCount f : e.regressions()) {
                JsonNode ex = f.example();
                String line = ex == null ? null : sampleExchanges.get(ex.path("exchangeId").asLong());
                if (line != null) {
                    attachments.add(attach(writer, "exchange " + ex.path("exchangeId").asLong() + " (" + f.path() + ")",
                            "application/json", "json", line));
                }
            }
            t.setAttachments(attachments);
            writer.write(t);
        }
        for (Verdict.Check c : v.checks()) {
            if (c.name().startsWith("parity ")) {
                continue;
            }
            TestResult t = base(v.suite(), c.name(), "gate", startMillis, stop);
            t.getLabels().add(label("feature", "gate checks"));
            t.setStatus(c.passed() ? Status.PASSED : Status.FAILED);
            t.setStatusDetails(new StatusDetails().setMessage(c.name() + ": " + c.actual() + " (needs " + c.threshold() + ")"));
            writer.write(t);
        }
        writeCategories(resultsDir);
        return resultsDir;
    }

    private static TestResult base(String suite, String name, String kind, long start, long stop) {
        TestResult t = new TestResult();
        t.setUuid(UUID.randomUUID().toString());
        t.setHistoryId(sha256(suite + "\n" + kind + "\n" + name));
        t.setTestCaseId(sha256(kind + "\n" + name));
        t.setName(name);
        t.setFullName(suite + ": " + name);
        t.setStage(Stage.FINISHED);
        t.setStart(start);
        t.setStop(stop);
        List<Label> labels = new ArrayList<>();
        labels.add(label("epic", suite));
        labels.add(label("suite", suite));
        labels.add(label("subSuite", kind));
        t.setLabels(labels);
        return t;
    }

    private static Attachment attach(FileSystemResultsWriter writer, String name, String type, String ext, String content) {
        String source = UUID.randomUUID() + "-attachment." + ext;
        writer.write(source, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return new Attachment().setName(name).setType(type).setSource(source);
    }

    /** {@code GET /api/students/{id}} belongs to feature {@code /api/students}. */
    static String featureOf(String endpoint) {
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        String[] parts = path.split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < parts.length && i <= 2; i++) {
            if (parts[i].startsWith("{")) {
                break;
            }
            sb.append('/').append(parts[i]);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static String message(Verdict.EndpointVerdict e) {
        if (e.regressions().isEmpty()) {
            return String.format(java.util.Locale.ROOT, "parity %.2f%% over %d compared exchanges", e.parityRate() * 100, e.compared());
        }
        return e.regressions().size() + " field(s) differ: " + e.regressions().stream().limit(5)
                .map(f -> f.path() + " " + f.kind() + " in " + f.count() + " of " + e.compared())
                .collect(Collectors.joining("; "));
    }

    private static String trace(Verdict.EndpointVerdict e) {
        StringBuilder sb = new StringBuilder();
        for (Verdict.FieldCount f : e.regressions()) {
            sb.append(f.path()).append(" (").append(f.kind()).append(", ").append(f.count()).append("x)");
            if (f.example() != null) {
                sb.append("\n  primary:   ").append(f.example().path("primary"))
                        .append("\n  candidate: ").append(f.example().path("candidate"));
            }
            sb.append('\n');
        }
        e.dropped().forEach((reason, n) -> sb.append("not compared: ").append(reason).append(" (").append(n).append(")\n"));
        return sb.toString();
    }

    private static void writeCategories(Path dir) {
        String json = """
                [
                  {"name": "Regression", "matchedStatuses": ["failed"], "messageRegex": ".*field\\\\(s\\\\) differ.*"},
                  {"name": "Candidate error", "matchedStatuses": ["broken"]},
                  {"name": "Coverage", "matchedStatuses": ["failed"], "messageRegex": "coverage.*"},
                  {"name": "Error budget", "matchedStatuses": ["failed"], "messageRegex": "candidate error rate.*"}
                ]
                """;
        try {
            Files.writeString(dir.resolve("categories.json"), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
