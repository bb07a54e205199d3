package dev.shadowparity.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.core.Outcome;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Last in the admin pipeline: {@code GET /health}, {@code GET /metrics} (Prometheus text 0.0.4),
 * {@code GET /stats} (ledger per endpoint), {@code GET /config} (secrets redacted) and
 * {@code POST /mirror?percent=N} (sampling changed at runtime).
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProxyContext proxy;

    AdminHandler(ProxyContext proxy) {
        this.proxy = proxy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        boolean get = request.method().equals(HttpMethod.GET);
        FullHttpResponse response;
        if (get && path.equals("/health")) {
            var log = proxy.sink().logHealth();
            // Degraded, not down: clients are served and the ledger is whole; the log on disk is not.
            ObjectNode o = JSON.createObjectNode().put("status", log.degraded() ? "degraded" : "up")
                    .put("mirrorPercent", proxy.policy().percent())
                    .put("mirrorsInFlight", proxy.candidate().inFlight());
            o.putObject("exchangeLog").put("linesWritten", log.written()).put("linesNotWritten", log.notWritten())
                    .put("problem", log.problem());
            response = json(HttpResponseStatus.OK, o);
        } else if (get && path.equals("/metrics")) {
            response = text(HttpResponseStatus.OK, metrics(), "text/plain; version=0.0.4; charset=utf-8");
        } else if (get && path.equals("/stats")) {
            response = json(HttpResponseStatus.OK, stats());
        } else if (get && path.equals("/config")) {
            response = json(HttpResponseStatus.OK, proxy.setup().shownConfig());
        } else if (path.equals("/mirror") && request.method().equals(HttpMethod.POST)) {
            response = setPercent(uri.parameters().get("percent"));
        } else if (List.of("/health", "/metrics", "/stats", "/config", "/mirror").contains(path)) {
            response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " is not allowed on " + path);
        } else {
            response = error(HttpResponseStatus.NOT_FOUND, "no admin endpoint " + path
                    + "; try /health, /metrics, /stats, /config or POST /mirror?percent=N");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse setPercent(List<String> values) {
        if (values == null || values.size() != 1) {
            return error(HttpResponseStatus.BAD_REQUEST, "give exactly one percent, e.g. POST /mirror?percent=25");
        }
        try {
            double p = Double.parseDouble(values.get(0));
            proxy.policy().percent(p);
            return json(HttpResponseStatus.OK, JSON.createObjectNode().put("mirrorPercent", p));
        } catch (NumberFormatException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "percent '" + values.get(0) + "' is not a number");
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private String metrics() {
        ProxyContext.Counters c = proxy.counters();
        StringBuilder m = new StringBuilder(4096);
        counter(m, "parity_requests_total", "Client requests received by the proxy.", c.requests.sum());
        counter(m, "parity_requests_rejected_total", "Client requests answered 400 or 431 without reaching a backend.", c.rejected.sum());
        var log = proxy.sink().logHealth();
        counter(m, "parity_exchange_log_lines_written_total", "Lines written to exchanges.jsonl.", log.written());
        counter(m, "parity_exchange_log_lines_not_written_total", "Lines that could not be written to exchanges.jsonl (disk full, I/O error).",
                log.notWritten());
        counter(m, "parity_client_header_timeouts_total", "Client connections closed with 408: no whole request within the header timeout.",
                c.headerTimeouts.sum());
        counter(m, "parity_client_keepalive_timeouts_total", "Idle client keep-alive connections closed after the keep-alive timeout.",
                c.keepAliveTimeouts.sum());
        counter(m, "parity_client_connections_refused_total", "Client connections refused with 503 beyond the connection cap.",
                c.refusedConnections.sum());
        counter(m, "parity_client_aborts_total", "Clients gone before their answer was relayed whole; the primary's connection was cut.",
                c.clientAborts.sum());
        counter(m, "parity_primary_errors_total", "Client requests answered 502 or 504 because the primary failed.", c.primaryErrors.sum());
        counter(m, "parity_mirrored_total", "Requests mirrored to the candidate.", c.mirrored.sum());
        counter(m, "parity_not_mirrored_total", "Requests not mirrored (method, route or sampling).", c.notMirrored.sum());
        gauge(m, "parity_mirror_buffered_bytes", "Answer bytes of mirrors held in memory now (bounded by mirror.maxBuffered).",
                proxy.candidate().bufferedBytes());
        gauge(m, "parity_mirror_percent", "Share of eligible requests mirrored.", proxy.policy().percent());
        gauge(m, "parity_mirrors_in_flight", "Mirrors under way.", proxy.candidate().inFlight()
                + (proxy.secondary() == null ? 0 : proxy.secondary().inFlight()));

        List<EndpointStats.Snapshot> endpoints = proxy.ledger().snapshot();
        m.append("# HELP parity_exchanges_total Mirrored exchanges by endpoint and outcome.\n# TYPE parity_exchanges_total counter\n");
        for (EndpointStats.Snapshot s : endpoints) {
            for (Outcome o : Outcome.values()) {
                m.append("parity_exchanges_total{endpoint=\"").append(escape(s.endpoint().toString())).append("\",outcome=\"")
                        .append(o.label()).append("\"} ").append(s.outcomes().getOrDefault(o, 0L)).append('\n');
            }
        }
        m.append("# HELP parity_exchanges_not_compared_total Exchanges not compared, by reason.\n# TYPE parity_exchanges_not_compared_total counter\n");
        for (EndpointStats.Snapshot s : endpoints) {
            for (Map.Entry<String, Long> r : s.reasons().entrySet()) {
                m.append("parity_exchanges_not_compared_total{endpoint=\"").append(escape(s.endpoint().toString()))
                        .append("\",reason=\"").append(escape(r.getKey())).append("\"} ").append(r.getValue()).append('\n');
            }
        }
        m.append("# HELP parity_exchanges_with_regression_total Compared exchanges with at least one real difference.\n"
                + "# TYPE parity_exchanges_with_regression_total counter\n");
        for (EndpointStats.Snapshot s : endpoints) {
            m.append("parity_exchanges_with_regression_total{endpoint=\"").append(escape(s.endpoint().toString()))
                    .append("\"} ").append(s.withRegression()).append('\n');
        }
        m.append("# HELP parity_differences_total Differences by endpoint, field, kind and whether they are noise.\n"
                + "# TYPE parity_differences_total counter\n");
        for (EndpointStats.Snapshot s : endpoints) {
            for (EndpointStats.FieldSnapshot f : s.fields()) {
                String base = "parity_differences_total{endpoint=\"" + escape(s.endpoint().toString()) + "\",path=\""
                        + escape(f.key().path()) + "\",kind=\"" + f.key().kind().label() + "\",noise=\"";
                m.append(base).append("false\"} ").append(f.regressions()).append('\n');
                m.append(base).append("true\"} ").append(f.noiseCount()).append('\n');
            }
        }
        m.append("# HELP parity_backend_latency_seconds Time to a backend's complete response.\n"
                + "# TYPE parity_backend_latency_seconds histogram\n");
        c.primaryLatency.appendTo(m, "parity_backend_latency_seconds", "backend=\"primary\"");
        c.candidateLatency.appendTo(m, "parity_backend_latency_seconds", "backend=\"candidate\"");
        if (proxy.secondary() != null) {
            c.secondaryLatency.appendTo(m, "parity_backend_latency_seconds", "backend=\"secondary\"");
        }
        return m.toString();
    }

    private static void counter(StringBuilder m, String name, String help, long value) {
        m.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder m, String name, String help, double value) {
        m.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private ObjectNode stats() {
        ObjectNode root = JSON.createObjectNode();
        root.put("mirrorPercent", proxy.policy().percent());
        ArrayNode list = root.putArray("endpoints");
        for (EndpointStats.Snapshot s : proxy.ledger().snapshot()) {
            ObjectNode e = list.addObject();
            e.put("endpoint", s.endpoint().toString());
            e.put("exchanges", s.exchanges());
            e.put("compared", s.compared());
            e.put("withRegression", s.withRegression());
            e.put("parityRate", s.parityRate());
            ObjectNode notCompared = e.putObject("notCompared");
            s.reasons().forEach(notCompared::put);
            ArrayNode fields = e.putArray("fields");
            for (EndpointStats.FieldSnapshot f : s.fields()) {
                fields.addObject().put("path", f.key().path()).put("kind", f.key().kind().label())
                        .put("count", f.count()).put("noise", f.noiseCount());
            }
            e.set("primaryLatencyMs", JSON.valueToTree(s.primaryLatency()));
            e.set("candidateLatencyMs", JSON.valueToTree(s.candidateLatency()));
        }
        return root;
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return text(status, JSON.writeValueAsString(body) + "\n", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"cannot serialise\"}\n", "application/json");
        }
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }
}
