package dev.shadowparity.run;

import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.kafka.GroupResults;
import dev.shadowparity.kafka.KafkaTarget;
import dev.shadowparity.reports.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code parity report --from} and {@code parity gate --from}: every result a group of workers committed, merged into
 * one run folder, the one a single process would have written for the same traffic: one ledger recorded from every
 * result (so counts, field statistics, latencies and drift are those of the whole run), one {@code exchanges.jsonl}
 * numbered from 1, the gate's verdict and every report.
 */
public final class MergedRun {

    private MergedRun() {}

    /**
     * @param wait how long to wait for the group to judge everything captured so far before merging; what is still
     *             waiting then is merged without, and the verdict says how many
     */
    public static RunOutcome merge(SuiteConfig suite, KafkaTarget from, String group, Path out, Duration wait,
                                   Consumer<String> log) throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        Duration ask = Duration.ofSeconds(10);
        long deadline = System.nanoTime() + wait.toNanos();
        long waiting = GroupResults.waiting(from, group, ask);
        long every = Duration.ofSeconds(5).toNanos();
        long lastLog = System.nanoTime() - every; // the first wait is said at once
        while (waiting > 0 && System.nanoTime() < deadline) {
            if (System.nanoTime() - lastLog >= every) {
                log.accept("waiting   " + waiting + " captured exchanges not judged yet by group " + group);
                lastLog = System.nanoTime();
            }
            Thread.sleep(500);
            waiting = GroupResults.waiting(from, group, ask);
        }
        Redactor redactor = new Redactor(suite.redact());
        Ledger ledger = new Ledger(suite.noise(), redactor);
        long[] next = {0};
        GroupResults.Summary summary;
        try (ExchangeLogWriter exchanges = new ExchangeLogWriter(out.resolve(RunReport.EXCHANGES),
                new ExchangeJson(redactor, suite.exchangeLog().allBodies()), 10_000, suite.exchangeLog())) {
            summary = GroupResults.read(from, group, ask, result -> {
                ExchangeResult r = renumbered(result.exchange(), ++next[0]);
                ledger.record(r);
                exchanges.write(r);
            });
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("merged", "from " + from.resultsTopic(group) + " on " + from.bootstrap() + ": " + summary.results()
                + " results of exchanges captured by " + summary.proxies().size() + " "
                + (summary.proxies().size() == 1 ? "proxy" : "proxies") + " " + summary.proxies());
        if (summary.rejectedCount() > 0) {
            notes.put("unreadableRecords", summary.rejectedCount() + " captured records could not be read and were skipped: "
                    + String.join("; ", summary.rejected()) + (summary.rejectedCount() > summary.rejected().size() ? "; …" : ""));
        }
        if (summary.unreadable() > 0) {
            notes.put("unreadableResults", summary.unreadable() + " result records of another version were not read");
        }
        if (summary.waiting() > 0) {
            notes.put("notJudgedYet", summary.waiting() + " captured exchanges were not judged yet by group " + group + " when merged");
        }
        return Verdicts.ofLedger(out, suite, ledger.snapshot(), startMillis, notes);
    }

    /** Ids of one merged run run from 1, as a single process's do; each proxy numbered its own from 1. */
    private static ExchangeResult renumbered(ExchangeResult r, long id) {
        Exchange x = r.exchange();
        return new ExchangeResult(new Exchange(id, x.endpoint(), x.receivedAt(), x.request(), x.primary(), x.candidate(),
                x.secondary()), r.outcome(), r.reason(), r.differences(), r.secondaryDifferences(), r.drifts(), r.rankings());
    }
}
