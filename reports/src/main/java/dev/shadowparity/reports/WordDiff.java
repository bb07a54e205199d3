package dev.shadowparity.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * Two generated texts as one, word by word: words both have are plain, the primary's alone struck out, the candidate's
 * alone underlined, aligned by their longest common subsequence, so a reviewer reads what changed rather than two blobs.
 */
final class WordDiff {

    /** Beyond this many word pairs the texts are shown whole, one above the other. */
    private static final long MAX_CELLS = 4_000_000L;

    private WordDiff() {}

    static String html(String primary, String candidate) {
        List<String> a = tokens(primary);
        List<String> b = tokens(candidate);
        if ((long) a.size() * b.size() > MAX_CELLS) {
            return "<p class=\"worddiff\"><del>" + DiffHtml.esc(primary) + "</del><br><ins>" + DiffHtml.esc(candidate) + "</ins></p>";
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder("<p class=\"worddiff\">");
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                sb.append(DiffHtml.esc(a.get(i)));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                sb.append("<ins>").append(DiffHtml.esc(b.get(j++))).append("</ins>");
            } else {
                sb.append("<del>").append(DiffHtml.esc(a.get(i++))).append("</del>");
            }
        }
        return sb.append("</p>").toString();
    }

    /** Words and the whitespace between them, each a token, so the text reads as it was written. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= text.length(); k++) {
            if (k == text.length() || Character.isWhitespace(text.charAt(k)) != Character.isWhitespace(text.charAt(k - 1))) {
                out.add(text.substring(start, k));
                start = k;
            }
        }
        return out;
    }
}
