package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stateful pair: each user's cart, where the rewrite applies a write 150 ms after it is sent (a slower store). A
 * user adds an item and reads the cart right after the primary's answer. Mirrored as requests arrive, the read
 * reaches the candidate before the write is applied: false differences. Ordered by the user's header, or by the
 * client's connection, every read follows its write and the pair agrees.
 */
class OrderedMirrorsTest {

    private static final int USERS = 4;
    private static final int ROUNDS = 5;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService backendThreads = Executors.newCachedThreadPool();
    private ShadowProxy proxy;
    private ComparePipeline pipeline;

    /** A cart service; {@code writeDelayMs} before a write is applied (and answered). */
    private HttpServer cart(long writeDelayMs) throws IOException {
        Map<String, List<Integer>> carts = new ConcurrentHashMap<>();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(backendThreads);
        s.createContext("/api/cart", x -> {
            String user = x.getRequestHeaders().getFirst("X-User");
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<Integer> items = carts.computeIfAbsent(user, u -> new ArrayList<>());
            if (x.getRequestMethod().equals("POST")) {
                sleep(writeDelayMs);
                synchronized (items) {
                    items.add(Integer.parseInt(body.replaceAll("\\D", "")));
                }
                answer(x, "{\"added\":true}");
            } else {
                synchronized (items) {
                    answer(x, "{\"items\":" + items + "}");
                }
            }
        });
        s.start();
        servers.add(s);
        return s;
    }

    private static void answer(HttpExchange x, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Ledger start(HttpServer primary, HttpServer candidate, String mirrorYaml) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "http://127.0.0.1:%d" }
                  candidate: { url: "http://127.0.0.1:%d" }
                routes:
                  - route: POST /api/cart/items
                    mirrorWrites: true
                  - route: GET /api/cart
                proxy:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  mirror: { timeout: 5s%s }
                """.formatted(primary.getAddress().getPort(), candidate.getAddress().getPort(), mirrorYaml), "cart.yaml");
        Ledger ledger = new Ledger();
        pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 1000);
        proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        return ledger;
    }

    /** Starts the proxy with {@code orderBy} (or none), runs every user's rounds, and returns the cart reads' stats. */
    private EndpointStats.Snapshot run(String orderBy) throws Exception {
        HttpServer primary = cart(0);
        HttpServer candidate = cart(150);
        Ledger ledger = start(primary, candidate, orderBy == null ? "" : ", orderBy: \"" + orderBy + "\"");
        String base = "http://127.0.0.1:" + proxy.address().getPort();
        ExecutorService clients = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String user = "user-" + u;
                done.add(clients.submit(() -> {
                    // One client (so one connection) per user, as a browser tab would be.
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int i = 0; i < ROUNDS; i++) {
                        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cart/items"))
                                .header("X-User", user).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":" + i + "}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(added.statusCode()).isEqualTo(200);
                        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cart"))
                                .header("X-User", user).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(read.body()).as("the client reads the primary's cart").contains(i + "]");
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.exchanges() == 2L * USERS * ROUNDS);
        return ledger.snapshot().stream().filter(e -> e.endpoint().equals(EndpointKey.parse("GET /api/cart")))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
            pipeline.close();
        }
        servers.forEach(s -> s.stop(0));
        backendThreads.shutdownNow();
    }

    @Test
    void mirroredAsTheyArriveAReadOvertakesItsWriteOnTheCandidate() throws Exception {
        EndpointStats.Snapshot reads = run(null);
        assertThat(reads.compared()).isEqualTo(USERS * ROUNDS);
        assertThat(reads.withRegression()).as("reads that reached the candidate before their write")
                .isGreaterThan(USERS * ROUNDS / 2);
    }

    @Test
    void orderedByTheUsersHeaderEveryReadFollowsItsWrite() throws Exception {
        EndpointStats.Snapshot reads = run("header:X-User");
        assertThat(reads.compared()).isEqualTo(USERS * ROUNDS);
        assertThat(reads.withRegression()).isZero();
    }

    @Test
    void orderedByTheClientsConnectionEveryReadFollowsItsWrite() throws Exception {
        EndpointStats.Snapshot reads = run("client-connection");
        assertThat(reads.compared()).isEqualTo(USERS * ROUNDS);
        assertThat(reads.withRegression()).isZero();
    }

    @Test
    void aKeysWaitingMirrorsAreBoundedAndThoseBeyondAreDroppedWithTheReason() throws Exception {
        HttpServer primary = cart(0);
        HttpServer candidate = cart(600);
        Ledger ledger = start(primary, candidate, ", orderBy: \"header:X-User\", maxQueuedPerKey: 2");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + proxy.address().getPort() + "/api/cart/items")).header("X-User", "busy")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":" + i + "}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as("the client never waits for the lane").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.exchanges() == 6);
        EndpointStats.Snapshot writes = ledger.snapshot().get(0);
        assertThat(writes.compared()).as("one sent at once, two waiting behind it").isEqualTo(3);
        assertThat(writes.reasons()).containsEntry(
                "dropped: candidate: ordered by key, and 2 mirrors of this key already wait for earlier ones", 3L);
        assertThat(proxy.mirrorsInFlight()).isZero();
    }
}
