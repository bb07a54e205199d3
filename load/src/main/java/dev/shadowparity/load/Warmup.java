package dev.shadowparity.load;

import java.io.IOException;
import java.net.URI;
import dev.shadowparity.core.config.BackendConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unmeasured requests to every backend, interleaved, before the first measured step. Without it the backend
 * measured first pays for its own JIT compilation and cold caches (and, where backends share a JVM as the
 * demo's do, for the other's too): its first level looked 1.6x slower than the same code measured second.
 */
final class Warmup {

    private Warmup() {}

    /**
     * Loops over each backend's requests from {@code threads} threads until {@code duration} has passed;
     * failures are ignored (the measured steps count them). Returns requests sent per backend.
     */
    static long run(List<List<LoadRequest>> perBackend, List<BackendConfig> backends, Duration duration, int threads,
                    Duration requestTimeout) {
        if (duration.isZero() || duration.isNegative()) {
            return 0;
        }
        List<HttpClient> clients = backends.stream().map(b -> b.httpClient(requestTimeout)).toList();
        List<String> baseUrls = backends.stream().map(b -> BackendConfig.under(b.url().toString(), "")).toList();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicLong rounds = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        int i = next.getAndIncrement();
                        for (int b = 0; b < perBackend.size(); b++) {
                            List<LoadRequest> requests = perBackend.get(b);
                            send(clients.get(b), baseUrls.get(b), requests.get(Math.floorMod(i, requests.size())), requestTimeout);
                        }
                        rounds.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(duration.toMillis() + requestTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return rounds.get();
    }

    private static void send(HttpClient client, String base, LoadRequest r, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.uri())).timeout(timeout)
                    .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            r.headers().forEach(b::header);
            client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | IllegalArgumentException notMeasured) {
            // a warm-up answer is never judged; the measured steps count failures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
