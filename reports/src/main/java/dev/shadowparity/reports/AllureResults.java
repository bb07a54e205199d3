package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.gate.Verdict;
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
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Writes Allure results: one test per endpoint (failed when the gate's parity check of it failed, broken for
 * candidate errors, passed otherwise) with its differences, a sample exchange and curl commands attached, one per other gate
 * check, and the categories, environment and executor files.
 * {@code historyId} depends only on suite and endpoint, so Allure's trends follow an endpoint across runs.
 */
public final class AllureResults {

    private AllureResults() {}

    /** One exchange a verdict cites as an example: its redacted log line, and the records read back from it. */
    public record Sample(String line, ExchangeResult exchange) {}

    /**
     * @param samples redacted exchanges by id, attached as examples where available
     * @param env     the process environment, read for CI build information ({@code executor.json})
     */
    public static Path write(Path resultsDir, Verdict v, Map<Long, Sample> samples, long startMillis,
                             UnaryOperator<String> env) {
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + resultsDir, e);
        }
        FileSystemResultsWriter writer = new FileSystemResultsWriter(resultsDir);
        long stop = System.currentTimeMillis();
        Map<String, String> environment = v.environment() == null ? Map.of() : v.environment();
        for (Verdict.EndpointVerdict e : v.endpoints()) {
            TestResult t = base(v.suite(), e.endpoint(), "parity", startMillis, stop);
            t.getLabels().add(label("feature", featureOf(e.endpoint())));
            t.getLabels().add(label("story", e.endpoint()));
            // The gate's decision, not a rule of our own: an endpoint whose parity check failed is failed.
            boolean held = v.parityCheckOf(e.endpoint()).map(c -> !c.passed()).orElse(false);
            Status status = held ? Status.FAILED : e.candidateErrors() > 0 ? Status.BROKEN : Status.PASSED;
            t.setStatus(status);
            t.setStatusDetails(new StatusDetails().setMessage(message(e)).setTrace(trace(e)));
            t.setDescriptionHtml(DiffHtml.summary(e));
            Sample first = e.regressions().stream().map(f -> sampleOf(f, samples)).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            List<Attachment> attachments = new ArrayList<>();
            attachments.add(attach(writer, "differences (side by side)", "text/html", "html",
                    DiffHtml.page(v.suite(), e, first == null ? null : first.exchange())));
            if (first != null) {
                attachments.addAll(reproduction(writer, first.exchange(), environment));
            }
            // One attachment per sample exchange, named with every field it is the example of.
            Map<Sample, List<String>> fieldsBySample = new java.util.LinkedHashMap<>();
            for (Verdict.FieldCount f : e.regressions()) {
                Sample sample = sampleOf(f, samples);
                if (sample != null) {
                    fieldsBySample.computeIfAbsent(sample, k -> new ArrayList<>()).add(f.path());
                }
            }
            fieldsBySample.forEach((sample, fields) -> attachments.add(attach(writer, "exchange "
                    + sample.exchange().exchange().id() + " (" + String.join(", ", fields) + ")",
                    "application/json", "json", sample.line())));
            t.setAttachments(attachments);
            writer.write(t);
        }
        for (Verdict.Check c : v.checks()) {
            if (c.endpoint() != null) {
                continue; // an endpoint's parity check is that endpoint's test above
            }
            TestResult t = base(v.suite(), c.name(), "gate", startMillis, stop);
            t.getLabels().add(label("feature", c.fromLoad() ? "load budgets" : "gate checks"));
            t.setStatus(c.passed() ? Status.PASSED : Status.FAILED);
            t.setStatusDetails(new StatusDetails().setMessage(c.name() + ": " + c.actual() + " (needs " + c.threshold() + ")"));
            writer.write(t);
        }
        writeCategories(resultsDir);
        writeEnvironment(resultsDir, environment);
        ObjectNode executor = CiExecutor.detect(env);
        if (executor != null) {
            write(resultsDir.resolve("executor.json"), executor.toPrettyString());
        }
        return resultsDir;
    }

    private static Sample sampleOf(Verdict.FieldCount f, Map<Long, Sample> samples) {
        return f.example() == null ? null : samples.get(f.example().path("exchangeId").asLong());
    }

    /** The redacted request, both responses and a curl command per backend, to reproduce the difference by hand. */
    private static List<Attachment> reproduction(FileSystemResultsWriter writer, ExchangeResult ce,
                                                 Map<String, String> environment) {
        return ExchangeAttachments.reproduction(ce.exchange(), environment).stream()
                .map(a -> attach(writer, a.name(), a.type(), a.extension(), a.content())).toList();
    }

    /**
     * Allure's environment widget, in the environment's order (which {@link java.util.Properties#store} would
     * lose). Values may hold {@code :} and {@code =} as they are; only backslashes and line breaks need escapes.
     */
    private static void writeEnvironment(Path dir, Map<String, String> environment) {
        StringBuilder sb = new StringBuilder();
        environment.forEach((k, v) -> sb.append(k).append('=')
                .append(v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")).append('\n'));
        write(dir.resolve("environment.properties"), sb.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
        if (e.compared() == 0) {
            return "nothing compared of " + e.requests() + " exchanges";
        }
        if (e.regressions().isEmpty()) {
            String noise = e.noise().isEmpty() ? "" : "; noise cancelled in " + e.noise().size() + " field(s): "
                    + e.noise().stream().limit(3).map(Verdict.FieldCount::path).collect(Collectors.joining(", "));
            return String.format(java.util.Locale.ROOT, "parity %.2f%% over %d compared exchanges", e.parityRate() * 100,
                    e.compared()) + noise;
        }
        return e.regressions().size() + " field(s) differ: " + e.regressions().stream().limit(5)
                .map(f -> f.path() + " " + f.kind() + " in " + f.count() + " of " + e.compared()
                        + (f.decisions().isEmpty() ? "" : " (" + f.flips() + ")"))
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

    /** Allure files a result under the first category whose statuses and message it matches. */
    private static void writeCategories(Path dir) {
        write(dir.resolve("categories.json"), """
                [
                  {"name": "Regression", "matchedStatuses": ["failed"], "messageRegex": ".*field\\\\(s\\\\) differ.*"},
                  {"name": "Candidate error", "matchedStatuses": ["broken"]},
                  {"name": "Coverage", "matchedStatuses": ["failed"], "messageRegex": "coverage.*"},
                  {"name": "Error budget", "matchedStatuses": ["failed"], "messageRegex": "candidate error rate.*"},
                  {"name": "Latency budget", "matchedStatuses": ["failed"], "messageRegex": "latency.*"},
                  {"name": "Throughput budget", "matchedStatuses": ["failed"], "messageRegex": "throughput.*"},
                  {"name": "Noise", "matchedStatuses": ["passed"], "messageRegex": ".*noise cancelled.*"}
                ]
                """);
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
