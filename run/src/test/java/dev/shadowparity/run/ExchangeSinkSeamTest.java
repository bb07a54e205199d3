package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.proxy.ProxySetup;
import dev.shadowparity.proxy.ShadowProxy;
import dev.shadowparity.scenarios.ReplayEngine;
import dev.shadowparity.scenarios.ReplayRequest;
import dev.shadowparity.scenarios.ReplaySetup;
import dev.shadowparity.testkit.RawServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The seam between the engines and the compare stage: the proxy and a replay, given the same request, hand the same
 * exchange to one {@link ExchangeSink}, endpoint taken from the run's one route table; the compare pipeline behind
 * that seam judges both alike.
 */
class ExchangeSinkSeamTest {

    /** Keeps what it is handed and reports each as recorded at once: the sink an engine needs, nothing more. */
    static final class RecordingSink implements ExchangeSink {
        final List<Exchange> received = new CopyOnWriteArrayList<>();

        @Override
        public void submit(Exchange x, Consumer<ExchangeResult> recorded) {
            received.add(x);
            recorded.accept(new ExchangeResult(x, Outcome.DROPPED, "recorded only", List.of()));
        }
    }

    private static String json(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Test
    void theProxyAndAReplayHandTheSameExchangeToOneSink() throws Exception {
        try (RawServer primary = new RawServer(json("{\"id\":7,\"v\":1}"));
             RawServer candidate = new RawServer(json("{\"id\":7,\"v\":2}"))) {
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    backends:
                      primary: { url: "%s" }
                      candidate: { url: "%s" }
                    proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                    routes:
                      - route: GET /items/{id}
                    """.formatted(primary.url(), candidate.url()), "seam.yaml");
            RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
            RecordingSink sink = new RecordingSink();

            ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, routes), sink, new Ledger());
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/items/7?view=full")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).isEqualTo("{\"id\":7,\"v\":1}");
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == 1);
            } finally {
                proxy.close();
            }

            new ReplayEngine(ReplaySetup.of(suite, routes), sink, Duration.ofSeconds(5)).run(List.of(
                    new ReplayRequest("GET", "/items/7?view=full", Headers.EMPTY, new byte[0], "seam.jsonl:1")), 1, 0, false,
                    (done, withRegression) -> { });
            assertThat(sink.received).hasSize(2);

            Exchange proxied = sink.received.get(0);
            Exchange replayed = sink.received.get(1);
            for (Exchange x : List.of(proxied, replayed)) {
                assertThat(x.endpoint().toString()).isEqualTo("GET /items/{id}");
                assertThat(x.request().method()).isEqualTo("GET");
                assertThat(x.request().uri()).isEqualTo("/items/7?view=full");
                assertThat(body(x.primary())).isEqualTo("{\"id\":7,\"v\":1}");
                assertThat(body(x.candidate())).isEqualTo("{\"id\":7,\"v\":2}");
                assertThat(x.secondary()).isNull();
            }

            // Behind the seam, the run's compare stage judges the two alike: one value difference at $.v each.
            Ledger ledger = new Ledger();
            try (ComparePipeline pipeline = new ComparePipeline(new ExchangeComparator(routes, suite.noise(), suite.maxDecodedBody())::compare,
                    ledger, null, 1, 4)) {
                sink.received.forEach(pipeline::submit);
            }
            EndpointStats.Snapshot items = ledger.snapshot().get(0);
            assertThat(items.compared()).isEqualTo(2);
            assertThat(items.regressions()).singleElement().satisfies(f -> {
                assertThat(f.key().path()).isEqualTo("$.v");
                assertThat(f.regressions()).isEqualTo(2);
            });
        }
    }

    private static String body(BackendReply reply) {
        assertThat(reply).isInstanceOf(BackendReply.Responded.class);
        return new String(((BackendReply.Responded) reply).response().body(), StandardCharsets.UTF_8);
    }
}
