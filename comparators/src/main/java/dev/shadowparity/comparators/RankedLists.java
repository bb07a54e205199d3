package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.JsonPaths;
import dev.shadowparity.core.Ranking;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the ranked lists of a route's {@code topK} rules agreed in one exchange: Jaccard@k, Kendall's tau and the first
 * result. Measured only for the lists the differ found apart (a label, a missing or an extra entry in the first
 * {@code k}); every other list agreed in full, and the ledger counts it so from the compared exchanges. So an exchange
 * whose lists agree costs nothing here, and one that differs costs one parse of the two bodies.
 */
final class RankedLists {

    /** An entry of a list ({@code $.results[3]}) or one of its fields ({@code $.results[3].label}, {@code …['odd key']}). */
    private static final Pattern ENTRY = Pattern.compile("^(.*?)\\[(\\d+)](?:\\.[^.\\[]+|\\['(?:[^'\\\\]|\\\\.)*'])?$");

    private RankedLists() {}

    /**
     * The rankings of the lists {@code differences} show apart, each once, in the order first seen; empty when none
     * (or when a body is no longer JSON, as a difference of its own already says).
     */
    static List<Ranking> of(RouteRules rules, List<Difference> differences, RecordedResponse primary,
                            RecordedResponse candidate) {
        Map<String, RouteConfig.TopK> lists = new LinkedHashMap<>();
        for (Difference d : differences) {
            if (d.isNoise() && !TOP_K_NOISE.equals(d.noiseReason())) {
                continue; // ignored by a rule, or the two primaries' own noise: not the candidate's ranking
            }
            String path = d.path();
            InList found = root(rules, path);
            if (found != null && !found.scoreOnly()) {
                lists.putIfAbsent(found.root(), found.rule());
            }
        }
        if (lists.isEmpty()) {
            return List.of();
        }
        JsonNode p = Bodies.parseJson(primary.body(), primary.contentType());
        JsonNode c = Bodies.parseJson(candidate.body(), candidate.contentType());
        if (p == null || c == null) {
            return List.of();
        }
        List<Ranking> out = new ArrayList<>(lists.size());
        lists.forEach((root, rule) -> {
            Ranking r = ranking(root, labels(at(p, root), rule), labels(at(c, root), rule));
            if (r != null) {
                out.add(r);
            }
        });
        return out;
    }

    /** Why an entry of a ranked list that differs is noise for the parity: the route's ranking checks judge it. */
    static final String TOP_K_NOISE = "ranked list: judged by the route's ranking checks (Jaccard@k, Kendall tau, same first result)";

    /** The list a difference lies in, its rule, and whether the difference is only a score (which moves no rank). */
    private record InList(String root, RouteConfig.TopK rule, boolean scoreOnly) {}

    private static InList root(RouteRules rules, String path) {
        if (!path.startsWith("$")) {
            return null;
        }
        RouteRules.PathRule<RouteConfig.TopK> whole = rules.topK.findText(path);
        if (whole != null) {
            return new InList(path, whole.rule(), false); // the list itself: missing, extra, another type
        }
        Matcher m = ENTRY.matcher(path);
        if (!m.matches()) {
            return null;
        }
        RouteRules.PathRule<RouteConfig.TopK> rule = rules.topK.findText(m.group(1));
        if (rule == null) {
            return null;
        }
        String tail = path.substring(m.end(2) + 1);
        boolean score = !tail.isEmpty() && rule.rule().score().equals(JsonPaths.lastField(path));
        return new InList(m.group(1), rule.rule(), score);
    }

    /** The node at a concrete path, or {@code null} when the body has none there. */
    private static JsonNode at(JsonNode body, String path) {
        JsonNode n = body;
        for (Object step : JsonPaths.steps(path)) {
            n = step instanceof Integer i ? n.get(i) : n.get((String) step);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The distinct labels of a list's first {@code k} entries, in rank order; entries without one are no result. */
    private static List<String> labels(JsonNode list, RouteConfig.TopK rule) {
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            for (int i = 0; i < Math.min(rule.k(), list.size()); i++) {
                JsonNode l = list.get(i).get(rule.label());
                if (l != null && !l.isNull()) {
                    labels.add(l.isTextual() ? l.textValue() : l.toString());
                }
            }
        }
        return new ArrayList<>(labels);
    }

    /**
     * The ranking of two lists of labels, or {@code null} when they agree (the same labels in the same order: what
     * differed was beyond them, such as an entry without a label).
     */
    static Ranking ranking(String path, List<String> p, List<String> c) {
        if (p.equals(c)) {
            return null;
        }
        List<String> shared = new ArrayList<>(p);
        shared.retainAll(c);
        int union = p.size() + c.size() - shared.size();
        double jaccard = union == 0 ? 1 : (double) shared.size() / union;
        boolean sameFirst = !p.isEmpty() && !c.isEmpty() && p.get(0).equals(c.get(0));
        return new Ranking(path, jaccard, tau(shared, c), sameFirst);
    }

    /**
     * Kendall's tau-a of the shared labels: {@code shared} is in the primary's order, each pair concordant when the
     * candidate ranks it the same way. 0 with fewer than two shared labels.
     */
    private static double tau(List<String> shared, List<String> candidate) {
        int n = shared.size();
        if (n < 2) {
            return 0;
        }
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = candidate.indexOf(shared.get(i));
        }
        long concordant = 0;
        long discordant = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rank[i] < rank[j]) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        return (double) (concordant - discordant) / ((long) n * (n - 1) / 2);
    }
}
