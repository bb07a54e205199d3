package dev.shadowparity.run;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.scenarios.ReplayEngine;
import dev.shadowparity.scenarios.ReplaySetup;
import dev.shadowparity.scenarios.ResetRunner;
import dev.shadowparity.scenarios.TrafficReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code parity replay} as a run: the suite's image backends started, its reset run, the traffic replayed into the
 * comparison stage, then the gate's verdict and the reports; the containers are stopped whatever happens.
 */
public final class ReplayRun {

    /**
     * @param concurrency requests under way at once
     * @param rate        at most this many requests started per second; 0 for no limit
     * @param ordered     in file order, each answered by every backend before the next
     * @param timeout     per request and backend
     */
    public record Options(int concurrency, double rate, boolean ordered, Duration timeout) {}

    private ReplayRun() {}

    /**
     * @param log      gets a line per step (containers, reset, the replay's totals)
     * @param progress gets each recorded exchange
     */
    public static RunOutcome run(SuiteConfig declared, TrafficReader.Traffic traffic, Options options, Path out,
                                 Consumer<String> log, ReplayEngine.Progress progress) throws InterruptedException {
        try (ContainerBackends containers = ContainerBackends.start(declared, line -> log.accept("container " + line))) {
            SuiteConfig suite = containers.suite();
            if (suite.reset() != null) {
                List<String> steps = new ArrayList<>(suite.reset().http());
                if (!suite.reset().command().isEmpty()) {
                    steps.add(String.join(" ", suite.reset().command()));
                }
                log.accept("reset     " + String.join("; ", steps));
                ResetRunner.run(suite.reset());
            }
            long startMillis = System.currentTimeMillis();
            RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
            ComparePipeline pipeline = ComparisonStage.open(suite, routes, out,
                    ReplayEngine.sinkCapacityFor(options.concurrency()), ComparePipeline.Pace.PROMPT);
            ReplayEngine.Result result;
            try (ReplayEngine engine = new ReplayEngine(ReplaySetup.of(suite, routes), pipeline, options.timeout())) {
                result = engine.run(traffic.requests(), options.concurrency(), options.rate(), options.ordered(), progress);
            } finally {
                pipeline.close();
            }
            log.accept(String.format("replay    done: read %d, sent %d, skipped %d; %d exchanges with differences",
                    traffic.read(), result.sent(), traffic.skipped().size(), result.withRegression()));
            Map<String, String> notes = new java.util.LinkedHashMap<>();
            if (traffic.generatedFrom() != null) {
                notes.put("traffic", "generated from " + traffic.generatedFrom() + ", not recorded: " + traffic.requests().size()
                        + " requests");
            }
            return Verdicts.ofLedger(out, suite, pipeline.ledger().snapshot(), startMillis, pipeline.logHealth(), notes);
        }
    }
}
