package dev.shadowparity.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between primary and candidate.
 *
 * @param path      {@code status}, {@code header:<name>} or a concrete JSON path such as {@code $.items[3].price}
 * @param primary   the primary's value, {@code null} when it had none (kind {@code extra})
 * @param candidate the candidate's value, {@code null} when it had none (kind {@code missing})
 * @param noiseReason why this difference is noise, or {@code null} when it is a real difference
 */
public record Difference(EndpointKey endpoint, String path, DifferenceKind kind,
                         JsonNode primary, JsonNode candidate, String noiseReason) {

    public Difference {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(path, "path");
        requireNonNull(kind, "kind");
    }

    public boolean isNoise() {
        return noiseReason != null;
    }

    public Difference asNoise(String reason) {
        return new Difference(endpoint, path, kind, primary, candidate, requireNonNull(reason, "reason"));
    }

    /** The path with array indices replaced by {@code [*]}, which is what statistics group by. */
    public String generalPath() {
        return JsonPaths.generalise(path);
    }
}
