package dev.shadowparity.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The backends under comparison, by role. {@code secondary} (a second primary instance) is optional. */
public record Backends(
        @JsonProperty(required = true) BackendConfig primary,
        BackendConfig secondary,
        @JsonProperty(required = true) BackendConfig candidate) {

    public Backends withPrimary(BackendConfig b) {
        return new Backends(b, secondary, candidate);
    }

    public Backends withSecondary(BackendConfig b) {
        return new Backends(primary, b, candidate);
    }

    public Backends withCandidate(BackendConfig b) {
        return new Backends(primary, secondary, b);
    }
}
