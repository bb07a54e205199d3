package dev.shadowparity.proxy;

import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.RouteTemplate;
import dev.shadowparity.core.config.RouteConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which requests are mirrored: safe methods always qualify, writes only on routes that set
 * {@code mirrorWrites: true}; of those, a sampled share. The share can change while the proxy runs.
 */
final class MirrorPolicy {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final RouteTable<RouteConfig> routes;
    private volatile double percent;

    MirrorPolicy(List<RouteConfig> routeConfigs, double percent) {
        this.routes = new RouteTable<>(routeConfigs.stream()
                .map(r -> new RouteTable.Entry<>(RouteTemplate.parse(r.route()), r)).toList());
        this.percent = percent;
    }

    boolean eligible(String method, String path) {
        if (SAFE_METHODS.contains(method)) {
            return true;
        }
        return routes.find(method, path).map(e -> e.value().mirrorWrites()).orElse(false);
    }

    boolean sampled() {
        double p = percent;
        return p >= 100 || p > 0 && ThreadLocalRandom.current().nextDouble(100) < p;
    }

    void percent(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percent must be within 0-100, got " + p);
        }
        this.percent = p;
    }

    double percent() {
        return percent;
    }
}
