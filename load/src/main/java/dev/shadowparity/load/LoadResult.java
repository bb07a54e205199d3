package dev.shadowparity.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code parity load} measured and concluded; written as {@code load.json}, read by the gate and the
 * reports.
 *
 * @param steps   the Gatling runs per backend and user level (two each when balanced), in the order they ran
 * @param budgets every budget evaluated, per user level
 */
public record LoadResult(int schemaVersion, String suite, List<Integer> users, double rampSeconds, double holdSeconds,
                         long thinkMillis, List<Step> steps, List<BudgetCheck> budgets) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FILE = "load.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One Gatling run.
     *
     * @param pass    1, or 2 for the backend's second run at this level (a balanced run measures primary, candidate,
     *                candidate, primary)
     * @param report  Gatling's HTML report folder, relative to the run folder
     * @param all     all requests together
     * @param routes  per request name (the endpoint, e.g. {@code GET /api/students/{id}})
     * @param gatlingAssertions the budgets Gatling itself asserted in this run, in its own words
     */
    public record Step(String backend, int users, int pass, String report, LoadStats all, Map<String, LoadStats> routes,
                       List<GatlingReport.AssertionOutcome> gatlingAssertions) {}

    /**
     * One budget at one user level.
     *
     * @param name      what is bounded, e.g. {@code latency p95 ratio GET /x at 50 users}
     * @param threshold the bound in words
     * @param actual    the measured value in words
     */
    public record BudgetCheck(String name, String threshold, String actual, boolean passed) {}

    public boolean passed() {
        return budgets.stream().allMatch(BudgetCheck::passed);
    }

    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The run folder's {@code load.json}, if {@code parity load} wrote one there. */
    public static java.util.Optional<LoadResult> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JSON.readValue(file.toFile(), LoadResult.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
