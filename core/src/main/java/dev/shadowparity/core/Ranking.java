package dev.shadowparity.core;

/**
 * How one ranked list of the candidate's answer agreed with the primary's, where a {@code topK} rule judges it and the
 * two lists' first {@code k} labels were not the same in the same order. Lists that agree add none: the ledger counts
 * them as agreeing from the compared exchanges, so a run's rates cost nothing on answers that match.
 *
 * @param path      the list's concrete JSON path ({@code $.results})
 * @param jaccard   Jaccard@k of the two lists' first {@code k} labels: shared labels over all labels named, 0-1
 * @param tau       Kendall's tau of the ranks the two lists give the labels they share, -1 (reversed) to 1 (same
 *                  order); 0 when fewer than two are shared (no order to agree on)
 * @param sameFirst whether both lists start with the same label
 */
public record Ranking(String path, double jaccard, double tau, boolean sameFirst) {

    public Ranking {
        if (!(jaccard >= 0 && jaccard <= 1) || !(tau >= -1 && tau <= 1)) {
            throw new IllegalArgumentException("jaccard within 0-1 and tau within -1..1, got " + jaccard + " and " + tau);
        }
    }

    public String generalPath() {
        return JsonPaths.generalise(path);
    }
}
