package dev.shadowparity.run;

import com.sun.net.httpserver.HttpServer;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.HostPort;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.kafka.CompareWorker;
import dev.shadowparity.kafka.KafkaTarget;
import dev.shadowparity.kafka.ResultRecords;
import dev.shadowparity.scenarios.ReplayEngine;
import dev.shadowparity.scenarios.ReplaySetup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * {@code parity worker}: one member of a group that judges what proxies published. Each captured exchange is compared
 * with the suite's rules, after being sent to the candidate (and secondary) when the proxy did not mirror it; results
 * go to the group's results topic in Kafka transactions ({@link CompareWorker}). Runs until SIGTERM or Ctrl-C, or
 * until idle; {@code /metrics} and {@code /health} on the admin address.
 */
public final class WorkerRun {

    /**
     * @param name     unique in the group; a worker started again under its name fences off its old self
     * @param since    judge from this time on partitions the group has no offsets of yet ({@code null}: from the start)
     * @param idleExit stop once nothing has come for this long and nothing is left ({@code null}: run until stopped)
     * @param admin    where {@code /metrics} and {@code /health} are served, or {@code null}
     * @param timeout  per request to the candidate and secondary
     */
    public record Options(KafkaTarget from, String group, String name, Instant since, Duration idleExit, HostPort admin,
                          Duration timeout) {}

    private WorkerRun() {}

    /** Judges until stopped; returns what the worker did. A cluster that does not answer is a {@code ParityException}. */
    public static CompareWorker.Stats run(SuiteConfig suite, Options options, Consumer<String> log) throws IOException {
        // The cluster is asked once, when the worker starts (CompareWorker.run): its topics, or the error that no broker answers.
        RouteTable<RouteConfig> routes = RouteTable.of(suite.routes());
        java.util.function.Function<Exchange, dev.shadowparity.core.ExchangeResult> comparator =
                ComparisonStage.judge(suite, routes, GrpcDescriptors.of(suite));
        ExecutorService compare = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "parity-compare");
            t.setDaemon(true);
            return t;
        });
        try (ReplayEngine sender = new ReplayEngine(ReplaySetup.of(suite, routes), (x, recorded) -> { }, options.timeout())) {
            java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.Map<String, dev.shadowparity.core.config.BackendConfig> sentTo = new java.util.LinkedHashMap<>();
            sentTo.put("candidate", suite.backends().candidate());
            if (suite.backends().secondary() != null) {
                sentTo.put("secondary", suite.backends().secondary());
            }
            CompareWorker.Judge judge = captured -> {
                if (!captured.mirrored()) {
                    tellOfMaskedCredentials(captured.exchange(), sentTo, told, log);
                }
                CompletableFuture<Exchange> whole = captured.mirrored()
                        ? CompletableFuture.completedFuture(captured.exchange()) : sender.sendMirrors(captured.exchange());
                return whole.thenApplyAsync(comparator, compare);
            };
            CompareWorker worker = new CompareWorker(new CompareWorker.Settings(options.from(), options.group(),
                    options.name(), options.since(), Duration.ofSeconds(10), 200), judge,
                    new ResultRecords(new Redactor(suite.redact()), suite.exchangeLog().allBodies()), log);
            HttpServer admin = options.admin() == null ? null : admin(options.admin(), worker, options);
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> worker.stop());
            }
            try {
                if (admin != null) {
                    log.accept("admin http://" + admin.getAddress().getHostString() + ":" + admin.getAddress().getPort()
                            + "/  (/health /metrics)");
                }
                worker.run(options.idleExit());
                return worker.stats();
            } finally {
                if (admin != null) {
                    admin.stop(0);
                }
                worker.close();
            }
        } finally {
            compare.shutdownNow();
        }
    }

    /**
     * Secrets are masked before a proxy publishes, so a captured request carries masks where its credentials were: a
     * backend that checks them refuses it. Said once per header and backend, when the suite gives that backend none of
     * its own ({@code backends.candidate.headers}).
     */
    private static void tellOfMaskedCredentials(Exchange x, java.util.Map<String, dev.shadowparity.core.config.BackendConfig> sentTo,
                                                java.util.Set<String> told, Consumer<String> log) {
        for (dev.shadowparity.core.Headers.Header h : x.request().headers().entries()) {
            if (!h.value().contains(Redactor.MASK)) {
                continue;
            }
            sentTo.forEach((role, backend) -> {
                boolean own = backend.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(h.name()));
                if (!own && told.add(role + " " + h.name().toLowerCase(Locale.ROOT))) {
                    log.accept("note: captured requests carry a masked " + h.name() + " (secrets are masked before"
                            + " publishing); the " + role + " gets the mask unless backends." + role + ".headers gives its own "
                            + h.name());
                }
            });
        }
    }

    private static HttpServer admin(HostPort at, CompareWorker worker, Options options) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 16);
        server.createContext("/metrics", exchange -> {
            CompareWorker.Stats s = worker.stats();
            StringBuilder b = new StringBuilder();
            metric(b, "parity_worker_records_total", "counter", "Captured records judged and committed with their results.", s.consumed());
            metric(b, "parity_worker_sent_total", "counter", "Captured exchanges this worker sent to the candidate itself.", s.sent());
            metric(b, "parity_worker_rejected_total", "counter", "Captured records that could not be read (skipped, named in the results).", s.rejected());
            metric(b, "parity_worker_rebalances_total", "counter", "Partition assignments this worker received.", s.rebalances());
            metric(b, "parity_worker_aborted_batches_total", "counter", "Batches whose transaction was aborted and read again.", s.aborted());
            metric(b, "parity_worker_consumer_lag", "gauge", "Captured records waiting on this worker's partitions.", s.lag());
            metric(b, "parity_worker_partitions", "gauge", "Partitions assigned to this worker.", s.assigned().size());
            reply(exchange, 200, "text/plain; version=0.0.4", b.toString());
        });
        server.createContext("/health", exchange -> {
            CompareWorker.Stats s = worker.stats();
            reply(exchange, 200, "application/json", String.format(Locale.ROOT,
                    "{\"status\":\"up\",\"group\":\"%s\",\"from\":\"%s\",\"records\":%d,\"lag\":%d,\"partitions\":%d}",
                    options.group(), options.from(), s.consumed(), s.lag(), s.assigned().size()));
        });
        server.start();
        return server;
    }

    private static void metric(StringBuilder b, String name, String type, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
