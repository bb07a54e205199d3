package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size as people write it: {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB} (binary units). */
public record ByteSize(long bytes) {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    @JsonCreator
    public static ByteSize parse(Object value) {
        String text = String.valueOf(value).trim();
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 512, 64KiB, 10MiB or 1GiB, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        return new ByteSize(switch (unit) {
            case "kib" -> n << 10;
            case "mib" -> n << 20;
            case "gib" -> n << 30;
            default -> n;
        });
    }

    public static ByteSize mib(long n) {
        return new ByteSize(n << 20);
    }

    /** As an {@code int} for buffers; sizes beyond 2 GiB - 1 are refused where buffers need them. */
    public int asInt(String what) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be below 2GiB");
        }
        return (int) bytes;
    }

    @JsonValue
    @Override
    public String toString() {
        if (bytes > 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        return bytes > 0 && bytes % 1024 == 0 ? (bytes >> 10) + "KiB" : Long.toString(bytes);
    }
}
