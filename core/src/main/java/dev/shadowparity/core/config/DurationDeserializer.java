package dev.shadowparity.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in YAML: {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
public final class DurationDeserializer extends TextValueDeserializer<Duration> {

    private static final long serialVersionUID = 1L;
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public DurationDeserializer() {
        super(Duration.class, DurationDeserializer::parse);
    }

    /** Writes a duration back in the form {@link #parse} reads: the largest whole unit. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The serializer paired with this deserializer, so configs print as they are written. */
    public static final class Writer extends com.fasterxml.jackson.databind.ser.std.StdScalarSerializer<Duration> {
        private static final long serialVersionUID = 1L;

        public Writer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, com.fasterxml.jackson.core.JsonGenerator gen,
                              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
            gen.writeString(format(value));
        }
    }

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250ms, 2s, 1m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
