package dev.shadowparity.core;

/**
 * How far the candidate's number strayed from the primary's where the route declares a tolerance, differing or not
 * beyond it: {@code candidate - primary} at a concrete JSON path. The ledger sums these per field, so drift that
 * stays inside the tolerance but always goes one way is seen ({@code bias}). The values as doubles.
 *
 * @param cosine whether this is a vector's cosine similarity to the primary's ({@link #cosine(String, double)}), kept
 *               apart from the numbers' drift
 */
public record Drift(String path, double primary, double candidate, boolean cosine) {

    public Drift(String path, double primary, double candidate) {
        this(path, primary, candidate, false);
    }

    /**
     * Where a {@code vectors} rule judges an array, the cosine similarity of the candidate's vector to the primary's
     * (1 the same direction), as a drift from the primary's 1.
     */
    public static Drift cosine(String path, double cosine) {
        return new Drift(path, 1.0, cosine, true);
    }

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
