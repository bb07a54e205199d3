package dev.shadowparity.comparators;

import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.log.ExchangeLogWriter;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compares exchanges on a worker pool behind a bounded queue and feeds the ledger and the exchange log.
 * {@link #submit} never blocks its caller (a proxy event loop): when the queue is full the exchange is
 * recorded as dropped with reason {@code compare-queue-full} instead of being compared.
 */
public final class ComparePipeline implements ExchangeSink, AutoCloseable {

    private final Function<Exchange, ExchangeResult> comparator;
    private final Ledger ledger;
    private final ExchangeLogWriter log;
    private final ThreadPoolExecutor workers;
    private final AtomicLong failures = new AtomicLong();
    /** Writes the log's held lines out once a second: a killed run loses at most its last second of lines. */
    private final java.util.concurrent.ScheduledExecutorService flusher;

    /**
     * @param comparator usually {@code exchangeComparator::compare}
     * @param log        {@code null} to keep statistics only
     */
    public ComparePipeline(Function<Exchange, ExchangeResult> comparator, Ledger ledger, ExchangeLogWriter log,
                           int workerCount, int queueCapacity) {
        this.comparator = comparator;
        this.ledger = ledger;
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "parity-compare-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.flusher = log == null ? null : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parity-log-flush");
            t.setDaemon(true);
            return t;
        });
        if (flusher != null) {
            flusher.scheduleWithFixedDelay(log::flush, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Queues {@code x} for comparison, then calls {@code recorded} (on a worker) once the exchange is in the
     * ledger and the log: a replay waits for that before it sends more, so it never overflows the queue.
     */
    @Override
    public void submit(Exchange x, Consumer<ExchangeResult> recorded) {
        try {
            workers.execute(() -> {
                ExchangeResult ce = compareSafely(x);
                finish(ce);
                try {
                    recorded.accept(ce);
                } catch (RuntimeException e) {
                    // A worker never dies of its caller's callback: a pool that replaces dead workers churns threads.
                    failures.incrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            ExchangeResult ce = new ExchangeResult(x, Outcome.DROPPED,
                    workers.isShutdown() ? "pipeline-closed" : "compare-queue-full", List.of());
            finish(ce);
            recorded.accept(ce);
        }
    }

    /** A comparator bug must not lose the exchange: it is recorded as failed with the error. */
    private ExchangeResult compareSafely(Exchange x) {
        try {
            return comparator.apply(x);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return new ExchangeResult(x, Outcome.FAILED, "comparator error: " + e, List.of());
        }
    }

    private void finish(ExchangeResult ce) {
        ledger.record(ce);
        if (log != null) {
            try {
                log.write(ce);
            } catch (RuntimeException e) {
                failures.incrementAndGet(); // a line that cannot be serialised; the ledger has the exchange
            }
        }
    }

    @Override
    public ExchangeLogWriter.Health logHealth() {
        return log == null ? ExchangeLogWriter.Health.NONE : log.health();
    }

    public Ledger ledger() {
        return ledger;
    }

    public long comparatorFailures() {
        return failures.get();
    }

    /** Compares everything already queued, then closes the log. */
    @Override
    public void close() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
        if (log != null) {
            flusher.shutdownNow();
            log.close();
        }
    }
}
