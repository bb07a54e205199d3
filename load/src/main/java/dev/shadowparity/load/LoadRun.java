package dev.shadowparity.load;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.BackendTls;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.Budgets;
import dev.shadowparity.core.config.RouteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code parity load}: at each user level, the same Gatling scenario against both backends back to back, so their
 * figures compare like with like; then the suite's budgets evaluated on them. Balanced by default: primary,
 * candidate, candidate, primary, so whatever drifts over the minutes of a level (a JIT warming, a cache filling, a
 * neighbour's load) weighs on both alike, and how far the two passes of one backend differ says how far its
 * figures can be trusted ({@link LoadBudgets}). Prints one line per finished step and per budget.
 */
public final class LoadRun {

    /**
     * @param users levels of concurrent virtual users, run in this order
     * @param ramp  time to reach each level
     * @param hold  time held at each level
     * @param think pause of each virtual user after each answer
     * @param warmup unmeasured requests to both backends before the first step ({@link Warmup})
     * @param requestTimeout a request without an answer by then is an error
     * @param proxy  when set, the shadow proxy in front of the primary, loaded too at each level (with the primary's
     *               requests) to measure what it adds
     * @param balanced each level measured primary, candidate, candidate, primary; false: primary, then candidate
     */
    public record Settings(List<Integer> users, Duration ramp, Duration hold, Duration think, Duration warmup,
                           Duration requestTimeout, java.net.URI proxy, boolean balanced) {

        public Settings {
            users = List.copyOf(users);
            if (users.isEmpty() || users.stream().anyMatch(u -> u < 1)) {
                throw new IllegalArgumentException("user levels must be at least 1, got " + users);
            }
            if (hold.isNegative() || hold.isZero()) {
                throw new IllegalArgumentException("the hold duration must be above 0, got " + hold);
            }
        }
    }

    private final String suite;
    private final Backends backends;
    private final RouteTable<RouteConfig> table;
    private final Budgets suiteBudgets;
    private final Settings settings;
    private final GatlingRunner gatling;
    private final PrintWriter out;

    /**
     * @param suite  the suite's name, for {@code load.json}
     * @param routes the run's route table: request names and each route's budgets
     * @param budgets the suite's budgets, which a route's own override field by field
     */
    public LoadRun(String suite, Backends backends, RouteTable<RouteConfig> routes, Budgets budgets, Settings settings,
                   PrintWriter out) {
        this(suite, backends, routes, budgets, settings, GatlingRunner.onOwnClassPath(settings.requestTimeout()), out);
    }

    LoadRun(String suite, Backends backends, RouteTable<RouteConfig> routes, Budgets budgets, Settings settings,
            GatlingRunner gatling, PrintWriter out) {
        this.suite = suite;
        this.backends = backends;
        this.table = routes;
        this.suiteBudgets = budgets;
        this.settings = settings;
        this.gatling = gatling;
        this.out = out;
    }

    /** Runs every level; Gatling's reports go to {@code dir/gatling/<backend>-<users>/}, the result to {@code dir/load.json}. */
    public LoadResult run(List<RecordedRequest> traffic, Path dir) {
        if (traffic.isEmpty()) {
            throw new IllegalArgumentException("no requests to load the backends with");
        }
        Map<String, LoadBudgets.Route> routes = new LinkedHashMap<>();
        for (RecordedRequest r : traffic) {
            String name = table.endpointOf(r.method(), r.path()).toString();
            Optional<RouteConfig> config = table.find(r.method(), r.path()).map(RouteTable.Entry::value);
            routes.computeIfAbsent(name, n -> new LoadBudgets.Route(
                    config.map(c -> c.budgets().over(suiteBudgets)).orElse(suiteBudgets),
                    config.map(c -> c.kind().equals("ml")).orElse(false),
                    config.map(c -> c.budgets().p95Ms() != null || c.budgets().p99Ms() != null).orElse(false)));
        }
        LoadBudgets budgets = new LoadBudgets(suiteBudgets, routes);
        List<LoadRequest> forPrimary = requestsFor(backends.primary(), traffic, table);
        List<LoadRequest> forCandidate = requestsFor(backends.candidate(), traffic, table);
        if (!settings.warmup().isZero()) {
            out.printf("warm-up   primary and candidate, %s, not measured ...%n", seconds(settings.warmup()));
            out.flush();
            long sent;
            if (GrpcLoad.applies(backends.primary(), forPrimary) && GrpcLoad.applies(backends.candidate(), forCandidate)) {
                sent = 0; // gRPC over HTTP/2: warmed by the same driver that measures it, and not measured
                try {
                    for (BackendConfig b : List.of(backends.primary(), backends.candidate())) {
                        sent = GrpcLoad.run(b, b == backends.primary() ? forPrimary : forCandidate, 8, Duration.ZERO,
                                settings.warmup(), Duration.ZERO, settings.requestTimeout()).get(GatlingReport.ALL_REQUESTS).count();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            } else {
                sent = Warmup.run(List.of(forPrimary, forCandidate), List.of(backends.primary(), backends.candidate()),
                        settings.warmup(), 8, settings.requestTimeout());
            }
            out.printf("warm-up   %,d requests to each%n", sent);
        }
        List<LoadResult.Step> steps = new ArrayList<>();
        List<LoadResult.BudgetCheck> checks = new ArrayList<>();
        for (int users : settings.users()) {
            List<LoadResult.Step> primary = new ArrayList<>();
            List<LoadResult.Step> candidate = new ArrayList<>();
            primary.add(step("primary", 1, backends.primary(), users, forPrimary, List.of(), dir));
            candidate.add(step("candidate", 1, backends.candidate(), users, forCandidate, budgets.gatlingAssertions(), dir));
            if (settings.balanced()) {
                candidate.add(step("candidate", 2, backends.candidate(), users, forCandidate, budgets.gatlingAssertions(), dir));
                primary.add(step("primary", 2, backends.primary(), users, forPrimary, List.of(), dir));
                for (List<LoadResult.Step> passes : List.of(primary, candidate)) {
                    LoadStats a = passes.get(0).all();
                    LoadStats b = passes.get(1).all();
                    out.printf(Locale.ROOT, "passes    %-9s %4d users: p95 %.0f and %.0f ms, %,.1f and %,.1f req/s%n",
                            passes.get(0).backend(), users, a.p95Ms(), b.p95Ms(), a.requestsPerSecond(), b.requestsPerSecond());
                }
            }
            steps.addAll(primary.subList(0, 1));
            steps.addAll(candidate);
            steps.addAll(primary.subList(1, primary.size()));
            if (settings.proxy() != null) {
                LoadResult.Step proxied = step("proxy", 1, BackendConfig.of(settings.proxy().toString()), users, forPrimary,
                        List.of(), dir);
                steps.add(proxied);
                LoadStats p = LoadBudgets.merged(primary.stream().map(LoadResult.Step::all).toList());
                out.printf(Locale.ROOT, "overhead  proxy %d users: p95 %.0f ms vs the primary's %.0f ms, %,.1f vs %,.1f req/s%n",
                        users, proxied.all().p95Ms(), p.p95Ms(), proxied.all().requestsPerSecond(), p.requestsPerSecond());
            }
            for (LoadResult.BudgetCheck c : budgets.evaluate(users, primary, candidate)) {
                checks.add(c);
                out.printf("budget    %s  %s: %s (needs %s)%n", c.passed() ? "pass" : "FAIL", c.name(), c.actual(), c.threshold());
            }
            out.flush();
        }
        LoadResult result = new LoadResult(LoadResult.SCHEMA_VERSION, suite, settings.users(),
                settings.ramp().toMillis() / 1000.0, settings.hold().toMillis() / 1000.0, settings.think().toMillis(),
                steps, checks);
        result.write(dir);
        return result;
    }

    /** A step of gRPC calls, on {@link GrpcLoad}'s driver (Gatling cannot reach h2c nor read grpc-status). */
    private LoadResult.Step grpcStep(String backend, int pass, BackendConfig target, int users, List<LoadRequest> requests) {
        Map<String, LoadStats> stats;
        try {
            stats = GrpcLoad.run(target, requests, users, settings.ramp(), settings.hold(), settings.think(),
                    settings.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        LoadStats all = stats.remove(GatlingReport.ALL_REQUESTS);
        out.printf(Locale.ROOT, "load      %-9s %4d users: %,.1f req/s, p95 %.0f ms, p99 %.0f ms, errors %.2f%%  (gRPC: parity's HTTP/2 driver)%n",
                backend, users, all.requestsPerSecond(), all.p95Ms(), all.p99Ms(), all.errorRate() * 100);
        out.flush();
        return new LoadResult.Step(backend, users, pass, null, all, stats, List.of());
    }

    private static List<LoadRequest> requestsFor(BackendConfig target, List<RecordedRequest> traffic,
                                                 RouteTable<RouteConfig> table) {
        return traffic.stream().map(r -> new LoadRequest(table.endpointOf(r.method(), r.path()).toString(), r.method(),
                target.rewrite(r.uri()), headersFor(r.headers(), target), r.body().length == 0 ? null : r.body())).toList();
    }

    private static String baseUrl(BackendConfig target) {
        return BackendConfig.under(target.url().toString(), "");
    }

    private LoadResult.Step step(String backend, int pass, BackendConfig target, int users, List<LoadRequest> requests,
                                 List<LoadPlan.GatlingAssertion> assertions, Path dir) {
        BackendTls tls = target.tls();
        LoadPlan plan = new LoadPlan(backend, baseUrl(target), users, settings.ramp().toMillis(), settings.hold().toMillis(),
                settings.think().toMillis(), requests, assertions,
                tls == null || tls.clientCert() == null ? null : tls.clientCert().toString(),
                tls == null || tls.clientKey() == null ? null : tls.clientKey().toString(),
                target.protocol() == BackendConfig.Protocol.h2);
        boolean grpc = GrpcLoad.applies(target, requests);
        if (target.protocol() == BackendConfig.Protocol.h2c && !grpc) {
            out.printf("load      %s is h2c, which Gatling does not speak: it is loaded over HTTP/1.1%n", backend);
        }
        String folder = backend + "-" + users + (pass == 1 ? "" : "-pass" + pass);
        out.printf("load      %-9s %4d users: ramp %s, hold %s%s ...%n", backend, users, seconds(settings.ramp()),
                seconds(settings.hold()), pass == 1 ? "" : " (second pass)");
        out.flush();
        if (grpc) {
            return grpcStep(backend, pass, target, users, requests);
        }
        GatlingRunner.Run run = gatling.run(plan, dir.resolve("gatling").resolve(folder));
        LoadStats all = run.all();
        out.printf(Locale.ROOT, "load      %-9s %4d users: %,.1f req/s, p95 %.0f ms, p99 %.0f ms, errors %.2f%%  -> %s%n",
                backend, users, all.requestsPerSecond(), all.p95Ms(), all.p99Ms(), all.errorRate() * 100,
                dir.resolve("gatling").resolve(folder).resolve("index.html"));
        out.flush();
        Map<String, LoadStats> perRoute = new LinkedHashMap<>(run.stats());
        perRoute.remove(GatlingReport.ALL_REQUESTS);
        return new LoadResult.Step(backend, users, pass, "gatling/" + folder + "/index.html", all, perRoute, run.assertions());
    }

    /** {@link BackendConfig#headersFor} as one value per name, repeated headers joined as HTTP allows. */
    static Map<String, String> headersFor(Headers own, BackendConfig backend) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Headers.Header h : backend.headersFor(own).entries()) {
            out.merge(h.name(), h.value(), (a, b) -> a + (h.name().equalsIgnoreCase("cookie") ? "; " : ", ") + b);
        }
        return out;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
