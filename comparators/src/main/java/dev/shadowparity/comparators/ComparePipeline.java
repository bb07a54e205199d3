package dev.shadowparity.comparators;

import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.IdleWait;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.log.ExchangeLogWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 *
 * <p>A {@link Pace#PROMPT prompt} pipeline is a thread pool: each submission wakes an idle worker, since a replay
 * waits for each exchange's callback before it sends more. The workers of a {@link Pace#BATCHED batched} one (a
 * proxy's, whose clients never wait for a comparison) take what waits in batches and, when nothing does, sleep
 * ({@link IdleWait}, up to 8 ms) instead: no submission wakes a thread.
 */
public final class ComparePipeline implements ExchangeSink, AutoCloseable {

    /** How workers wait for exchanges. */
    public enum Pace { PROMPT, BATCHED }

    private final Function<Exchange, ExchangeResult> comparator;
    private final Ledger ledger;
    private final ExchangeLogWriter log;

    private static final int BATCH = 32;
    private static final java.time.Duration LONGEST_IDLE_WAIT = java.time.Duration.ofMillis(8);

    /** A prompt pipeline's workers; {@code null} when batched. */
    private final ThreadPoolExecutor pool;
    /** A batched pipeline's queue and workers; {@code null} and empty when prompt. */
    private final BlockingQueue<Runnable> queue;
    private final List<Thread> workers;
    private volatile boolean closing;
    /** Set when the closing thread begins to compare what the stopped workers left: a later offer takes its own back. */
    private volatile boolean drained;
    private final AtomicLong failures = new AtomicLong();
    /** Writes the log's held lines out once a second: a killed run loses at most its last second of lines. */
    private final java.util.concurrent.ScheduledExecutorService flusher;

    /**
     * @param comparator usually {@code exchangeComparator::compare}
     * @param log        {@code null} to keep statistics only
     */
    public ComparePipeline(Function<Exchange, ExchangeResult> comparator, Ledger ledger, ExchangeLogWriter log,
                           int workerCount, int queueCapacity) {
        this(comparator, ledger, log, workerCount, queueCapacity, Pace.PROMPT);
    }

    /** @param pace whether a submission wakes a worker ({@link Pace#PROMPT}) or workers look every few ms */
    public ComparePipeline(Function<Exchange, ExchangeResult> comparator, Ledger ledger, ExchangeLogWriter log,
                           int workerCount, int queueCapacity, Pace pace) {
        this.comparator = comparator;
        this.ledger = ledger;
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        java.util.concurrent.ThreadFactory threads = r -> {
            Thread t = new Thread(r, "parity-compare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        if (pace == Pace.PROMPT) {
            this.pool = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queueCapacity), threads, new ThreadPoolExecutor.AbortPolicy());
            this.queue = null;
            this.workers = List.of();
        } else {
            this.pool = null;
            this.queue = new ArrayBlockingQueue<>(queueCapacity);
            List<Thread> started = new ArrayList<>(workerCount);
            for (int i = 0; i < workerCount; i++) {
                started.add(threads.newThread(this::work));
            }
            this.workers = List.copyOf(started);
            workers.forEach(Thread::start);
        }
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
        Runnable task = () -> {
            ExchangeResult ce = compareSafely(x);
            finish(ce);
            try {
                recorded.accept(ce);
            } catch (RuntimeException e) {
                // A worker never dies of its caller's callback.
                failures.incrementAndGet();
            }
        };
        boolean queued;
        if (pool != null) {
            try {
                pool.execute(task);
                queued = true;
            } catch (RejectedExecutionException e) {
                queued = false;
            }
        } else {
            queued = !closing && queue.offer(task);
            if (queued && drained && queue.remove(task)) {
                queued = false; // offered after the close took the queue's rest: dropped as closed, not stranded
            }
        }
        if (!queued) {
            boolean closed = pool != null ? pool.isShutdown() : closing;
            ExchangeResult ce = new ExchangeResult(x, Outcome.DROPPED, closed ? "pipeline-closed" : "compare-queue-full",
                    List.of());
            finish(ce);
            recorded.accept(ce);
        }
    }

    /** A batched worker's loop: until closed, and then until the queue is empty. */
    private void work() {
        List<Runnable> batch = new ArrayList<>(BATCH);
        IdleWait wait = new IdleWait(LONGEST_IDLE_WAIT);
        while (true) {
            if (queue.drainTo(batch, BATCH) == 0) {
                if (closing) {
                    return;
                }
                wait.idle();
                continue;
            }
            wait.busy();
            batch.forEach(this::runSafely);
            batch.clear();
        }
    }

    /** A worker never dies of a task: a ledger or log that throws is counted, and the worker goes on. */
    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
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

    /** Compares everything already queued (for up to a minute), then closes the log. */
    @Override
    public void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } else {
            closeWorkers();
        }
        if (log != null) {
            flusher.shutdownNow();
            log.close();
        }
    }

    private void closeWorkers() throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : workers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (workers.stream().noneMatch(Thread::isAlive)) {
            // Submitted as the workers saw the queue empty and stopped: compared here, so none is lost.
            drained = true;
            for (Runnable task; (task = queue.poll()) != null; ) {
                runSafely(task);
            }
        }
        workers.forEach(Thread::interrupt);
    }
}
