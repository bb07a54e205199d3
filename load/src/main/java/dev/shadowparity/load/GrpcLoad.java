package dev.shadowparity.load;

import dev.shadowparity.core.LatencyHistogram;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.upstream.GrpcCalls;
import dev.shadowparity.upstream.MirrorBuffer;
import dev.shadowparity.upstream.Transport;
import dev.shadowparity.upstream.Upstream;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for gRPC backends ({@code protocol: h2c} or {@code h2}), on the proxy's own HTTP/2 client, because Gatling does
 * not fit here: its HTTP/2 speaks h2 over TLS only, by ALPN, and reads no trailers, so it could neither reach an h2c
 * server nor see a call's {@code grpc-status}; its gRPC plugin is not an artifact this build can use. The shape is
 * Gatling's closed model: {@code users} virtual users, started evenly over the ramp, each sending the next request
 * (the requests in turn) when its last was answered and its think time passed, until the hold ends. A call is an
 * error without an answer in time, with an HTTP status other than 200, or with a {@code grpc-status} other than 0.
 */
final class GrpcLoad {

    /** The name {@link LoadResult.Step#all()} figures go under, as Gatling's report names them. */
    private static final String ALL = GatlingReport.ALL_REQUESTS;

    private GrpcLoad() {}

    /** {@code true} when {@code target} speaks HTTP/2 and every request is a gRPC call: then this driver loads it. */
    static boolean applies(BackendConfig target, List<LoadRequest> requests) {
        return target.protocol().isHttp2() && !requests.isEmpty() && requests.stream().allMatch(r -> r.headers().entrySet().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type")
                        && h.getValue().toLowerCase(Locale.ROOT).startsWith("application/grpc")));
    }

    /** Figures by request name, and {@link GatlingReport#ALL_REQUESTS} for all of them. */
    static Map<String, LoadStats> run(BackendConfig target, List<LoadRequest> requests, int users, Duration ramp,
                                      Duration hold, Duration think, Duration timeout) throws InterruptedException {
        EventLoopGroup loops = Transport.loops("parity-grpc-load", 2);
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (LoadRequest r : requests) {
            figures.computeIfAbsent(r.name(), n -> new Figures());
        }
        Figures all = new Figures();
        long start = System.nanoTime();
        long end = start + ramp.toNanos() + hold.toNanos();
        CountDownLatch done = new CountDownLatch(users);
        AtomicInteger next = new AtomicInteger();
        try (Upstream client = Upstream.of(target.authority(), target, 16, timeout, Duration.ofSeconds(60))) {
            for (int u = 0; u < users; u++) {
                long delay = users == 1 ? 0 : ramp.toNanos() * u / users;
                EventLoop loop = loops.next();
                loop.schedule(() -> new User(client, loop, target, requests, next, figures, all, end, think, timeout, done).send(),
                        delay, TimeUnit.NANOSECONDS);
            }
            if (!done.await(ramp.toMillis() + hold.toMillis() + timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the gRPC load did not end in time");
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        Map<String, LoadStats> out = new LinkedHashMap<>();
        figures.forEach((name, f) -> out.put(name, f.stats(seconds)));
        out.put(ALL, all.stats(seconds));
        return out;
    }

    /** Counts and latencies of one request name; from the loop threads, so synchronised. */
    private static final class Figures {
        private final LatencyHistogram latency = new LatencyHistogram();
        private long count;
        private long errors;

        synchronized void record(Duration elapsed, boolean ok) {
            latency.record(elapsed);
            count++;
            if (!ok) {
                errors++;
            }
        }

        synchronized LoadStats stats(double seconds) {
            LatencyHistogram.Summary s = latency.summary();
            return new LoadStats(count, errors, s.meanMs(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs(), count / seconds);
        }
    }

    /** One virtual user: a request at a time, on one event loop. */
    private record User(Upstream client, EventLoop loop, BackendConfig target, List<LoadRequest> requests, AtomicInteger next,
                        Map<String, Figures> figures, Figures all, long end, Duration think, Duration timeout,
                        CountDownLatch done) {

        void send() {
            if (System.nanoTime() - end >= 0) {
                done.countDown();
                return;
            }
            LoadRequest r = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
            // r.uri() is already the backend's (its query renamed): only the base path goes in front
            FullHttpRequest request = GrpcCalls.request(target,
                    BackendConfig.under(target.url().getRawPath() == null ? "" : target.url().getRawPath(), r.uri()),
                    r.body() == null ? new byte[0] : r.body());
            r.headers().forEach((name, value) -> request.headers().set(name, value));
            long started = System.nanoTime();
            client.send(request, timeout, loop, 16L << 20, MirrorBuffer.UNBOUNDED).whenComplete((response, error) -> {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                boolean ok = error == null && answered(response);
                if (response != null) {
                    response.release();
                }
                figures.get(r.name()).record(elapsed, ok);
                all.record(elapsed, ok);
                if (think.isZero()) {
                    loop.execute(this::send);
                } else {
                    loop.schedule(this::send, think.toNanos(), TimeUnit.NANOSECONDS);
                }
            });
        }

        private static boolean answered(FullHttpResponse response) {
            return response.status().code() == 200 && "0".equals(GrpcCalls.status(response));
        }
    }
}
