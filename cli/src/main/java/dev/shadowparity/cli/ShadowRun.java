package dev.shadowparity.cli;

import dev.shadowparity.compare.ComparePipeline;
import dev.shadowparity.compare.ExchangeComparator;
import dev.shadowparity.compare.Ledger;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.proxy.ShadowProxy;
import dev.shadowparity.report.RunReport;
import java.nio.file.Path;

/**
 * Wires a shadowing run: compare pipeline (ledger + exchange log) behind the proxy, and the report at the
 * end. Shared by {@code parity proxy} and {@code parity demo} so both run the same code.
 */
final class ShadowRun implements AutoCloseable {

    private final SuiteConfig config;
    private final Path out;
    private final ComparePipeline pipeline;
    private final ShadowProxy proxy;
    private final long startMillis = System.currentTimeMillis();
    private boolean closed;

    ShadowRun(SuiteConfig config, Path out) throws InterruptedException {
        this.config = config;
        this.out = out;
        this.pipeline = pipelineFor(config, out, 10_000);
        this.proxy = ShadowProxy.start(config, pipeline);
    }

    /**
     * The compare pipeline of a run writing into {@code out}: the suite's comparator, ledger and exchange log.
     * Shared by the proxy and replay commands, so both produce the same run folder.
     */
    static ComparePipeline pipelineFor(SuiteConfig config, Path out, int queueCapacity) {
        ExchangeLogWriter log = new ExchangeLogWriter(out.resolve(RunReport.EXCHANGES),
                new ExchangeJson(new Redactor(config.redact()), config.exchangeLog().allBodies()), 10_000, config.exchangeLog());
        // At least two: one comparison (or log line) that takes long must not stall the rest.
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new ComparePipeline(new ExchangeComparator(config)::compare, new Ledger(config.noise()), log, workers,
                queueCapacity);
    }

    ShadowProxy proxy() {
        return proxy;
    }

    /** Stops the proxy, drains mirrors and comparisons, then writes the verdict and reports. */
    RunReport.Written finish() throws InterruptedException {
        close();
        return RunReport.write(out, config, pipeline.ledger().snapshot(), startMillis);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.close();
        } finally {
            pipeline.close();
        }
    }
}
