package dev.shadowparity.load;

import dev.shadowparity.core.FileTrees;
import dev.shadowparity.core.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one {@link LoadPlan} with Gatling. Gatling 3.11+ has no in-process launcher, so this forks
 * {@code io.gatling.app.Gatling} on our own class path (the simulation is {@link ParitySimulation}), the way
 * Gatling's Maven plugin does, and reads the figures back from what the run wrote.
 *
 * <p>The plan, which may hold a backend's credentials, goes to a private temporary file that is deleted after
 * the run; the run folder gets only Gatling's HTML report and its console output ({@code gatling.log}).
 */
public final class GatlingRunner {

    /** Gatling's exit code when the run went through but an assertion failed. */
    static final int ASSERTIONS_FAILED = 2;

    private final String classPath;
    private final Duration requestTimeout;

    /**
     * @param classPath      holds Gatling and this module; {@code java.class.path} of this JVM serves both the
     *                       runnable jar and tests
     * @param requestTimeout after which Gatling counts a request as failed
     */
    public GatlingRunner(String classPath, Duration requestTimeout) {
        this.classPath = classPath;
        this.requestTimeout = requestTimeout;
    }

    public static GatlingRunner onOwnClassPath(Duration requestTimeout) {
        return new GatlingRunner(System.getProperty("java.class.path"), requestTimeout);
    }

    /** What one run measured: Gatling's statistics per request name and its assertions' outcomes. */
    public record Run(LoadPlan plan, Path reportDir, int exitCode, Map<String, LoadStats> stats,
                      List<GatlingReport.AssertionOutcome> assertions) {

        public LoadStats all() {
            return stats.get(GatlingReport.ALL_REQUESTS);
        }
    }

    /** Thrown when Gatling itself failed (not when only its assertions did); carries the end of its output. */
    public static final class GatlingFailedException extends ParityException {
        private static final long serialVersionUID = 1L;

        GatlingFailedException(String message) {
            super(message);
        }
    }

    /** Runs the plan; Gatling's report lands in {@code reportDir} (created, or emptied of an older report). */
    public Run run(LoadPlan plan, Path reportDir) {
        try {
            recreate(reportDir);
            Path scratch = Files.createTempDirectory("parity-load-");
            try {
                Path planFile = scratch.resolve("plan.json");
                plan.write(planFile);
                Path results = scratch.resolve("results");
                Path log = reportDir.resolve("gatling.log");
                Process p = new ProcessBuilder(command(planFile, results, plan))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                long budgetMillis = plan.rampMillis() + plan.holdMillis() + requestTimeout.toMillis() + 120_000;
                if (!p.waitFor(budgetMillis, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new GatlingFailedException("Gatling did not finish within " + budgetMillis / 1000 + " s for "
                            + plan.backend() + " at " + plan.users() + " users; its output: " + log);
                }
                List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8);
                if (p.exitValue() != 0 && p.exitValue() != ASSERTIONS_FAILED) {
                    throw new GatlingFailedException("Gatling failed (exit " + p.exitValue() + ") for " + plan.backend()
                            + " at " + plan.users() + " users; the end of " + log + ":\n  "
                            + String.join("\n  ", console.subList(Math.max(0, console.size() - 15), console.size())));
                }
                moveReport(results, reportDir);
                return new Run(plan, reportDir, p.exitValue(), GatlingReport.statistics(reportDir.resolve("index.html")),
                        GatlingReport.assertions(console));
            } finally {
                FileTrees.delete(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run Gatling into " + reportDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatlingFailedException("interrupted while Gatling ran " + plan.backend() + " at " + plan.users() + " users");
        }
    }

    private List<String> command(Path planFile, Path results, LoadPlan plan) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseG1GC",
                // Gatling's engine reflects into java.lang; its documentation asks for this on JDK 17+.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-D" + ParitySimulation.PLAN_PROPERTY + "=" + planFile,
                "-Dgatling.data.enableAnalytics=false",
                "-Dgatling.http.requestTimeout=" + requestTimeout.toMillis(),
                // The statistics table's percentile columns; GatlingReport reads the 50th, 95th and 99th.
                "-Dgatling.charting.indicators.percentile1=50",
                "-Dgatling.charting.indicators.percentile2=75",
                "-Dgatling.charting.indicators.percentile3=95",
                "-Dgatling.charting.indicators.percentile4=99",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPathWithCharts(),
                "io.gatling.app.Gatling",
                "--simulation", ParitySimulation.class.getName(),
                "--results-folder", results.toString(),
                "--run-description", plan.backend() + " at " + plan.users() + " users"));
        return cmd;
    }

    /**
     * Our class path, and Gatling's report module where this JVM lacks it (parity never ships it; see
     * {@link GatlingCharts}), found or fetched once per runner.
     */
    private synchronized String classPathWithCharts() {
        if (chartsResolved == null) {
            Path jar = GatlingCharts.jar(System.err::println);
            chartsResolved = jar == null ? classPath : classPath + java.io.File.pathSeparator + jar;
        }
        return chartsResolved;
    }

    private String chartsResolved;

    /** Gatling writes into a fresh {@code <simulation>-<timestamp>} folder; its content moves up into {@code target}. */
    private static void moveReport(Path results, Path target) throws IOException {
        Path run;
        try (Stream<Path> runs = Files.list(results)) {
            run = runs.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new GatlingFailedException("Gatling wrote no report under " + results));
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.move(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void recreate(Path dir) throws IOException {
        FileTrees.delete(dir);
        Files.createDirectories(dir);
    }
}
