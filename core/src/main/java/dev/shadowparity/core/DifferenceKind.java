package dev.shadowparity.core;

import java.util.Locale;

/**
 * The closed set of ways a candidate's response can differ from the primary's, plus {@code EXPECTATION}: the
 * candidate's answer does not meet the response the suite declares for the route, and {@code ENCODING}: a body does
 * not decode by its {@code Content-Encoding} (which side, and why, in the values). {@code DECISION}: a number on each
 * side of a threshold the route declares ({@code decisions}); its values carry the number and the band it is in.
 * {@code CONTRACT}: an answer breaks the suite's OpenAPI contract (an undeclared status or content type, a schema rule);
 * each side's value says how it breaks it, or {@code "conforms"}. {@code SIMILARITY}: two generated texts less alike
 * than the route's {@code similarity} rule asks (the candidate's value carries the score).
 */
public enum DifferenceKind {
    STATUS, HEADER, VALUE, TYPE, MISSING, EXTRA, ARRAY_LENGTH, ARRAY_ORDER, TOLERANCE_EXCEEDED, EXPECTATION, ENCODING, DECISION, CONTRACT, SIMILARITY;

    /** The name used in files and reports: {@code tolerance-exceeded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DifferenceKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
