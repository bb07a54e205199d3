package dev.shadowparity.core.config;

import java.util.Locale;

/**
 * What {@code exchanges.jsonl} keeps. Requests are always written whole (replay reads them). Response
 * bodies are written for exchanges that differ or were not compared ({@code differing}, the default) or
 * always ({@code all}): at proxy rates, identical bodies would make the log the costliest part of a run.
 */
public record ExchangeLogSettings(String bodies) {

    public static final ExchangeLogSettings DEFAULT = new ExchangeLogSettings(null);

    public ExchangeLogSettings {
        bodies = bodies == null ? "differing" : bodies.toLowerCase(Locale.ROOT);
        if (!bodies.equals("differing") && !bodies.equals("all")) {
            throw new IllegalArgumentException("bodies must be 'differing' or 'all', got '" + bodies + "'");
        }
    }

    public boolean allBodies() {
        return bodies.equals("all");
    }
}
