package dev.shadowparity.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.compare.EndpointStats;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTemplate;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a run's ledger into a verdict: promote only when every endpoint meets the parity threshold, the
 * candidate's error rate is within budget and every endpoint the suite lists was exercised.
 */
public final class Gate {

    private final SuiteConfig config;
    private final Redactor redactor;

    public Gate(SuiteConfig config) {
        this.config = config;
        this.redactor = new Redactor(config.redact());
    }

    /** Thrown when the run cannot be judged at all (nothing was compared); the gate's exit code is 2. */
    public static final class InvalidRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidRunException(String message) {
            super(message);
        }
    }

    public Verdict evaluate(List<EndpointStats.Snapshot> endpoints) {
        long exchanges = endpoints.stream().mapToLong(EndpointStats.Snapshot::exchanges).sum();
        long compared = endpoints.stream().mapToLong(EndpointStats.Snapshot::compared).sum();
        if (compared == 0) {
            Map<String, Long> why = reasons(endpoints);
            throw new InvalidRunException(exchanges == 0
                    ? "no exchange was recorded: no request reached the proxy or none was mirrored"
                    : "none of " + exchanges + " exchanges could be compared: " + why);
        }
        List<Verdict.Check> checks = new ArrayList<>();
        List<Verdict.EndpointVerdict> perEndpoint = new ArrayList<>();
        double minParity = config.gate().minParity();
        long candidateErrors = 0;
        for (EndpointStats.Snapshot s : endpoints) {
            perEndpoint.add(endpointVerdict(s));
            candidateErrors += s.candidateErrors();
            if (s.compared() > 0) {
                checks.add(new Verdict.Check("parity " + s.endpoint(), ">= " + percent(minParity),
                        percent(s.parityRate()), s.parityRate() >= minParity));
            }
        }
        double errorRate = (double) candidateErrors / exchanges;
        checks.add(new Verdict.Check("candidate error rate", "<= " + percent(config.budgets().errorRate()),
                percent(errorRate) + " (" + candidateErrors + " of " + exchanges + ")",
                errorRate <= config.budgets().errorRate()));
        List<String> unexercised = unexercised(endpoints);
        checks.add(new Verdict.Check("coverage", "every suite route exercised",
                unexercised.isEmpty() ? "all " + config.routes().size() + " routes seen" : "never seen: " + String.join(", ", unexercised),
                unexercised.isEmpty()));
        boolean promote = checks.stream().allMatch(Verdict.Check::passed);
        long withRegression = endpoints.stream().mapToLong(EndpointStats.Snapshot::withRegression).sum();
        return new Verdict(Verdict.SCHEMA_VERSION, config.suite(), promote ? Verdict.PROMOTE : Verdict.HOLD,
                new Verdict.Totals(exchanges, compared, withRegression, reasons(endpoints)), perEndpoint, checks);
    }

    private List<String> unexercised(List<EndpointStats.Snapshot> endpoints) {
        Set<String> seen = endpoints.stream().filter(s -> s.compared() > 0)
                .map(s -> s.endpoint().toString()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (RouteConfig r : config.routes()) {
            RouteTemplate t = RouteTemplate.parse(r.route());
            boolean hit = seen.stream().anyMatch(e -> t.method().equals("*")
                    ? e.endsWith(" " + t.template()) : e.equals(t.toString()));
            if (!hit) {
                missing.add(r.route());
            }
        }
        return missing;
    }

    private Verdict.EndpointVerdict endpointVerdict(EndpointStats.Snapshot s) {
        Map<String, Long> dropped = new TreeMap<>();
        s.reasons().forEach(dropped::put);
        List<Verdict.FieldCount> regressions = s.regressions().stream()
                .map(f -> field(f, f.regressions(), null)).toList();
        List<Verdict.FieldCount> noise = s.noise().stream()
                .map(f -> field(f, f.noiseCount(), f.noiseReason())).toList();
        return new Verdict.EndpointVerdict(s.endpoint().toString(), s.exchanges(), s.compared(), s.candidateErrors(), dropped,
                round(s.parityRate()), regressions, noise);
    }

    private Verdict.FieldCount field(EndpointStats.FieldSnapshot f, long count, String reason) {
        ObjectNode example = null;
        if (!f.samples().isEmpty()) {
            EndpointStats.Sample sample = f.samples().get(0);
            boolean secret = redactor.isSecretPath(sample.path());
            example = JsonNodeFactory.instance.objectNode();
            example.put("exchangeId", sample.exchangeId());
            example.put("path", sample.path());
            example.set("primary", mask(sample.primary(), secret));
            example.set("candidate", mask(sample.candidate(), secret));
        }
        return new Verdict.FieldCount(f.key().path(), f.key().kind().label(), count, reason, example);
    }

    private static JsonNode mask(JsonNode value, boolean secret) {
        return secret && value != null ? JsonNodeFactory.instance.textNode(Redactor.MASK) : value;
    }

    private static Map<String, Long> reasons(List<EndpointStats.Snapshot> endpoints) {
        Map<String, Long> all = new LinkedHashMap<>();
        endpoints.forEach(s -> s.reasons().forEach((k, v) -> all.merge(k, v, Long::sum)));
        return all;
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
