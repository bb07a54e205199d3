package dev.shadowparity.gate;

import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a reviewer needs to know about where a run's evidence came from: backends, versions, sampling and
 * thresholds. Kept in {@code verdict.json} and shown as Allure's environment widget. Never holds secrets:
 * backend URLs lose any user-info, and per-backend headers (often credentials) are not listed.
 */
public final class RunEnvironment {

    private RunEnvironment() {}

    public static Map<String, String> of(SuiteConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("suite", config.suite());
        env.put("primary", url(config.backends().primary()));
        env.put("candidate", url(config.backends().candidate()));
        if (config.backends().secondary() != null) {
            env.put("secondary", url(config.backends().secondary()));
        }
        env.put("mirror.percent", fmt(config.proxy().mirror().percent()));
        if (config.proxy().mirror().stickyBy() != null) {
            env.put("mirror.stickyBy", config.proxy().mirror().stickyBy());
        }
        if (config.proxy().mirror().orderBy() != null) {
            env.put("mirror.orderBy", config.proxy().mirror().orderBy());
        }
        env.put("gate.minParity", fmt(config.gate().minParity()));
        env.put("budgets.errorRate", fmt(config.budgets().errorRate()));
        env.put("budgets.candidateP95Ratio", fmt(config.budgets().candidateP95Ratio()));
        if (config.budgets().p95Ms() != null) {
            env.put("budgets.p95Ms", fmt(config.budgets().p95Ms()));
        }
        String version = RunEnvironment.class.getPackage().getImplementationVersion();
        env.put("parity.version", version == null ? "development build" : version);
        env.put("java.version", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return env;
    }

    /** The base URL without user-info ({@code http://user:pass@host} shows as {@code http://host}). */
    static String url(BackendConfig b) {
        URI u = b.url();
        if (u.getUserInfo() == null) {
            return u.toString();
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
