package dev.shadowparity.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import dev.shadowparity.core.tls.ClientTls;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;

/**
 * The Gatling simulation every {@code parity load} step runs, in a forked JVM: closed injection (ramp to the
 * plan's users, then hold), each virtual user looping over the plan's requests in turn until the run ends.
 *
 * <p>A request counts as failed when the backend does not answer or answers 5xx: a 404 the primary also gives
 * is behaviour, not an error, so Gatling's default "2xx or 304" check is replaced.
 */
public final class ParitySimulation extends Simulation {

    /** The system property naming the {@link LoadPlan} file. */
    public static final String PLAN_PROPERTY = "parity.load.plan";

    public ParitySimulation() {
        LoadPlan plan = LoadPlan.read(Path.of(System.getProperty(PLAN_PROPERTY)));
        List<ClosedInjectionStep> injection = new ArrayList<>();
        if (plan.rampMillis() > 0) {
            injection.add(rampConcurrentUsers(0).to(plan.users()).during(Duration.ofMillis(plan.rampMillis())));
        }
        injection.add(constantConcurrentUsers(plan.users()).during(Duration.ofMillis(Math.max(1, plan.holdMillis()))));
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl()).disableWarmUp().disableCaching().disableFollowRedirect();
        if (plan.http2()) {
            protocol = protocol.enableHttp2(); // h2 by ALPN; each virtual user its own connection, as a browser would
        }
        if (plan.clientCert() != null) {
            // Gatling trusts any server certificate (its default: load measures speed, not identity), and shows a
            // backend that asks for one the backend's own client certificate.
            KeyManagerFactory keys = ClientTls.of(null, true, Path.of(plan.clientCert()), Path.of(plan.clientKey()))
                    .keyManagerFactory();
            protocol = protocol.perUserKeyManagerFactory(user -> keys);
        }
        setUp(scenarioOf(plan).injectClosed(injection))
                .protocols(protocol)
                .maxDuration(Duration.ofMillis(plan.rampMillis() + Math.max(1, plan.holdMillis())))
                .assertions(plan.assertions().stream().map(ParitySimulation::assertion).toList());
    }

    /**
     * Gatling fixes a request's method and header names when the chain is built, and takes their values from
     * the session; so requests are grouped by method, header names and whether they have a body, and each
     * feeder record names its group.
     */
    private static ScenarioBuilder scenarioOf(LoadPlan plan) {
        Map<String, ChainBuilder> groups = new LinkedHashMap<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (LoadRequest r : plan.requests()) {
            List<String> names = new ArrayList<>(new TreeSet<>(r.headers().keySet()));
            String group = r.method() + " " + names + (r.body() == null ? "" : " +body");
            groups.computeIfAbsent(group, g -> requestChain(r.method(), names, r.body() != null));
            Map<String, Object> record = new HashMap<>();
            record.put("group", group);
            record.put("name", r.name());
            record.put("uri", r.uri());
            for (int i = 0; i < names.size(); i++) {
                record.put("h" + i, r.headers().get(names.get(i)));
            }
            if (r.body() != null) {
                record.put("body", r.body());
            }
            records.add(record);
        }
        ChainBuilder step = CoreDsl.feed(listFeeder(records).circular());
        if (groups.size() == 1) {
            step = step.exec(groups.values().iterator().next());
        } else {
            List<Choice.WithKey> choices = new ArrayList<>();
            groups.forEach((group, chain) -> choices.add(onCase(group).then(chain)));
            step = step.doSwitch(session -> session.getString("group")).on(choices);
        }
        if (plan.thinkMillis() > 0) {
            step = step.pause(Duration.ofMillis(plan.thinkMillis()));
        }
        return scenario(plan.backend()).forever().on(step);
    }

    private static ChainBuilder requestChain(String method, List<String> headerNames, boolean body) {
        HttpRequestActionBuilder request = http(session -> session.getString("name"))
                .httpRequest(method, session -> session.getString("uri"));
        for (int i = 0; i < headerNames.size(); i++) {
            String key = "h" + i;
            request = request.header(headerNames.get(i), session -> session.getString(key));
        }
        if (body) {
            request = request.body(ByteArrayBody(session -> (byte[]) session.get("body")));
        }
        return CoreDsl.exec(request.check(status().lt(500)));
    }

    private static Assertion assertion(LoadPlan.GatlingAssertion a) {
        var path = a.request() == null ? global() : details(a.request());
        return switch (a.metric()) {
            case P95_MS -> path.responseTime().percentile(95.0).lte((int) Math.floor(a.limit()));
            case P99_MS -> path.responseTime().percentile(99.0).lte((int) Math.floor(a.limit()));
            case ERROR_PERCENT -> path.failedRequests().percent().lte(a.limit());
            case REQUESTS_PER_SECOND -> path.requestsPerSec().gte(a.limit());
        };
    }
}
