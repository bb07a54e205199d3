package dev.shadowparity.run;

import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.demo.StudentsMigration;
import dev.shadowparity.demo.TrafficDriver;
import dev.shadowparity.load.LoadRun;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code parity demo} as a run: the embedded legacy (twice) and rewrite backends, a shadow run in front of them
 * driven by the demo's traffic, and with {@code load} set, Gatling on legacy and rewrite afterwards.
 */
public final class DemoRun {

    /** Distinct requests the load's virtual users cycle through: the traffic mix, ten times over. */
    private static final int LOAD_REQUESTS = 100;

    /**
     * @param requests    requests the traffic driver sends through the proxy
     * @param concurrency concurrent client connections
     * @param load        the load after the shadow run, or {@code null} for none
     */
    public record Options(int requests, int concurrency, LoadRun.Settings load) {}

    private DemoRun() {}

    /** @param stdout gets the demo's progress, a few lines per step */
    public static RunOutcome run(Options options, Path dir, PrintWriter stdout) throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        try (StudentsMigration backends = StudentsMigration.start()) {
            stdout.printf("legacy    %s  (primary)%nlegacy    %s  (secondary, for noise)%nrewrite   %s  (candidate)%n",
                    backends.legacyUrl(), backends.legacySecondaryUrl(), backends.rewriteUrl());
            SuiteConfig suite = backends.suite();
            try (ShadowRun run = ShadowRun.start(suite, dir)) {
                URI proxyUrl = URI.create("http://127.0.0.1:" + run.address().getPort() + "/");
                stdout.printf("proxy     %s  -> mirroring to the rewrite%n", proxyUrl);
                TrafficDriver driver = new TrafficDriver(proxyUrl);
                int total = options.requests();
                int step = Math.max(1, total / 4);
                TrafficDriver.Result sent = driver.run(total, options.concurrency(), done -> {
                    if (done % step == 0 || done == total) {
                        stdout.printf("traffic   %d/%d requests%n", done, total);
                        stdout.flush();
                    }
                });
                stdout.printf("traffic   done: %d answered 2xx/3xx, %d 4xx, %d 5xx, %d transport errors%n",
                        sent.ok(), sent.clientErrors(), sent.serverErrors(), sent.transportErrors());
                stdout.printf("compare   %d mirrored exchanges; writing reports to %s%n", run.mirrored(), dir);
                stdout.flush();
                RunOutcome outcome = run.finish();
                if (options.load() == null) {
                    return outcome;
                }
                stdout.printf("load      legacy and rewrite directly, without the proxy; Gatling reports under %s%n",
                        dir.resolve("gatling"));
                return LoadJob.load(suite, driver.mix(LOAD_REQUESTS), options.load(), dir, stdout, startMillis);
            }
        }
    }
}
