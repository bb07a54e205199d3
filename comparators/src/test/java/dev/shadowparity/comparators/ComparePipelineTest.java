package dev.shadowparity.comparators;

import static dev.shadowparity.comparators.Fixtures.exchange;
import static dev.shadowparity.comparators.Fixtures.json;
import static dev.shadowparity.comparators.Fixtures.replied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogReader;
import dev.shadowparity.core.log.ExchangeLogWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class ComparePipelineTest {

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(""));

    @ParameterizedTest
    @EnumSource(ComparePipeline.Pace.class)
    void everyExchangeEndsInTheLedgerAndTheLogInReceivedOrder(ComparePipeline.Pace pace, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("exchanges.jsonl");
        Ledger ledger = new Ledger();
        try (ComparePipeline pipeline = new ComparePipeline(comparator::compare, ledger,
                new ExchangeLogWriter(file, new ExchangeJson(new Redactor(RedactionSettings.DEFAULT)), 1000), 2, 1000, pace)) {
            for (int i = 1; i <= 300; i++) {
                BackendReply candidate = i % 10 == 0
                        ? new BackendReply.NoResponse(Outcome.TIMEOUT, "slow", Duration.ofSeconds(2))
                        : replied(json(i % 3 == 0 ? "{\"v\":2}" : "{\"v\":1}"));
                pipeline.submit(exchange(i, "GET", "/items/" + i, replied(json("{\"v\":1}")), candidate, null));
            }
        }
        var endpoint = ledger.snapshot().get(0);
        assertThat(endpoint.endpoint()).hasToString("GET /items/{id}");
        assertThat(endpoint.exchanges()).isEqualTo(300);
        assertThat(endpoint.outcomes()).containsEntry(Outcome.TIMEOUT, 30L).containsEntry(Outcome.COMPARED, 270L);
        // i % 3 == 0 and not a timeout: 100 - 10 (multiples of 30)
        assertThat(endpoint.withRegression()).isEqualTo(90);
        assertThat(endpoint.parityRate()).isEqualTo(180.0 / 270);
        assertThat(endpoint.regressions()).singleElement().satisfies(f -> {
            assertThat(f.key().path()).isEqualTo("$.v");
            assertThat(f.count()).isEqualTo(90);
            // the first few, and as many drawn at random from the rest: bounded however long the run
            assertThat(f.samples()).hasSize(2 * EndpointStats.SAMPLES_PER_FIELD)
                    .extracting(EndpointStats.Sample::exchangeId).doesNotHaveDuplicates();
        });
        List<Long> ids = new ArrayList<>();
        ExchangeLogReader.forEach(file, ce -> ids.add(ce.exchange().id()));
        assertThat(ids).hasSize(300).isSorted();
        Ledger rebuilt = new Ledger();
        ExchangeLogReader.forEach(file, rebuilt::record);
        assertThat(rebuilt.snapshot().get(0).withRegression()).isEqualTo(90);
    }

    @Test
    void aFullQueueDropsWithAReasonInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Ledger ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(x -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return comparator.compare(x);
        }, ledger, null, 1, 2);
        for (int i = 1; i <= 10; i++) {
            pipeline.submit(exchange(i, "GET", "/x", replied(json("{}")), replied(json("{}")), null));
        }
        // One is being compared, two wait in the queue, seven were dropped without waiting.
        assertThat(ledger.snapshot().get(0).reasons()).containsEntry("dropped: compare-queue-full", 7L);
        release.countDown();
        pipeline.close();
        assertThat(ledger.exchanges()).isEqualTo(10);
        assertThat(ledger.snapshot().get(0).compared()).isEqualTo(3);
    }

    /**
     * Two event loops submit while the pipeline closes: each exchange is compared or dropped as {@code pipeline-closed},
     * none is lost or counted twice, whichever way the race between the last submissions and the workers' exit goes.
     */
    @Test
    void aBatchedPipelineClosingUnderSubmissionsLosesNoExchange() throws Exception {
        for (int round = 0; round < 100; round++) {
            Ledger ledger = new Ledger();
            ComparePipeline pipeline = new ComparePipeline(comparator::compare, ledger, null, 2, 10_000,
                    ComparePipeline.Pace.BATCHED);
            java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
            CountDownLatch halfway = new CountDownLatch(2);
            List<Thread> loops = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int from = t * 1000;
                Thread loop = new Thread(() -> {
                    for (int i = 1; i <= 1000; i++) {
                        pipeline.submit(exchange(from + i, "GET", "/x", replied(json("{}")), replied(json("{}")), null),
                                ce -> answered.incrementAndGet());
                        if (i == 500) {
                            halfway.countDown();
                        }
                    }
                });
                loop.start();
                loops.add(loop);
            }
            halfway.await();
            pipeline.close();
            for (Thread t : loops) {
                t.join();
            }
            assertThat(ledger.exchanges()).as("round %d", round).isEqualTo(2000);
            assertThat(answered.get()).as("round %d", round).isEqualTo(2000);
            long closed = ledger.snapshot().get(0).reasons().getOrDefault("dropped: pipeline-closed", 0L);
            assertThat(ledger.snapshot().get(0).compared() + closed).as("round %d", round).isEqualTo(2000);
        }
    }

    @Test
    void aComparatorFailureIsRecordedNotLost() throws Exception {
        Ledger ledger = new Ledger();
        try (ComparePipeline pipeline = new ComparePipeline(x -> {
            throw new IllegalStateException("rule bug");
        }, ledger, null, 1, 10)) {
            pipeline.submit(exchange(1, "GET", "/x", replied(json("{}")), replied(json("{}")), null));
            pipeline.close();
            assertThat(pipeline.comparatorFailures()).isEqualTo(1);
        }
        assertThat(ledger.exchanges()).isEqualTo(1);
        assertThat(ledger.snapshot().get(0).reasons())
                .containsEntry("failed: comparator error: java.lang.IllegalStateException: rule bug", 1L);
    }
}
