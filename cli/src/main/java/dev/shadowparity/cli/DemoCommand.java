package dev.shadowparity.cli;

import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.load.LoadResult;
import dev.shadowparity.load.LoadRun;
import dev.shadowparity.report.RunReport;
import dev.shadowparity.scenario.StudentsMigration;
import dev.shadowparity.scenario.TrafficDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity demo}: a whole migration check in one command, on embedded backends. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a whole migration check on embedded backends.", "", "Starts an embedded legacy backend, a second legacy instance (for noise) and its rewrite,",
                "puts the shadow proxy in front, drives realistic traffic through it, compares every pair and",
                "writes exchanges.jsonl, verdict.json, junit.xml, Allure results and the HTML report.",
                "Exits with the gate's code: 0 promote, 1 hold, 2 invalid run. The demo's rewrite has a",
                "regression, so it holds."})
final class DemoCommand implements Callable<Integer> {

    /** Distinct requests the load's virtual users cycle through: the traffic mix, ten times over. */
    private static final int LOAD_REQUESTS = 100;

    static final String SUITE_RESOURCE = "/dev/shadowparity/scenario/students-migration.yaml";

    @Mixin
    OutputDir out;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "400",
            description = "Requests the traffic driver sends (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Concurrent client connections (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--load", description = {"Then load legacy and rewrite with Gatling (--users, --duration...) and add",
            "the latency and throughput budgets to the verdict and the report."})
    boolean withLoad;

    @Mixin
    LoadOptions load;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || concurrency < 1) {
            throw new ParityCommand.UsageException("--requests and --concurrency must be at least 1");
        }
        LoadRun.Settings loadSettings = load.settings();
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out.resolve();
        long startMillis = System.currentTimeMillis();
        try (StudentsMigration backends = StudentsMigration.start()) {
            stdout.printf("legacy    %s  (primary)%nlegacy    %s  (secondary, for noise)%nrewrite   %s  (candidate)%n",
                    backends.legacyUrl(), backends.legacySecondaryUrl(), backends.rewriteUrl());
            SuiteConfig config = loadSuite(backends);
            ShadowRun run = new ShadowRun(config, dir);
            try {
                URI proxyUrl = URI.create("http://127.0.0.1:" + run.proxy().address().getPort() + "/");
                stdout.printf("proxy     %s  -> mirroring to the rewrite%n", proxyUrl);
                TrafficDriver driver = new TrafficDriver(proxyUrl);
                int step = Math.max(1, requests / 4);
                TrafficDriver.Result sent = driver.run(requests, concurrency, done -> {
                    if (done % step == 0 || done == requests) {
                        stdout.printf("traffic   %d/%d requests%n", done, requests);
                        stdout.flush();
                    }
                });
                stdout.printf("traffic   done: %d answered 2xx/3xx, %d 4xx, %d 5xx, %d transport errors%n",
                        sent.ok(), sent.clientErrors(), sent.serverErrors(), sent.transportErrors());
                stdout.printf("compare   %d mirrored exchanges; writing reports to %s%n", run.proxy().mirrored(), dir);
                stdout.flush();
                RunReport.Written written = run.finish();
                if (withLoad) {
                    run.close();
                    stdout.printf("load      legacy and rewrite directly, without the proxy; Gatling reports under %s%n",
                            dir.resolve("gatling"));
                    LoadResult result = new LoadRun(config, loadSettings, stdout).run(driver.mix(LOAD_REQUESTS), dir);
                    written = RunReport.writeLoad(dir, config, result, startMillis);
                }
                return RunOutput.print(written, stdout, spec.commandLine().getErr());
            } finally {
                run.close();
            }
        }
    }

    static SuiteConfig loadSuite(StudentsMigration backends) throws IOException {
        Map<String, String> vars = Map.of("PRIMARY_URL", backends.legacyUrl(),
                "SECONDARY_URL", backends.legacySecondaryUrl(), "CANDIDATE_URL", backends.rewriteUrl());
        try (InputStream in = StudentsMigration.class.getResourceAsStream(SUITE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SUITE_RESOURCE + " is missing from the jar");
            }
            return new ConfigLoader(vars::get).parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "students-migration.yaml");
        }
    }
}
