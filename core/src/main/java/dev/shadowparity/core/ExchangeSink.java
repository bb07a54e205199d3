package dev.shadowparity.core;

import java.util.function.Consumer;

/**
 * Where an engine (the proxy, a replay) hands each exchange it recorded; the next step of the one-way flow.
 * The compare pipeline is the sink of a run; an engine knows nothing of what the sink does with an exchange.
 */
public interface ExchangeSink {

    /**
     * Takes {@code x} without blocking the caller (a proxy event loop), and calls {@code recorded} once its result
     * is kept, compared or not: a replay waits for that before it sends more.
     */
    void submit(Exchange x, Consumer<ExchangeResult> recorded);

    default void submit(Exchange x) {
        submit(x, result -> { });
    }

    /**
     * As {@link #submit(Exchange)}, with the key the engine groups a user's requests by (the {@code mirror.orderBy} or
     * {@code stickyBy} value, else the client connection), or {@code null}: a sink that spreads exchanges over
     * partitions keeps one key's in order.
     */
    default void submitKeyed(Exchange x, String key) {
        submit(x);
    }

    /**
     * A sink's own metric for the engine's {@code /metrics}.
     *
     * @param label  the name of its one label, or {@code null} for a single value (under the key {@code ""})
     * @param values read at each scrape: label value → value
     */
    record SinkMetric(String name, String help, boolean counter, String label,
                      java.util.function.Supplier<java.util.Map<String, Double>> values) {}

    /** The sink's metrics beyond the exchange log's; none by default. */
    default java.util.List<SinkMetric> metrics() {
        return java.util.List.of();
    }

    /** How the sink's exchange log fares (lines not written, and why), for {@code /health} and {@code /metrics}. */
    default dev.shadowparity.core.log.ExchangeLogWriter.Health logHealth() {
        return dev.shadowparity.core.log.ExchangeLogWriter.Health.NONE;
    }
}
