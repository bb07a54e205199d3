package dev.shadowparity.core;

/**
 * How far the candidate's number strayed from the primary's where the route declares a tolerance, differing or not
 * beyond it: {@code candidate - primary} at a concrete JSON path. The ledger sums these per field, so drift that
 * stays inside the tolerance but always goes one way is seen ({@code bias}). The values as doubles.
 */
public record Drift(String path, double primary, double candidate) {

    public String generalPath() {
        return JsonPaths.generalise(path);
    }

    public double signedError() {
        return candidate - primary;
    }

    /** The error as a fraction of the primary's value; the absolute error where the primary's is 0. */
    public double relativeError() {
        return primary == 0 ? Math.abs(candidate) : Math.abs(candidate - primary) / Math.abs(primary);
    }
}
