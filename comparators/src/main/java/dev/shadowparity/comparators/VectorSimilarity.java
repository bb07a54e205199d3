package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.config.RouteConfig;
import java.util.Locale;

/** Similarity of number arrays such as embeddings. */
final class VectorSimilarity {

    private VectorSimilarity() {}

    static boolean isNumeric(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** The values of a numeric array, as doubles. */
    static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    /**
     * Two vectors of one dimension measured in one pass: their cosine similarity, their largest element difference and
     * whether they hold the same values, however written ({@code 0} and {@code 0.0}).
     */
    record Measured(double cosine, double maxAbs, boolean sameValues) {
        /** The cosine within -1 to 1, as the run's statistics keep it (rounding can leave the quotient just outside). */
        double boundedCosine() {
            return Math.max(-1, Math.min(1, cosine));
        }
    }

    /** Measures the first {@code n} values of two buffers (one dimension: the caller has checked it). */
    static Measured measure(double[] p, double[] c, int n) {
        double dot = 0;
        double np = 0;
        double nc = 0;
        double maxAbs = 0;
        boolean same = true;
        for (int i = 0; i < n; i++) {
            double a = p[i];
            double b = c[i];
            dot += a * b;
            np += a * a;
            nc += b * b;
            maxAbs = Math.max(maxAbs, Math.abs(a - b));
            same &= a == b;
        }
        double cosine = np == 0 || nc == 0 ? (np == nc ? 1 : 0) : dot / Math.sqrt(np * nc);
        return new Measured(cosine, maxAbs, same);
    }

    /** Why two vectors of one dimension are not similar enough under {@code rule}, or {@code null} when they are. */
    static String failure(Measured m, RouteConfig.VectorRule rule) {
        if (rule.maxAbs() != null && m.maxAbs() > rule.maxAbs()) {
            return String.format(Locale.ROOT, "max abs difference %.3g > %.3g", m.maxAbs(), rule.maxAbs());
        }
        if (rule.cosineAtLeast() != null && m.cosine() < rule.cosineAtLeast()) {
            return String.format(Locale.ROOT, "cosine %.6f < %.6f", m.cosine(), rule.cosineAtLeast());
        }
        return null;
    }
}
