package dev.shadowparity.proxy;

import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.log.ExchangeLogWriter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /metrics}: the proxy's counters, the ledger by endpoint, backend latencies and the JVM's and process's own
 * metrics, in one Prometheus registry (Prometheus' Java client) written as the text format. Counters are read from
 * where they are kept at scrape time; the ledger is read once per scrape. Labels are bounded because the ledger is.
 */
final class ProxyMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ProxyContext proxy;
    /** The ledger as of the scrape under way; scrapes run one at a time on the admin loop. */
    private List<EndpointStats.Snapshot> endpoints = List.of();
    private ExchangeLogWriter.Health log = ExchangeLogWriter.Health.NONE;

    ProxyMetrics(ProxyContext proxy) {
        this.proxy = proxy;
        ProxyContext.Counters c = proxy.counters();
        counter("parity_requests_total", "Client requests received by the proxy.", c.requests::sum);
        counter("parity_requests_rejected_total", "Client requests answered 400, 405, 414, 431 or 505 without reaching a backend.",
                c.rejected::sum);
        counter("parity_primary_errors_total", "Client requests answered 502 or 504 because the primary failed.", c.primaryErrors::sum);
        counter("parity_mirrored_total", "Requests mirrored to the candidate.", c.mirrored::sum);
        counter("parity_not_mirrored_total", "Requests not mirrored (method, route or sampling).", c.notMirrored::sum);
        counter("parity_client_header_timeouts_total", "Client connections closed with 408: no whole request within the header timeout.",
                c.headerTimeouts::sum);
        counter("parity_client_keepalive_timeouts_total", "Idle client keep-alive connections closed after the keep-alive timeout.",
                c.keepAliveTimeouts::sum);
        counter("parity_client_connections_refused_total", "Client connections refused with 503 beyond the connection cap.",
                c.refusedConnections::sum);
        counter("parity_client_aborts_total", "Clients gone before their answer was relayed whole; the primary's connection was cut.",
                c.clientAborts::sum);
        counter("parity_client_tls_handshake_failures_total", "Client connections whose TLS handshake failed.",
                c.clientTlsFailures::sum);
        counter("parity_client_http2_streams_total", "HTTP/2 streams clients opened (one request each).", c.http2Streams::sum);
        counter("parity_client_http2_stream_errors_total",
                "HTTP/2 streams reset for a protocol error (invalid pseudo-headers, a header list too large).",
                c.http2StreamErrors::sum);
        counter("parity_client_http2_connection_errors_total",
                "HTTP/2 connections closed with GOAWAY for a protocol error (a rapid-reset flood, a broken frame).",
                c.http2ConnectionErrors::sum);
        counter("parity_tls_certificate_reloads_total", "Listener certificates reloaded after their files changed.",
                c.tlsReloads::sum);
        counter("parity_tls_certificate_reload_failures_total",
                "Checks that found changed certificate files they could not use; the certificate in use stays.",
                c.tlsReloadFailures::sum);
        counter("parity_exchange_log_lines_written_total", "Lines written to exchanges.jsonl.", () -> log.written());
        counter("parity_exchange_log_lines_not_written_total", "Lines that could not be written to exchanges.jsonl (disk full, I/O error).",
                () -> log.notWritten());
        gauge("parity_mirror_buffered_bytes", "Answer bytes of mirrors held in memory now (bounded by mirror.maxBuffered).",
                () -> proxy.candidate().bufferedBytes());
        GaugeWithCallback.builder().name("parity_mirror_percent").help("Share of eligible requests mirrored.")
                .callback(cb -> cb.call(proxy.policy().percent())).register(registry);
        gauge("parity_mirrors_in_flight", "Mirrors under way, and those waiting behind a key's earlier ones.",
                () -> proxy.candidate().inFlight() + (proxy.secondary() == null ? 0 : proxy.secondary().inFlight()));

        CounterWithCallback.builder().name("parity_exchanges_total").help("Mirrored exchanges by endpoint and outcome.")
                .labelNames("endpoint", "outcome").callback(cb -> {
                    for (EndpointStats.Snapshot s : endpoints) {
                        for (Outcome o : Outcome.values()) {
                            cb.call(s.outcomes().getOrDefault(o, 0L), s.endpoint().toString(), o.label());
                        }
                    }
                }).register(registry);
        CounterWithCallback.builder().name("parity_exchanges_not_compared_total").help("Exchanges not compared, by reason.")
                .labelNames("endpoint", "reason").callback(cb -> {
                    for (EndpointStats.Snapshot s : endpoints) {
                        for (Map.Entry<String, Long> r : s.reasons().entrySet()) {
                            cb.call(r.getValue(), s.endpoint().toString(), r.getKey());
                        }
                    }
                }).register(registry);
        CounterWithCallback.builder().name("parity_exchanges_with_regression_total")
                .help("Compared exchanges with at least one real difference.").labelNames("endpoint").callback(cb -> {
                    for (EndpointStats.Snapshot s : endpoints) {
                        cb.call(s.withRegression(), s.endpoint().toString());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("parity_differences_total")
                .help("Differences by endpoint, field, kind and whether they are noise.")
                .labelNames("endpoint", "path", "kind", "noise").callback(cb -> {
                    for (EndpointStats.Snapshot s : endpoints) {
                        for (EndpointStats.FieldSnapshot f : s.fields()) {
                            cb.call(f.regressions(), s.endpoint().toString(), f.key().path(), f.key().kind().label(), "false");
                            cb.call(f.noiseCount(), s.endpoint().toString(), f.key().path(), f.key().kind().label(), "true");
                        }
                    }
                }).register(registry);
        for (dev.shadowparity.core.ExchangeSink.SinkMetric m : proxy.sink().metrics()) {
            String[] labels = m.label() == null ? new String[0] : new String[] {m.label()};
            if (m.counter()) {
                CounterWithCallback.builder().name(m.name()).help(m.help()).labelNames(labels)
                        .callback(cb -> each(m, cb::call)).register(registry);
            } else {
                GaugeWithCallback.builder().name(m.name()).help(m.help()).labelNames(labels)
                        .callback(cb -> each(m, cb::call)).register(registry);
            }
        }
        registry.register(c.backendLatency);
        JvmMetrics.builder().register(registry); // heap, GC, threads, and the process's CPU, RSS and open files
    }

    /** One sample of a metric: its value and label values. */
    private interface Sample {
        void call(double value, String... labelValues);
    }

    /** Each value of a sink's metric, as its one label's value or none. */
    private static void each(dev.shadowparity.core.ExchangeSink.SinkMetric m, Sample sample) {
        m.values().get().forEach((label, v) -> {
            if (m.label() == null) {
                sample.call(v);
            } else {
                sample.call(v, label);
            }
        });
    }

    private void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    /** The text format, version 0.0.4. */
    String scrape() {
        endpoints = proxy.ledger().snapshot();
        log = proxy.sink().logHealth();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
