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

    private final ProxyMetrics metrics;

    AdminHandler(ProxyContext proxy, ProxyMetrics metrics) {
        this.metrics = metrics;
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
            response = text(HttpResponseStatus.OK, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
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
