package dev.shadowparity.core;

/**
 * How far the candidate's number strayed from the primary's where the route declares a tolerance, differing or not
 * beyond it: {@code candidate - primary} at a concrete JSON path. The ledger sums these per field, so drift that
 * stays inside the tolerance but always goes one way is seen ({@code bias}).
 */
public record Drift(String path, double signedError) {

    public String generalPath() {
        return JsonPaths.generalise(path);
    }
}
