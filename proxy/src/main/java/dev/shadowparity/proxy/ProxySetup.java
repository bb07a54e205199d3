package dev.shadowparity.proxy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.ProxySettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;

/**
 * The proxy's slice of a suite: its own settings, the backends, the run's route table (shared with the rest of
 * the run) and the running configuration {@code GET /config} shows, secrets already masked.
 *
 * @param captureAll every request that qualifies for mirroring (method and route) reaches the sink, whether the share
 *                   sampled it or not; those not mirrored carry {@link dev.shadowparity.core.BackendReply#notSent()}
 *                   for the candidate: a publishing proxy hands them to workers, who send them themselves
 */
public record ProxySetup(ProxySettings settings, Backends backends, RouteTable<RouteConfig> routes, JsonNode shownConfig,
                         boolean captureAll) {

    public ProxySetup {
        requireNonNull(settings, "settings");
        requireNonNull(backends, "backends");
        requireNonNull(routes, "routes");
        requireNonNull(shownConfig, "shownConfig");
    }

    /** The proxy's slice of {@code suite}, looking routes up in the run's {@code routes}. */
    public static ProxySetup of(SuiteConfig suite, RouteTable<RouteConfig> routes) {
        return new ProxySetup(suite.proxy(), suite.backends(), routes, Redactor.shownConfig(suite), false);
    }

    /** This setup, with every qualifying request captured (see {@code captureAll}). */
    public ProxySetup capturingAll() {
        return new ProxySetup(settings, backends, routes, shownConfig, true);
    }
}
