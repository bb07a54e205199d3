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

    /** How the sink's exchange log fares (lines not written, and why), for {@code /health} and {@code /metrics}. */
    default dev.shadowparity.core.log.ExchangeLogWriter.Health logHealth() {
        return dev.shadowparity.core.log.ExchangeLogWriter.Health.NONE;
    }
}
