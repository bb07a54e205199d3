package dev.shadowparity.run;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.contract.ContractCheck;
import dev.shadowparity.contract.OpenApiContract;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.reports.RunReport;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The exchange sink of a run writing into a folder: the suite's comparator on the run's route table, a ledger that
 * keeps redacted samples, and {@code exchanges.jsonl}. Built here once, so the proxy and a replay produce the same
 * run folder.
 */
final class ComparisonStage {

    private ComparisonStage() {}

    /**
     * @param queueCapacity exchanges waiting for a worker before further ones are dropped ({@code compare-queue-full})
     * @param pace          {@code BATCHED} for a proxy, whose clients never wait for a comparison
     */
    static ComparePipeline open(SuiteConfig suite, RouteTable<RouteConfig> routes, Path out, int queueCapacity,
                                ComparePipeline.Pace pace) {
        // First: asking a backend's reflection may fail, and then nothing is left open.
        dev.shadowparity.comparators.Protoset protoset = GrpcDescriptors.of(suite);
        Redactor redactor = new Redactor(suite.redact());
        ExchangeLogWriter log = new ExchangeLogWriter(out.resolve(RunReport.EXCHANGES),
                new ExchangeJson(redactor, suite.exchangeLog().allBodies()), 10_000, suite.exchangeLog());
        // At least two: one comparison (or log line) that takes long must not stall the rest.
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new ComparePipeline(judge(suite, routes, protoset), new Ledger(suite.noise(), redactor), log, workers,
                queueCapacity, pace);
    }

    /**
     * How an exchange is judged, in the process and in a worker alike: compared by the suite's rules, then (with a
     * contract) each side held to the spec, on the compared exchange whose bodies are decoded.
     */
    static Function<Exchange, ExchangeResult> judge(SuiteConfig suite, RouteTable<RouteConfig> routes,
                                                    dev.shadowparity.comparators.Protoset protoset) {
        ExchangeComparator comparator = new ExchangeComparator(routes, suite.noise(), suite.maxDecodedBody(), protoset);
        if (suite.openapi() == null) {
            return comparator::compare;
        }
        ContractCheck contract = new ContractCheck(OpenApiContract.load(suite.openapi()));
        return x -> contract.check(comparator.compare(x));
    }
}
