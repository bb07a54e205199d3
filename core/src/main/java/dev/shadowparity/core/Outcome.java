package dev.shadowparity.core;

import java.util.Locale;

/** How a mirrored request ended; every one of them ends in exactly one of these. */
public enum Outcome {
    COMPARED, DROPPED, TIMEOUT, FAILED, SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
