package dev.shadowparity.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogReader;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything written at the end of a run into the output folder: {@code verdict.json}, {@code junit.xml},
 * {@code allure-results/} and {@code allure-report/index.html}, all drawn from a verdict the gate decided.
 */
public final class RunReport {

    public static final String EXCHANGES = "exchanges.jsonl";

    private RunReport() {}

    /**
     * What was written; {@code html} is {@code null} when generation failed (see {@code htmlError}). A file that
     * could not be written at all (a full disk) is {@code null} too, and {@code notWritten} says which and why.
     * {@code historyFrom} is the earlier run of the same suite whose trend the report continues, if any.
     */
    public record Written(Verdict verdict, Path verdictFile, Path junit, Path allureResults, Path html, String htmlError,
                          Path historyFrom, List<String> notWritten) {}

    /**
     * Writes every artefact of the gate's {@code verdict}: the file itself, then each rendering of it. One that cannot
     * be written does not stop the others, nor the verdict: the run's exit code still carries it.
     */
    public static Written write(Path dir, Verdict verdict, long startMillis) {
        Optional<Path> previous = RunHistory.previous(dir, verdict.suite());
        List<String> notWritten = new ArrayList<>();
        Path verdictFile = attempt(notWritten, () -> VerdictFiles.write(dir, verdict));
        Path junit = attempt(notWritten, () -> JUnitXml.write(dir, verdict));
        Path results = attempt(notWritten, () -> {
            Path r = dir.resolve("allure-results");
            AllureResults.write(r, verdict, sampleExchanges(dir.resolve(EXCHANGES), verdict), startMillis, System::getenv);
            RunHistory.carryForward(previous, r);
            return r;
        });
        if (results == null) {
            return new Written(verdict, verdictFile, junit, null, null, "the Allure results were not written",
                    previous.orElse(null), List.copyOf(notWritten));
        }
        try {
            Path html = AllureHtml.generate(results, dir.resolve("allure-report"));
            return new Written(verdict, verdictFile, junit, results, html, null, previous.orElse(null), List.copyOf(notWritten));
        } catch (AllureHtml.GenerationException | UncheckedIOException e) {
            return new Written(verdict, verdictFile, junit, results, null, e.getMessage(), previous.orElse(null),
                    List.copyOf(notWritten));
        }
    }

    /**
     * The previous run of {@code suite} that a report written into {@code dir} continues from: the one
     * {@link #pinPrevious} named, else the newest older run folder of the suite beside {@code dir}.
     */
    public static Optional<Path> previousRun(Path dir, String suite) {
        return RunHistory.previous(dir, suite);
    }

    /**
     * {@code --history-from}: makes {@code source} (a run folder, or the URL it is served at, such as a CI artifact's)
     * the previous run of the one about to be written into {@code dir}.
     *
     * @throws dev.shadowparity.core.ParityException when it holds no readable {@code verdict.json}
     */
    public static Path pinPrevious(Path dir, String source) {
        return RunHistory.pin(dir, source);
    }

    private static Path attempt(List<String> notWritten, java.util.function.Supplier<Path> write) {
        try {
            return write.get();
        } catch (UncheckedIOException e) {
            notWritten.add(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return null;
        }
    }

    /**
     * The redacted exchanges a verdict cites as examples, searched through every rotated file. A line that
     * cannot be read only costs its sample: the report is still written (the verdict does not depend on it).
     */
    static Map<Long, AllureResults.Sample> sampleExchanges(Path exchangesFile, Verdict v) {
        Set<Long> wanted = v.endpoints().stream().flatMap(e -> e.regressions().stream())
                .map(Verdict.FieldCount::example).filter(java.util.Objects::nonNull)
                .map(ex -> ex.path("exchangeId").asLong()).collect(Collectors.toSet());
        Map<Long, AllureResults.Sample> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Path part : ExchangeLogReader.oldestFirst(exchangesFile)) {
            ExchangeLogReader.eachLine(part, (lineNo, line) -> {
                try {
                    JsonNode node = mapper.readTree(line);
                    JsonNode id = node.get("id");
                    if (id != null && wanted.contains(id.asLong())) {
                        found.put(id.asLong(), new AllureResults.Sample(node.toPrettyString(), ExchangeJson.fromJson(node)));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException
                         | java.time.DateTimeException unreadable) {
                    // not a sample we can show; ExchangeLogReader reports such lines where they matter
                }
                return found.size() < wanted.size();
            });
        }
        return found;
    }
}
