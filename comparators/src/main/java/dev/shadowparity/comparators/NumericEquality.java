package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.config.RouteConfig;

/** Numbers are equal by value, not by representation: {@code 1} equals {@code 1.0}. */
final class NumericEquality {

    private NumericEquality() {}

    /** Doubles represent every integer up to this magnitude exactly. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    static boolean sameValue(JsonNode p, JsonNode c) {
        if (p.isNumber() && c.isNumber()) {
            if (p.isIntegralNumber() && c.isIntegralNumber() && p.canConvertToLong() && c.canConvertToLong()) {
                return p.longValue() == c.longValue();
            }
            if (exactAsDouble(p) && exactAsDouble(c)) {
                // the common case (doubles, or a double beside a small integer): no BigDecimal, no toString
                return p.doubleValue() == c.doubleValue();
            }
            return p.decimalValue().compareTo(c.decimalValue()) == 0;
        }
        return p.equals(c);
    }

    /** A node whose value a double holds exactly: a double or float, or an integer of at most 53 bits. */
    private static boolean exactAsDouble(JsonNode n) {
        if (n.isDouble() || n.isFloat()) {
            return true;
        }
        return n.isIntegralNumber() && n.canConvertToLong() && Math.abs(n.longValue()) <= EXACT_IN_DOUBLE;
    }

    static boolean within(double p, double c, RouteConfig.Tolerance t) {
        double diff = Math.abs(p - c);
        if (diff <= t.absolute()) {
            return true;
        }
        double scale = Math.max(Math.abs(p), Math.abs(c));
        return t.relative() > 0 && diff <= t.relative() * scale;
    }
}
