package dev.shadowparity.run;

import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.load.LoadResult;
import dev.shadowparity.load.LoadRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code parity load} as a run: the suite's image backends started, Gatling at each level on primary then
 * candidate, the budgets handed to the gate as checks, the reports written; the containers are stopped whatever
 * happens.
 */
public final class LoadJob {

    private LoadJob() {}

    /** @param out gets a line per container, Gatling step and budget */
    public static RunOutcome run(SuiteConfig declared, List<RecordedRequest> traffic, LoadRun.Settings settings, Path dir,
                                 PrintWriter out) {
        long startMillis = System.currentTimeMillis();
        try (ContainerBackends containers = ContainerBackends.start(declared, line -> {
            out.println("container " + line);
            out.flush();
        })) {
            return load(containers.suite(), traffic, settings, dir, out, startMillis);
        }
    }

    /** Loads running backends and adds the budgets to the folder's verdict (the demo's, after its shadow run). */
    static RunOutcome load(SuiteConfig suite, List<RecordedRequest> traffic, LoadRun.Settings settings, Path dir,
                           PrintWriter out, long startMillis) {
        LoadResult result = new LoadRun(suite.suite(), suite.backends(), RouteTable.of(suite.routes()), suite.budgets(),
                settings, out).run(traffic, dir);
        return Verdicts.ofLoad(dir, suite, result, startMillis);
    }
}
