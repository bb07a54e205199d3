package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Values that differ on every call by nature (timestamps, UUIDs): when both sides hold one of the same
 * shape, the difference is reported as noise rather than as a regression.
 */
final class VolatileValues {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private VolatileValues() {}

    static String reasonIfVolatile(JsonNode p, JsonNode c) {
        if (!p.isTextual() || !c.isTextual()) {
            return null;
        }
        if (TIMESTAMP.matcher(p.textValue()).matches() && TIMESTAMP.matcher(c.textValue()).matches()) {
            return "volatile value: timestamp";
        }
        if (UUID.matcher(p.textValue()).matches() && UUID.matcher(c.textValue()).matches()) {
            return "volatile value: uuid";
        }
        return null;
    }
}
