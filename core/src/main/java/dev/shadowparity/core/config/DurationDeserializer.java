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
