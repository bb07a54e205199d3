package dev.shadowparity.core.config;

import java.util.Locale;

/**
 * What {@code exchanges.jsonl} keeps. Requests are always written whole (replay reads them). Response
 * bodies are written for exchanges that differ or were not compared ({@code differing}, the default) or
 * always ({@code all}): at proxy rates, identical bodies would make the log the costliest part of a run.
 * A proxy runs for days, so the log rotates: past {@code maxSize} the file becomes
 * {@code exchanges.1.jsonl} (older ones shift up) and at most {@code keep} rotated files are kept.
 */
public record ExchangeLogSettings(String bodies, ByteSize maxSize, Integer keep) {

    public static final ExchangeLogSettings DEFAULT = new ExchangeLogSettings(null, null, null);

    public ExchangeLogSettings {
        bodies = bodies == null ? "differing" : bodies.toLowerCase(Locale.ROOT);
        if (!bodies.equals("differing") && !bodies.equals("all")) {
            throw new IllegalArgumentException("bodies must be 'differing' or 'all', got '" + bodies + "'");
        }
        maxSize = maxSize == null ? new ByteSize(1L << 30) : maxSize;
        if (maxSize.bytes() < 1024) {
            throw new IllegalArgumentException("maxSize must be at least 1KiB, got " + maxSize);
        }
        keep = keep == null ? 4 : keep;
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, got " + keep);
        }
    }

    public boolean allBodies() {
        return bodies.equals("all");
    }
}
