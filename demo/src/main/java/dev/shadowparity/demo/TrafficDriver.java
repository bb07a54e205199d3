package dev.shadowparity.demo;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Plays the school platform's clients: logs in, browses students, records attendance and calls the ML
 * endpoints, with a bearer token and a session cookie on every authenticated call. The credentials are
 * fresh random values per driver, so a test can search every output for them.
 */
public final class TrafficDriver {

    /** What the driver sent and how the proxy answered. */
    public record Result(int sent, int ok, int clientErrors, int serverErrors, int transportErrors) {}

    private final URI base;
    private final String bearerToken = "demo-bearer-" + UUID.randomUUID();
    private final String sessionCookie = "demo-session-" + UUID.randomUUID();
    private final String password = "demo-password-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public TrafficDriver(URI base) {
        this.base = base;
    }

    /** The secret values this driver sends; none may appear in any file a run writes. */
    public List<String> secrets() {
        return List.of(bearerToken, sessionCookie, password);
    }

    /**
     * Sends {@code total} requests over {@code concurrency} connections; {@code progress} is called with
     * the number done so far after each response.
     */
    public Result run(int total, int concurrency, IntConsumer progress) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong client = new AtomicLong();
        AtomicLong server = new AtomicLong();
        AtomicLong transport = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        try {
                            int status = http.send(request(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status < 400 ? ok : status < 500 ? client : server).incrementAndGet();
                        } catch (IOException e) {
                            transport.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        progress.accept(done.incrementAndGet());
                    }
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("traffic worker failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(done.get(), (int) ok.get(), (int) client.get(), (int) server.get(), (int) transport.get());
    }

    /** The first {@code n} requests of the mix, for a scenario that sends them itself (such as a load run). */
    public List<RecordedRequest> mix(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(this::recorded).toList();
    }

    HttpRequest request(int i) {
        RecordedRequest r = recorded(i);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(r.uri())).timeout(Duration.ofSeconds(10))
                .method(r.method(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().entries().forEach(h -> b.header(h.name(), h.value()));
        return b.build();
    }

    /** A realistic mix: mostly reads, some writes, some ML calls, searches and questions; a login now and then. */
    RecordedRequest recorded(int i) {
        int student = i % StudentsMigration.STUDENTS + 1;
        return switch (i % 10) {
            case 0 -> post("/api/auth/login", String.format(Locale.ROOT,
                    "{\"username\":\"teacher%d\",\"password\":\"%s\"}", i % 5, password), false);
            case 1, 2, 3 -> get("/api/students/" + student);
            case 4 -> get("/api/students?page=1");
            case 5 -> i % 20 == 5
                    ? post("/api/search", "{\"query\":\"" + StudentsMigration.query(i / 20 % StudentsMigration.QUERIES) + "\",\"k\":5}", true)
                    : post("/api/assistant/ask", "{\"question\":\"" + StudentsMigration.QUESTIONS[i / 20 % StudentsMigration.QUESTIONS.length][0] + "\"}", true);
            case 6 -> post("/api/attendance", String.format(Locale.ROOT,
                    "{\"studentId\":%d,\"status\":\"%s\",\"date\":\"2026-11-23\"}", student,
                    i % 3 == 0 ? "absent" : "present"), true);
            case 7, 8 -> post("/api/ml/encode-face", "{\"image\":\"" + imageBase64(i) + "\"}", true);
            default -> post("/api/ml/batch-match", "{\"embeddings\":[[0.1,0.2],[0.3,0.4]],\"topK\":3}", true);
        };
    }

    private RecordedRequest get(String path) {
        return new RecordedRequest("GET", path, authorized(Headers.builder()).build(), null);
    }

    private RecordedRequest post(String path, String json, boolean authorized) {
        Headers.Builder h = Headers.builder().add("Content-Type", "application/json");
        return new RecordedRequest("POST", path, (authorized ? authorized(h) : h.add("Accept", "application/json")).build(),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Headers.Builder authorized(Headers.Builder h) {
        return h.add("Accept", "application/json")
                .add("Authorization", "Bearer " + bearerToken)
                .add("Cookie", "session=" + sessionCookie + "; theme=dark");
    }

    private static String imageBase64(int i) {
        byte[] pixels = new byte[48];
        new java.util.Random(i).nextBytes(pixels);
        return java.util.Base64.getEncoder().encodeToString(pixels);
    }
}
