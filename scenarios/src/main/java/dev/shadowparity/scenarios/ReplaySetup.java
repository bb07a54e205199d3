package dev.shadowparity.scenarios;

import static java.util.Objects.requireNonNull;

import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.time.Duration;

/**
 * The replay's slice of a suite: the backends, the run's route table (shared with the rest of the run) and how
 * long to wait for a connection.
 */
public record ReplaySetup(Backends backends, RouteTable<RouteConfig> routes, Duration connectTimeout) {

    public ReplaySetup {
        requireNonNull(backends, "backends");
        requireNonNull(routes, "routes");
        requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The replay's slice of {@code suite}; a replay connects within the suite's one {@code connectTimeout} (under proxy:). */
    public static ReplaySetup of(SuiteConfig suite, RouteTable<RouteConfig> routes) {
        return new ReplaySetup(suite.backends(), routes, suite.proxy().connectTimeout());
    }
}
