package dev.shadowparity.core.config;

/** What a run must reach to promote: the share of compared exchanges without a real difference, per endpoint. */
public record GateSettings(Double minParity) {

    public static final GateSettings DEFAULT = new GateSettings(null);

    public GateSettings {
        minParity = minParity == null ? 0.999 : minParity;
        if (minParity < 0 || minParity > 1) {
            throw new IllegalArgumentException("minParity is a fraction within 0-1, got " + minParity);
        }
    }
}
