package dev.shadowparity.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.config.RouteConfig;

/** Numbers are equal by value, not by representation: {@code 1} equals {@code 1.0}. */
final class NumericEquality {

    private NumericEquality() {}

    static boolean sameValue(JsonNode p, JsonNode c) {
        if (p.isNumber() && c.isNumber()) {
            if (p.isIntegralNumber() && c.isIntegralNumber() && p.canConvertToLong() && c.canConvertToLong()) {
                return p.longValue() == c.longValue();
            }
            return p.decimalValue().compareTo(c.decimalValue()) == 0;
        }
        return p.equals(c);
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
