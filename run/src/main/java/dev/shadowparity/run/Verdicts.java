package dev.shadowparity.run;

import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.gate.Gate;
import dev.shadowparity.contract.OpenApiContract;
import dev.shadowparity.gate.GateSetup;
import dev.shadowparity.gate.RunEnvironment;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.gate.VerdictFiles;
import dev.shadowparity.load.LoadResult;
import dev.shadowparity.reports.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a run asks the gate for its verdict and has it rendered: the one step between the engines and the reports. */
final class Verdicts {

    private Verdicts() {}

    /** The gate's verdict on a shadow or replay run's ledger, written with every report into {@code dir}. */
    static RunOutcome ofLedger(Path dir, SuiteConfig suite, List<EndpointStats.Snapshot> endpoints, long startMillis,
                               ExchangeLogWriter.Health log) {
        return ofLedger(dir, suite, endpoints, startMillis, log, Map.of());
    }

    /** As above, with {@code runNotes} (where the traffic came from) joining the run's environment. */
    static RunOutcome ofLedger(Path dir, SuiteConfig suite, List<EndpointStats.Snapshot> endpoints, long startMillis,
                               ExchangeLogWriter.Health log, Map<String, String> runNotes) {
        Map<String, String> notes = new java.util.LinkedHashMap<>(runNotes);
        if (log.degraded()) {
            // The verdict comes from memory and is whole; the reader of exchanges.jsonl must know it is not.
            notes.put("exchangeLog", log.notWritten() + " of " + (log.written() + log.notWritten())
                    + " lines not written" + (log.problem() == null ? "" : " (" + log.problem() + ")"));
        }
        return ofLedger(dir, suite, endpoints, startMillis, notes);
    }

    /** As above, {@code notes} joining the run's environment (how the log fared, how the ledger was recovered). */
    static RunOutcome ofLedger(Path dir, SuiteConfig suite, List<EndpointStats.Snapshot> endpoints, long startMillis,
                               Map<String, String> notes) {
        Gate gate = new Gate(gateSetup(suite));
        Map<String, String> environment = new java.util.LinkedHashMap<>(RunEnvironment.of(suite));
        environment.putAll(notes);
        Verdict verdict;
        try {
            verdict = gate.evaluate(endpoints, environment);
        } catch (Gate.InvalidRunException nothingCompared) {
            // Still written: verdict.json says invalid and why, the report shows every endpoint's reasons.
            verdict = gate.invalid(endpoints, nothingCompared.getMessage(), environment);
        }
        return new RunOutcome(RunReport.write(dir, sinceLastRun(dir, verdict), startMillis));
    }

    /**
     * After a load: its budgets, handed to the gate as checks, join the folder's verdict when a replay or proxy run
     * wrote one there (replacing an earlier load's), or make a verdict of their own; then every report is written again.
     */
    static RunOutcome ofLoad(Path dir, SuiteConfig suite, LoadResult load, long startMillis) {
        List<Verdict.Check> checks = loadChecks(load);
        Verdict verdict;
        if (Files.exists(dir.resolve(VerdictFiles.FILE))) {
            verdict = Gate.withLoad(VerdictFiles.read(dir), checks);
        } else {
            Set<String> reached = load.steps().stream().flatMap(s -> s.routes().keySet().stream()).collect(Collectors.toSet());
            verdict = new Gate(gateSetup(suite)).loadOnly(checks, reached, RunEnvironment.of(suite));
        }
        return new RunOutcome(RunReport.write(dir, verdict, startMillis));
    }

    /** Each regression marked new or not against the suite's previous run, when there is one that can be read. */
    static Verdict sinceLastRun(Path dir, Verdict verdict) {
        return RunReport.previousRun(dir, verdict.suite()).flatMap(p -> {
            try {
                return java.util.Optional.of(verdict.sinceLastRun(VerdictFiles.read(p)));
            } catch (VerdictFiles.InvalidVerdictException | java.io.UncheckedIOException unreadable) {
                return java.util.Optional.empty(); // no trend to compare with: the verdict stands as it is
            }
        }).orElse(verdict);
    }

    /** The gate's slice of the suite, with its contract's operations when it names one. */
    static GateSetup gateSetup(SuiteConfig suite) {
        GateSetup setup = GateSetup.of(suite);
        if (suite.openapi() == null) {
            return setup;
        }
        OpenApiContract contract = OpenApiContract.load(suite.openapi());
        Map<String, List<String>> operations = new java.util.LinkedHashMap<>();
        contract.operations().forEach(o -> operations.put(o.route(), o.statusClasses()));
        return setup.withContract(new GateSetup.Contract(suite.openapi().getFileName().toString(), operations));
    }

    /** A load run's budgets as the gate's checks. */
    static List<Verdict.Check> loadChecks(LoadResult load) {
        return load.budgets().stream()
                .map(b -> new Verdict.Check(b.name(), b.threshold(), b.actual(), b.passed(), Verdict.Check.LOAD)).toList();
    }
}
