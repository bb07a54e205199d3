package dev.shadowparity.core;

import java.util.List;

/**
 * How a field's signed drift (candidate minus primary) is distributed: {@code counts} of equal-width bins from
 * {@code from} to {@code to}, a range symmetric around 0 so a bias shows as a lopsided picture. Drawn from the
 * uniform sample the ledger keeps per field ({@code sampled} values of the field's drifted ones).
 */
public record DriftHistogram(double from, double to, List<Long> counts, long sampled) {

    /** Bins of a histogram; even, so 0 is the edge between the two middle bins. */
    public static final int BINS = 20;

    public DriftHistogram {
        counts = List.copyOf(counts);
    }

    /**
     * The histogram of the first {@code n} values of {@code sample}, over a range symmetric around 0 that holds them
     * all; {@code null} when {@code n} is 0.
     */
    public static DriftHistogram of(double[] sample, int n) {
        double reach = 0;
        for (int i = 0; i < n; i++) {
            reach = Math.max(reach, Math.abs(sample[i]));
        }
        return between(sample, n, -reach, reach);
    }

    /**
     * The histogram of the first {@code n} values of {@code sample} from {@code from} to {@code to} (values outside
     * fall in the first or last bin; all in the middle bin when the range is empty); {@code null} when {@code n} is 0.
     */
    public static DriftHistogram between(double[] sample, int n, double from, double to) {
        if (n == 0) {
            return null;
        }
        long[] bins = new long[BINS];
        for (int i = 0; i < n; i++) {
            int bin = to <= from ? BINS / 2 : (int) Math.floor((sample[i] - from) / (to - from) * BINS);
            bins[Math.min(BINS - 1, Math.max(0, bin))]++;
        }
        return new DriftHistogram(from, to, java.util.Arrays.stream(bins).boxed().toList(), n);
    }
}
