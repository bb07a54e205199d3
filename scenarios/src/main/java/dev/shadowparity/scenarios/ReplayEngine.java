package dev.shadowparity.scenarios;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeSink;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.Backends;
import java.net.ConnectException;
import java.net.URI;
import dev.shadowparity.core.tls.TlsFailures;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sends each request of a traffic file to the primary, the candidate and (when configured) the secondary
 * at the same moment, and hands the answers, as {@link Exchange}s, to a sink (the run's compare pipeline, as the
 * proxy's are). At most {@code concurrency} requests are under way, counting their comparison; {@code rate} paces
 * the starts; {@code ordered} sends one request to every backend and waits for it before the next, so
 * read-after-write sequences see their writes.
 */
public final class ReplayEngine implements AutoCloseable {

    /**
     * Recorded headers the client owns, besides the transport fields {@link BackendConfig#headersFor} leaves out
     * (a backend's own {@code host} is sent, allowed by {@link #ALLOW_HOST}).
     */
    private static final Set<String> CLIENT_OWNED = Set.of("date", "from", "via", "warning");

    private final ReplaySetup setup;
    private final ExchangeSink sink;
    private final Duration timeout;
    /** One client per HTTP/1.1 backend: each has its own TLS trust and client certificate. */
    private final Map<BackendConfig, HttpClient> clients = new java.util.IdentityHashMap<>();
    /** The HTTP/2 backends' calls ({@code h2}, {@code h2c}), or {@code null} when there are none. */
    private final Http2Calls http2;

    /** The JVM property that lets Java's HTTP client send a {@code Host} header; {@code parity} sets it at start. */
    public static final String ALLOW_HOST = "jdk.httpclient.allowRestrictedHeaders";

    /**
     * The queue a sink needs in front of its comparisons so that a replay at {@code concurrency} never fills it: the
     * engine waits for each exchange to be recorded before it sends another, so at most {@code concurrency} wait.
     */
    public static int sinkCapacityFor(int concurrency) {
        return concurrency + 16;
    }

    /** @param timeout per request and backend */
    public ReplayEngine(ReplaySetup setup, ExchangeSink sink, Duration timeout) {
        Backends b = setup.backends();
        if (Stream.of(b.primary(), b.candidate(), b.secondary()).anyMatch(x -> x != null && x.host() != null)) {
            try {
                HttpRequest.newBuilder(URI.create("http://probe/")).header("Host", "probe");
            } catch (IllegalArgumentException restricted) {
                throw new IllegalStateException("a backend's 'host' needs Java's HTTP client to allow a Host header: start"
                        + " the JVM with -D" + ALLOW_HOST + "=host (the parity command does)");
            }
        }
        this.setup = setup;
        this.sink = sink;
        this.timeout = timeout;
        List<BackendConfig> all = Stream.of(b.primary(), b.candidate(), b.secondary()).filter(x -> x != null).toList();
        List<BackendConfig> h2 = all.stream().filter(x -> x.protocol().isHttp2()).toList();
        for (BackendConfig backend : all) {
            if (!backend.protocol().isHttp2()) {
                clients.put(backend, backend.httpClient(setup.connectTimeout()));
            }
        }
        this.http2 = h2.isEmpty() ? null : new Http2Calls(h2, setup.connectTimeout());
    }

    /** Stops the HTTP/2 backends' event loop, if there is one. */
    @Override
    public void close() {
        if (http2 != null) {
            http2.close();
        }
    }

    /** What the replay did: requests sent, and exchanges with a real difference among them. */
    public record Result(long sent, long withRegression) {}

    /** Called after each exchange is recorded, from any thread. */
    public interface Progress {
        void recorded(long done, long withRegression);
    }

    public Result run(List<ReplayRequest> requests, int concurrency, double ratePerSecond, boolean ordered,
                      Progress progress) throws InterruptedException {
        Semaphore inFlight = new Semaphore(ordered ? 1 : concurrency);
        Map<String, CompletableFuture<Exchange>> sequences = new HashMap<>();
        AtomicLong done = new AtomicLong();
        AtomicLong regressions = new AtomicLong();
        long start = System.nanoTime();
        long id = 0;
        for (ReplayRequest r : requests) {
            inFlight.acquire();
            if (ratePerSecond > 0) {
                long due = start + (long) (id / ratePerSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long exchangeId = ++id;
            CompletableFuture<Exchange> sent;
            if (r.sequence() == null) {
                sent = send(exchangeId, r);
            } else {
                // After the previous request with the same key has its answers (send never completes exceptionally).
                sent = sequences.getOrDefault(r.sequence(), CompletableFuture.completedFuture(null))
                        .thenCompose(previous -> send(exchangeId, r));
                sequences.put(r.sequence(), sent);
            }
            sent.thenAccept(x -> sink.submit(x, ce -> {
                try {
                    if (ce.hasRegression()) {
                        regressions.incrementAndGet();
                    }
                    progress.recorded(done.incrementAndGet(), regressions.get());
                } finally {
                    inFlight.release();
                }
            }));
        }
        inFlight.acquire(ordered ? 1 : concurrency); // every exchange is recorded
        return new Result(id, regressions.get());
    }

    private CompletableFuture<Exchange> send(long id, ReplayRequest r) {
        Instant at = Instant.now();
        Backends backends = setup.backends();
        CompletableFuture<BackendReply> primary = call(backends.primary(), r);
        CompletableFuture<BackendReply> candidate = call(backends.candidate(), r);
        CompletableFuture<BackendReply> secondary = backends.secondary() == null ? null : call(backends.secondary(), r);
        CompletableFuture<?> all = secondary == null ? CompletableFuture.allOf(primary, candidate)
                : CompletableFuture.allOf(primary, candidate, secondary);
        EndpointKey endpoint = setup.routes().endpointOf(r.method(), r.path());
        RecordedRequest recorded = new RecordedRequest(r.method(), r.uri(), r.headers(), r.body());
        return all.thenApply(ignored -> new Exchange(id, endpoint, at, recorded, primary.join(), candidate.join(),
                secondary == null ? null : secondary.join()));
    }

    /**
     * Sends a captured request (a proxy published it with the primary's answer, unmirrored) to the candidate and the
     * secondary, now: the exchange of the primary's recorded answer and theirs. A secondary the capture already holds
     * an answer of, or that this setup lacks, is not sent to. Never fails, as {@link #run} does not.
     */
    public CompletableFuture<Exchange> sendMirrors(Exchange captured) {
        RecordedRequest q = captured.request();
        ReplayRequest r = new ReplayRequest(q.method(), q.uri(), q.headers(), q.body(), "exchange " + captured.id());
        Backends backends = setup.backends();
        CompletableFuture<BackendReply> candidate = BackendReply.isNotSent(captured.candidate())
                ? call(backends.candidate(), r) : CompletableFuture.completedFuture(captured.candidate());
        CompletableFuture<BackendReply> secondary;
        if (captured.secondary() != null && !BackendReply.isNotSent(captured.secondary())) {
            secondary = CompletableFuture.completedFuture(captured.secondary());
        } else {
            secondary = backends.secondary() == null ? CompletableFuture.completedFuture(null) : call(backends.secondary(), r);
        }
        return candidate.thenCombine(secondary, (c, s) -> new Exchange(captured.id(), captured.endpoint(),
                captured.receivedAt(), q, captured.primary(), c, s));
    }

    /** Never fails: a backend that cannot be reached or does not answer in time becomes a NoResponse. */
    private CompletableFuture<BackendReply> call(BackendConfig backend, ReplayRequest r) {
        Headers.Builder recorded = Headers.builder();
        for (Headers.Header h : r.headers().entries()) {
            if (!CLIENT_OWNED.contains(h.name().toLowerCase(Locale.ROOT))) {
                recorded.add(h.name(), h.value());
            }
        }
        Headers forBackend = backend.headersFor(recorded.build());
        if (backend.protocol().isHttp2()) {
            return http2.call(backend, r, forBackend, timeout);
        }
        URI uri = URI.create(backend.urlFor(r.uri()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(r.method(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        forBackend.entries().forEach(h -> b.header(h.name(), h.value()));
        long start = System.nanoTime();
        return clients.get(backend).sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((resp, error) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (error == null) {
                Headers.Builder headers = Headers.builder();
                for (Map.Entry<String, List<String>> e : resp.headers().map().entrySet()) {
                    if (!e.getKey().startsWith(":")) {
                        e.getValue().forEach(v -> headers.add(e.getKey(), v));
                    }
                }
                return new BackendReply.Responded(new RecordedResponse(resp.statusCode(), headers.build(), resp.body()), elapsed);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String host = backend.authority();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return new BackendReply.NoResponse(Outcome.TIMEOUT, host + " gave no response within " + timeout.toMillis() + " ms", elapsed);
            }
            String tls = TlsFailures.describe(cause);
            String why = tls != null ? "TLS with " + host + " failed: " + tls
                    : cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    ? "cannot connect to " + host : host + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return new BackendReply.NoResponse(Outcome.FAILED, why, elapsed);
        });
    }
}
