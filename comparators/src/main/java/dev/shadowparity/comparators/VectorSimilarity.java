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

    /** Returns why the vectors are not similar enough, or {@code null} when they are. */
    static String check(JsonNode p, JsonNode c, RouteConfig.VectorRule rule) {
        return check(values(p), p.size(), values(c), c.size(), rule);
    }

    private static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    /** Whether two number arrays hold the same values, however written ({@code 0} and {@code 0.0}). */
    static boolean sameValues(JsonNode p, JsonNode c) {
        return sameValues(values(p), p.size(), values(c), c.size());
    }

    /** {@link #sameValues(JsonNode, JsonNode)} of the first {@code pn} and {@code cn} values of two buffers. */
    static boolean sameValues(double[] p, int pn, double[] c, int cn) {
        if (pn != cn) {
            return false;
        }
        for (int i = 0; i < pn; i++) {
            if (p[i] != c[i]) {
                return false;
            }
        }
        return true;
    }

    /** The cosine similarity of two number arrays; NaN when their dimensions differ. */
    static double cosine(JsonNode p, JsonNode c) {
        return cosine(values(p), p.size(), values(c), c.size());
    }

    /** {@link #cosine(JsonNode, JsonNode)} of the first {@code pn} and {@code cn} values of two buffers. */
    static double cosine(double[] p, int pn, double[] c, int cn) {
        if (pn != cn) {
            return Double.NaN;
        }
        double dot = 0;
        double np = 0;
        double nc = 0;
        for (int i = 0; i < pn; i++) {
            dot += p[i] * c[i];
            np += p[i] * p[i];
            nc += c[i] * c[i];
        }
        return np == 0 || nc == 0 ? (np == nc ? 1 : 0) : Math.max(-1, Math.min(1, dot / Math.sqrt(np * nc)));
    }

    /** {@link #check} of the first {@code pn} and {@code cn} values of two buffers, as read from a token stream. */
    static String check(double[] p, int pn, double[] c, int cn, RouteConfig.VectorRule rule) {
        if (pn != cn) {
            return "dimension " + pn + " vs " + cn;
        }
        double dot = 0;
        double np = 0;
        double nc = 0;
        double maxAbs = 0;
        for (int i = 0; i < pn; i++) {
            double a = p[i];
            double b = c[i];
            dot += a * b;
            np += a * a;
            nc += b * b;
            maxAbs = Math.max(maxAbs, Math.abs(a - b));
        }
        if (rule.maxAbs() != null && maxAbs > rule.maxAbs()) {
            return String.format(Locale.ROOT, "max abs difference %.3g > %.3g", maxAbs, rule.maxAbs());
        }
        if (rule.cosineAtLeast() != null) {
            double cosine = np == 0 || nc == 0 ? (np == nc ? 1 : 0) : dot / Math.sqrt(np * nc);
            if (cosine < rule.cosineAtLeast()) {
                return String.format(Locale.ROOT, "cosine %.6f < %.6f", cosine, rule.cosineAtLeast());
            }
        }
        return null;
    }
}
