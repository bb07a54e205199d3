package dev.shadowparity.core;

import java.util.Locale;

/**
 * The closed set of ways a candidate's response can differ from the primary's, plus {@code EXPECTATION}: the
 * candidate's answer does not meet the response the suite declares for the route.
 */
public enum DifferenceKind {
    STATUS, HEADER, VALUE, TYPE, MISSING, EXTRA, ARRAY_LENGTH, ARRAY_ORDER, TOLERANCE_EXCEEDED, EXPECTATION;

    /** The name used in files and reports: {@code tolerance-exceeded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DifferenceKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
