package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A parity suite as {@code parity.yaml} declares it. {@code reset} (optional) is how a replay restores the
 * backends' state first; {@code traffic} (optional) are inline requests a replay sends when no file is given,
 * in the JSONL request format. Absent sections get the documented defaults, so
 * {@code SuiteConfig.minimal(primary, candidate)} is a complete, runnable suite. {@code protoset} (optional) is a
 * protobuf descriptor set ({@code protoc --include_imports --descriptor_set_out}) by which gRPC messages are read;
 * {@code reflection} (optional, instead) names the backend whose gRPC server reflection gives them at the run's start.
 * {@code openapi} (optional) is an OpenAPI 3.0 or 3.1 spec: its operations become the routes (the suite's {@code routes}
 * add rules to them, or routes the spec lacks) and every compared answer is held to it.
 */
public record SuiteConfig(
        String suite,
        @JsonProperty(required = true) Backends backends,
        ProxySettings proxy,
        List<RouteConfig> routes,
        NoiseSettings noise,
        Budgets budgets,
        GateSettings gate,
        RedactionSettings redact,
        ExchangeLogSettings exchangeLog,
        ResetHook reset,
        List<com.fasterxml.jackson.databind.JsonNode> traffic,
        CompareSettings compare,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = FilePathDeserializer.class)
        @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.fasterxml.jackson.databind.ser.std.ToStringSerializer.class)
        java.nio.file.Path protoset,
        String reflection,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = FilePathDeserializer.class)
        @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.fasterxml.jackson.databind.ser.std.ToStringSerializer.class)
        java.nio.file.Path openapi) {

    public SuiteConfig {
        suite = suite == null || suite.isBlank() ? "parity" : suite;
        proxy = proxy == null ? ProxySettings.DEFAULT : proxy;
        routes = routes == null ? List.of() : List.copyOf(routes);
        noise = noise == null ? NoiseSettings.DEFAULT : noise;
        budgets = budgets == null ? Budgets.DEFAULT : budgets;
        gate = gate == null ? GateSettings.DEFAULT : gate;
        redact = redact == null ? RedactionSettings.DEFAULT : redact;
        exchangeLog = exchangeLog == null ? ExchangeLogSettings.DEFAULT : exchangeLog;
        traffic = traffic == null ? List.of() : List.copyOf(traffic);
        compare = compare == null ? CompareSettings.DEFAULT : compare;
        if (reflection != null && !List.of("primary", "candidate", "secondary").contains(reflection)) {
            throw new IllegalArgumentException("reflection names the backend to ask: primary, candidate or secondary, got '"
                    + reflection + "'");
        }
        if (reflection != null && protoset != null) {
            throw new IllegalArgumentException("give 'protoset' (a descriptor file) or 'reflection' (ask a backend), not both");
        }
        if (protoset != null && !java.nio.file.Files.isReadable(protoset)) {
            throw new IllegalArgumentException("protoset " + protoset + ": "
                    + (java.nio.file.Files.exists(protoset) ? "cannot be read" : "file not found"));
        }
        if (openapi != null && !java.nio.file.Files.isReadable(openapi)) {
            throw new IllegalArgumentException("openapi " + openapi + ": "
                    + (java.nio.file.Files.exists(openapi) ? "cannot be read" : "file not found"));
        }
    }

    public static SuiteConfig minimal(BackendConfig primary, BackendConfig candidate) {
        return new SuiteConfig(null, new Backends(primary, null, candidate), null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public SuiteConfig withBackends(Backends b) {
        return new SuiteConfig(suite, b, proxy, routes, noise, budgets, gate, redact, exchangeLog, reset, traffic, compare, protoset, reflection, openapi);
    }

    /** The most a compressed body may decode to before it is compared: {@code compare.maxDecodedBody}, else the capture limit. */
    public long maxDecodedBody() {
        return (compare.maxDecodedBody() != null ? compare.maxDecodedBody() : proxy.captureLimit()).bytes();
    }

    /** The suite with these routes: those of its contract merged with its own, once the contract is read. */
    public SuiteConfig withRoutes(List<RouteConfig> r) {
        return new SuiteConfig(suite, backends, proxy, r, noise, budgets, gate, redact, exchangeLog, reset, traffic, compare, protoset, reflection, openapi);
    }

    public SuiteConfig withProxy(ProxySettings p) {
        return new SuiteConfig(suite, backends, p, routes, noise, budgets, gate, redact, exchangeLog, reset, traffic, compare, protoset, reflection, openapi);
    }
}
