package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How alike two generated texts are, by the metric a route names: {@code token-jaccard} (shared words over all words),
 * {@code levenshtein} (1 minus the character edit distance over the longer length) or {@code rouge-l} (the F-measure of
 * the longest common word subsequence, as ROUGE-L scores summaries). Words are runs of letters and digits, compared
 * without case; the score is 1 for two equal texts and two empty ones. Also: whether two texts say the same words with
 * their numbers inside a tolerance ({@link #sameWordsNumbersWithin}).
 */
final class TextSimilarity {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,][\\p{N}]+)*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    /** Above this many character pairs the edit distance is taken over words, not characters. */
    private static final long MAX_CHARACTER_CELLS = 4_000_000L;

    private TextSimilarity() {}

    static double score(String metric, String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        return switch (metric) {
            case RouteConfig.SimilarityRule.TOKEN_JACCARD -> jaccard(words(a), words(b));
            case RouteConfig.SimilarityRule.LEVENSHTEIN -> levenshtein(a, b);
            case RouteConfig.SimilarityRule.ROUGE_L -> rougeL(words(a), words(b));
            default -> throw new IllegalArgumentException("no similarity metric '" + metric + "'");
        };
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static double jaccard(List<String> a, List<String> b) {
        Set<String> x = new HashSet<>(a);
        Set<String> y = new HashSet<>(b);
        if (x.isEmpty() && y.isEmpty()) {
            return 1.0;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    static double levenshtein(String a, String b) {
        if ((long) a.length() * b.length() > MAX_CHARACTER_CELLS) {
            List<String> wa = words(a);
            List<String> wb = words(b);
            return 1.0 - (double) distance(wa.size(), wb.size(), (i, j) -> wa.get(i).equals(wb.get(j)))
                    / Math.max(1, Math.max(wa.size(), wb.size()));
        }
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) distance(a.length(), b.length(), (i, j) -> a.charAt(i) == b.charAt(j)) / max;
    }

    /** Whether element {@code i} of one sequence equals element {@code j} of the other. */
    private interface Same {
        boolean at(int i, int j);
    }

    /** The edit distance between two sequences of {@code n} and {@code m} elements, two rows of the table kept. */
    private static int distance(int n, int m, Same same) {
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = same.at(i - 1, j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    static double rougeL(List<String> reference, List<String> candidate) {
        if (reference.isEmpty() && candidate.isEmpty()) {
            return 1.0;
        }
        if (reference.isEmpty() || candidate.isEmpty()) {
            return 0.0;
        }
        int[] prev = new int[candidate.size() + 1];
        int[] cur = new int[candidate.size() + 1];
        for (String r : reference) {
            for (int j = 1; j <= candidate.size(); j++) {
                cur[j] = r.equals(candidate.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int lcs = prev[candidate.size()];
        if (lcs == 0) {
            return 0.0;
        }
        double precision = (double) lcs / candidate.size();
        double recall = (double) lcs / reference.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** How two texts that differ fare under a similarity rule. */
    record Judgement(boolean numbersExceeded, boolean alike, double score) {
        /** The same words, numbers inside the rule's tolerance: no difference at all. */
        boolean equal() {
            return !numbersExceeded && alike && Double.isNaN(score);
        }
    }

    /**
     * The difference two texts make under {@code rule}, or {@code null} when they are equal by it: beyond the numbers'
     * tolerance, a tolerance difference; alike by the metric, noise saying the score; less alike, a {@code similarity}
     * difference whose candidate value carries the text and its score.
     */
    static Difference difference(EndpointKey endpoint, String path, JsonNode p, JsonNode c, RouteConfig.SimilarityRule rule,
                                 String ignoredBecause) {
        Judgement j = judge(p.textValue(), c.textValue(), rule);
        if (j.equal()) {
            return null;
        }
        if (j.numbersExceeded()) {
            return new Difference(endpoint, path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, ignoredBecause);
        }
        if (j.alike()) {
            return new Difference(endpoint, path, DifferenceKind.SIMILARITY, p, c, ignoredBecause != null ? ignoredBecause
                    : String.format(Locale.ROOT, "alike by %s %.3f (at least %s)", rule.metric(), j.score(), rule.atLeast()));
        }
        ObjectNode scored = JsonNodeFactory.instance.objectNode();
        scored.set("text", c);
        scored.put("score", Math.round(j.score() * 1000) / 1000.0);
        scored.put("metric", rule.metric());
        scored.put("atLeast", rule.atLeast());
        return new Difference(endpoint, path, DifferenceKind.SIMILARITY, p, scored, ignoredBecause);
    }

    static Judgement judge(String p, String c, RouteConfig.SimilarityRule rule) {
        if (rule.numbers() != null) {
            Boolean within = sameWordsNumbersWithin(p, c, rule.numbers());
            if (within != null) {
                return new Judgement(!within, within, Double.NaN);
            }
        }
        double score = score(rule.metric(), p, c);
        return new Judgement(false, score >= rule.atLeast(), score);
    }

    /** The numbers of a text in order, and the text with each replaced by one placeholder. */
    record Numbers(String words, List<Double> values) {}

    static Numbers numbers(String text) {
        List<Double> values = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            values.add(Double.parseDouble(m.group()));
            m.appendReplacement(sb, "\u0000");
        }
        m.appendTail(sb);
        return new Numbers(sb.toString(), values);
    }

    /**
     * {@code null} when the two texts are not the same words with numbers in the same places; else whether every
     * pair of numbers is within {@code tolerance}.
     */
    static Boolean sameWordsNumbersWithin(String a, String b, RouteConfig.Tolerance tolerance) {
        Numbers x = numbers(a);
        Numbers y = numbers(b);
        if (x.values().isEmpty() || !x.words().equals(y.words()) || x.values().size() != y.values().size()) {
            return null;
        }
        for (int i = 0; i < x.values().size(); i++) {
            if (!NumericEquality.within(x.values().get(i), y.values().get(i), tolerance)) {
                return false;
            }
        }
        return true;
    }
}
