package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One recursive walk over two Jackson trees that returns the differences, applying the route's rules at
 * each path. Paths in the output are concrete ({@code $.items[3].price}). Equal subtrees are skipped with
 * {@link JsonEquality#equal} before any path is built, so identical documents cost one comparison and a
 * differing one costs a walk down the differing branches only.
 */
final class JsonDiffer {

    private final EndpointKey endpoint;
    private final RouteRules rules;
    private final List<Difference> out;
    /**
     * Set while walking under a path an ignore rule covers: everything found there is noise, for this reason.
     * {@link StreamingJsonDiffer} sets it to what the ancestors of the node it hands over decided.
     */
    String ignoredBecause;

    /** Where the candidate's drift at tolerated paths goes, or {@code null} to keep none (primary vs secondary). */
    private List<Drift> drifts;

    /** A differ like this one (same endpoint, rules and ignore reason) that reports into other lists. */
    JsonDiffer into(List<Difference> out, List<Drift> drifts) {
        JsonDiffer d = new JsonDiffer(endpoint, rules, out).withDrifts(drifts);
        d.ignoredBecause = ignoredBecause;
        return d;
    }

    JsonDiffer withDrifts(List<Drift> drifts) {
        this.drifts = drifts;
        return this;
    }

    JsonDiffer(EndpointKey endpoint, RouteRules rules, List<Difference> out) {
        this.endpoint = endpoint;
        this.rules = rules;
        this.out = out;
    }

    /**
     * Adds the differences between {@code p} and {@code c}, two whole documents the caller found unequal
     * ({@link JsonEquality#equal}), with paths from {@code $}.
     */
    void diffUnequal(JsonNode p, JsonNode c) {
        differing(p, c, JsonLocation.root(rules.shapes));
    }

    private void diff(JsonNode p, JsonNode c, JsonLocation path) {
        if (!JsonEquality.equal(p, c)) {
            differing(p, c, path);
        }
    }

    /** {@link #diff} for two nodes already known to differ. */
    void differing(JsonNode p, JsonNode c, JsonLocation path) {
        if (ignoredBecause == null) {
            RouteRules.PathRule<Void> ignored = rules.ignore.find(path);
            if (ignored != null) {
                // Walk on, so noise is reported at the exact paths that differ, not at the rule's root.
                ignoredBecause = "ignored by rule " + ignored.pattern();
                try {
                    walk(p, c, path);
                } finally {
                    ignoredBecause = null;
                }
                return;
            }
        }
        walk(p, c, path);
    }

    private void walk(JsonNode p, JsonNode c, JsonLocation path) {
        if (!rules.labels.isEmpty() && p.isValueNode() && c.isValueNode()) {
            RouteRules.PathRule<RouteConfig.LabelRule> label = rules.labels.find(path);
            if (label != null) {
                // A flip, counted by label pair; the agreement check judges how often, so it is not the parity's to fail.
                add(path, DifferenceKind.DECISION, banded(p, p.asText()), banded(c, c.asText()), String.format(
                        java.util.Locale.ROOT, "label flip: judged by the agreement check (>= %.2f%%)", label.rule().minAgreement() * 100));
                return;
            }
        }
        if (p.isNumber() && c.isNumber()) {
            diffNumbers(p, c, path);
        } else if (p.getNodeType() != c.getNodeType()) {
            if (!(rules.coerceTypes && sameAfterCoercion(p, c)) && !equivalent(p, c, path)) {
                add(path, DifferenceKind.TYPE, p, c, null);
            }
        } else if (p.isObject()) {
            diffObjects(p, c, path);
        } else if (p.isArray()) {
            diffArrays(p, c, path);
        } else if (!p.equals(c) && !equivalent(p, c, path)) {
            RouteRules.PathRule<RouteConfig.SimilarityRule> similar = p.isTextual() && !rules.similarity.isEmpty()
                    ? rules.similarity.find(path) : null;
            if (similar != null) {
                diffTexts(p, c, path, similar.rule());
            } else {
                add(path, DifferenceKind.VALUE, p, c, VolatileValues.reasonIfVolatile(p, c));
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper EMBEDDED = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Two generated texts: JSON inside them is compared as JSON (its fields at paths under this one); the same words
     * with numbers inside the rule's tolerance are equal, beyond it a tolerance difference; otherwise the metric's score
     * decides: alike is noise that says the score, less alike a {@code similarity} difference carrying it.
     */
    private void diffTexts(JsonNode p, JsonNode c, JsonLocation path, RouteConfig.SimilarityRule rule) {
        JsonNode pj = embeddedJson(p.textValue());
        JsonNode cj = pj == null ? null : embeddedJson(c.textValue());
        if (pj != null && cj != null) {
            if (!JsonEquality.equal(pj, cj)) {
                differing(pj, cj, path);
            }
            return;
        }
        Difference d = TextSimilarity.difference(endpoint, path.text(), p, c, rule, ignoredBecause);
        if (d != null) {
            out.add(d);
        }
    }

    /** A text that is a JSON object or array, parsed; {@code null} for any other text. */
    private static JsonNode embeddedJson(String text) {
        String t = text.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            JsonNode n = EMBEDDED.readTree(t);
            return n != null && n.isContainerNode() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void diffNumbers(JsonNode p, JsonNode c, JsonLocation path) {
        if (NumericEquality.sameValue(p, c)) {
            return;
        }
        RouteRules.PathRule<RouteConfig.Tolerance> tol = rules.tolerance.find(path);
        if (tol != null && drifts != null) {
            drifts.add(new Drift(path.text(), p.doubleValue(), c.doubleValue()));
        }
        RouteRules.PathRule<RouteConfig.DecisionRule> decision = rules.decisions.find(path);
        if (decision != null) {
            int pb = decision.rule().bandOf(p.doubleValue());
            int cb = decision.rule().bandOf(c.doubleValue());
            if (pb != cb) {
                // What the callers act on changed: a regression whatever the tolerance says of the drift.
                add(path, DifferenceKind.DECISION, banded(p, decision.rule().label(pb)), banded(c, decision.rule().label(cb)), null);
                return;
            }
        }
        if (tol == null) {
            if (!equivalent(p, c, path)) {
                add(path, DifferenceKind.VALUE, p, c, null);
            }
        } else if (!NumericEquality.within(p.doubleValue(), c.doubleValue(), tol.rule())) {
            add(path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, null);
        }
    }

    /** A decision difference's value: the number, and the band its side put it in. */
    private static JsonNode banded(JsonNode value, String band) {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.set("value", value);
        return o.put("band", band);
    }

    /** Two scalars that both match the route's regular expression for this path are the same thing. */
    private boolean equivalent(JsonNode p, JsonNode c, JsonLocation path) {
        if (rules.equivalent.isEmpty() || !p.isValueNode() || !c.isValueNode()) {
            return false;
        }
        RouteRules.PathRule<Pattern> rule = rules.equivalent.find(path);
        return rule != null && rule.rule().matcher(p.asText()).matches() && rule.rule().matcher(c.asText()).matches();
    }

    /** {@code 42} and {@code "42"}, {@code true} and {@code "true"}: equal only where the route allows coercion. */
    private static boolean sameAfterCoercion(JsonNode p, JsonNode c) {
        JsonNode text = p.isTextual() ? p : c.isTextual() ? c : null;
        JsonNode other = text == p ? c : p;
        if (text == null) {
            return false;
        }
        if (other.isNumber()) {
            try {
                return new java.math.BigDecimal(text.textValue().trim()).compareTo(other.decimalValue()) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return other.isBoolean() && text.textValue().trim().equals(other.asText());
    }

    /**
     * Ranked results: the first {@code k} entries must name the same labels in the same order, with scores
     * within the tolerance; entries beyond {@code k} and other fields are not compared.
     */
    private void diffTopK(JsonNode p, JsonNode c, JsonLocation path, RouteConfig.TopK rule) {
        // With ranking thresholds, a rank that moved is the ranking checks' to judge over the run, not each answer's parity.
        String ranked = rule.judgedByRanking() ? RankedLists.TOP_K_NOISE : null;
        for (int i = 0; i < rule.k(); i++) {
            JsonNode pe = p.get(i);
            JsonNode ce = c.get(i);
            JsonLocation at = path.index(i);
            if (pe == null && ce == null) {
                return;
            }
            if (ce == null) {
                add(at, DifferenceKind.MISSING, pe, null, ranked != null ? ranked : ignoreReason(at));
                continue;
            }
            if (pe == null) {
                add(at, DifferenceKind.EXTRA, null, ce, ranked != null ? ranked : ignoreReason(at));
                continue;
            }
            JsonNode pl = pe.get(rule.label());
            JsonNode cl = ce.get(rule.label());
            if (pl == null || !pl.equals(cl)) {
                add(at.field(rule.label()), DifferenceKind.VALUE, pl, cl, ranked);
                continue;
            }
            JsonNode ps = pe.get(rule.score());
            JsonNode cs = ce.get(rule.score());
            if (ps == null || cs == null || !ps.isNumber() || !cs.isNumber()) {
                if (ps == null ? cs != null : !ps.equals(cs)) {
                    add(at.field(rule.score()), DifferenceKind.TYPE, ps, cs, null);
                }
            } else if (Math.abs(ps.doubleValue() - cs.doubleValue()) > rule.scoreTolerance()) {
                add(at.field(rule.score()), DifferenceKind.TOLERANCE_EXCEEDED, ps, cs, null);
            }
        }
    }

    /**
     * Fields present on both sides are compared, the others are missing or extra. Two answers of one API nearly
     * always list their fields in the same order, so both sides are walked side by side while the names agree
     * (no lookups); from the first disagreement on, the rest is matched by name.
     */
    private void diffObjects(JsonNode p, JsonNode c, JsonLocation path) {
        Iterator<Map.Entry<String, JsonNode>> ip = p.fields();
        Iterator<Map.Entry<String, JsonNode>> ic = c.fields();
        Map.Entry<String, JsonNode> pe = null;
        Map.Entry<String, JsonNode> ce = null;
        while (ip.hasNext() && ic.hasNext()) {
            pe = ip.next();
            ce = ic.next();
            if (!JsonEquality.sameName(pe.getKey(), ce.getKey())) {
                break;
            }
            if (!JsonEquality.equal(pe.getValue(), ce.getValue())) {
                differing(pe.getValue(), ce.getValue(), path.field(pe.getKey()));
            }
            pe = null;
            ce = null;
        }
        // The names walked so far are on both sides; what follows, from pe and ce on, is matched by name.
        byName(p, pe, ip, c, ce, ic, path);
    }

    /**
     * The fields of two objects from where their names part ways ({@code pe} and {@code ce}, or the next of each
     * iterator when null), matched by name in {@code p} and {@code c}: differing values, then missing fields in
     * the primary's order, then extra ones in the candidate's.
     */
    void byName(JsonNode p, Map.Entry<String, JsonNode> pe, Iterator<Map.Entry<String, JsonNode>> ip,
                JsonNode c, Map.Entry<String, JsonNode> ce, Iterator<Map.Entry<String, JsonNode>> ic, JsonLocation path) {
        for (; pe != null || ip.hasNext(); pe = null) {
            Map.Entry<String, JsonNode> e = pe != null ? pe : ip.next();
            JsonNode cv = c.get(e.getKey());
            if (cv == null) {
                missing(path.field(e.getKey()), e.getValue());
            } else if (!JsonEquality.equal(e.getValue(), cv)) {
                differing(e.getValue(), cv, path.field(e.getKey()));
            }
        }
        if (rules.candidateMayAddFields) {
            return;
        }
        for (; ce != null || ic.hasNext(); ce = null) {
            Map.Entry<String, JsonNode> e = ce != null ? ce : ic.next();
            if (!p.has(e.getKey())) {
                extra(path.field(e.getKey()), e.getValue());
            }
        }
    }

    private void diffArrays(JsonNode p, JsonNode c, JsonLocation path) {
        RouteRules.PathRule<RouteConfig.TopK> topK = rules.topK.find(path);
        if (topK != null) {
            diffTopK(p, c, path, topK.rule());
            return;
        }
        RouteRules.PathRule<RouteConfig.VectorRule> vector = rules.vectors.find(path);
        if (vector != null && VectorSimilarity.isNumeric(p) && VectorSimilarity.isNumeric(c)) {
            if (p.size() != c.size()) {
                add(path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, null); // another dimension
                return;
            }
            VectorSimilarity.Measured m = VectorSimilarity.measure(VectorSimilarity.values(p), VectorSimilarity.values(c), p.size());
            if (drifts != null && !m.sameValues()) {
                drifts.add(Drift.cosine(path.text(), m.boundedCosine()));
            }
            if (VectorSimilarity.failure(m, vector.rule()) != null) {
                add(path, DifferenceKind.TOLERANCE_EXCEEDED, p, c, null);
            }
            return;
        }
        RouteRules.PathRule<RouteConfig.ArrayRule> arrayRule = rules.arrays.find(path);
        if (arrayRule != null && arrayRule.rule().by() != null) {
            diffArraysByKey(p, c, path, arrayRule.rule());
            return;
        }
        diffArraysByContent(p, c, path, arrayRule != null && arrayRule.rule().unordered());
    }

    /**
     * Aligns two arrays by content, as a text diff aligns lines: the common head and tail are skipped;
     * in between, equal elements are paired (hash lookup), and those outside the longest run that kept its
     * relative order are the moved ones, one array-order difference each (none when {@code unordered}).
     * Elements left unpaired between two in-order pairs are compared with each other in order (that is
     * where a changed value or a missing field inside an element shows), then those left in different
     * gaps, and what remains is missing or extra. A moved element thus costs one difference, not one per
     * index it shifted.
     */
    private void diffArraysByContent(JsonNode p, JsonNode c, JsonLocation path, boolean unordered) {
        lengths(p.size(), c.size(), path);
        int head = 0;
        while (head < p.size() && head < c.size() && JsonEquality.equal(p.get(head), c.get(head))) {
            head++;
        }
        int pEnd = p.size();
        int cEnd = c.size();
        while (pEnd > head && cEnd > head && JsonEquality.equal(p.get(pEnd - 1), c.get(cEnd - 1))) {
            pEnd--;
            cEnd--;
        }
        if (pEnd - head == cEnd - head && pEnd > head && diffInPlace(p, c, head, pEnd, path)) {
            return;
        }
        alignMiddle(new TreeSides(p, c, head), head, pEnd, cEnd, path, unordered);
    }

    /**
     * Two arrays' elements as the alignment sees them. Read from trees ({@link TreeSides}), or from the bytes by
     * {@link StreamingJsonDiffer}, which builds a tree only for an element it reports; either way the alignment and
     * its differences are the same.
     */
    interface ArraySides {
        /**
         * A hash of the primary's element {@code i}, equal for equal elements; {@code byKey} asks for the cheaper one
         * {@link ElementsByContent} tries first, where a side has one.
         */
        int primaryHash(int i, boolean byKey);

        int candidateHash(int j, boolean byKey);

        /** Whether the primary's element {@code i} equals the candidate's {@code j}, as {@link JsonEquality#equal} says. */
        boolean equal(int i, int j);

        JsonNode primary(int i);

        JsonNode candidate(int j);

        /** Adds the differences between the primary's {@code i} and the candidate's {@code j}, known unequal, at {@code at}. */
        void differing(int i, int j, JsonLocation at);
    }

    /** Both arrays as Jackson trees; objects hash by their first field's value first ({@link ElementsByContent}). */
    private final class TreeSides implements ArraySides {
        private final JsonNode p;
        private final JsonNode c;
        /** The field objects hash by, chosen by the first candidate element the alignment indexes. */
        private final String keyField;

        TreeSides(JsonNode p, JsonNode c, int head) {
            this.p = p;
            this.c = c;
            this.keyField = head < c.size() ? ElementsByContent.keyField(c.get(head)) : null;
        }

        @Override
        public int primaryHash(int i, boolean byKey) {
            return ElementsByContent.hash(p.get(i), byKey ? keyField : null);
        }

        @Override
        public int candidateHash(int j, boolean byKey) {
            return ElementsByContent.hash(c.get(j), byKey ? keyField : null);
        }

        @Override
        public boolean equal(int i, int j) {
            return JsonEquality.equal(p.get(i), c.get(j));
        }

        @Override
        public JsonNode primary(int i) {
            return p.get(i);
        }

        @Override
        public JsonNode candidate(int j) {
            return c.get(j);
        }

        @Override
        public void differing(int i, int j, JsonLocation at) {
            JsonDiffer.this.differing(p.get(i), c.get(j), at);
        }
    }

    /**
     * The alignment of {@code p[head, pEnd)} and {@code c[head, cEnd)}, both ends unequal (the common head and tail
     * are skipped by the caller): pairs by content, moved pairs, unpaired elements compared in order, the surplus
     * missing or extra.
     */
    void alignMiddle(ArraySides s, int head, int pEnd, int cEnd, JsonLocation path, boolean unordered) {
        Pairing pairing = Pairing.of(s, head, pEnd, cEnd);
        List<Integer> leftPrimary = new ArrayList<>();
        List<Integer> leftCandidate = new ArrayList<>();
        walkGaps(s, path, unordered, pairing, pEnd, cEnd, leftPrimary, leftCandidate);
        // Unpaired elements on both sides but in different gaps: most often one element that moved and
        // changed. Compared in order, as a reviewer would pair them; only the surplus is missing or extra.
        int pairs = Math.min(leftPrimary.size(), leftCandidate.size());
        for (int k = 0; k < pairs; k++) {
            s.differing(leftPrimary.get(k), leftCandidate.get(k), path.index(leftPrimary.get(k)));
        }
        for (int k = pairs; k < leftPrimary.size(); k++) {
            missing(path.index(leftPrimary.get(k)), s.primary(leftPrimary.get(k)));
        }
        for (int k = pairs; k < leftCandidate.size(); k++) {
            extra(path.index(leftCandidate.get(k)), s.candidate(leftCandidate.get(k)));
        }
    }

    /** An {@code array-length} difference, when the two arrays' sizes differ. */
    void lengths(int pSize, int cSize, JsonLocation path) {
        if (pSize != cSize) {
            add(path, DifferenceKind.ARRAY_LENGTH, JsonNodeFactory.instance.numberNode(pSize),
                    JsonNodeFactory.instance.numberNode(cSize), null);
        }
    }

    /**
     * Equal elements of {@code p[head, pEnd)} and {@code c[head, cEnd)} paired by content, and which pairs keep
     * their relative order (the longest increasing run of partners): those are the anchors of the alignment.
     *
     * @param partner       the candidate index paired with {@code p[head + k]}, or -1
     * @param pairedPrimary the primary indexes that found a partner, in order; {@code pairedCount} of them
     * @param inOrder       per paired primary element, whether its pair is an anchor
     */
    private record Pairing(int head, int[] partner, boolean[] candidatePaired, int[] pairedPrimary, int pairedCount,
                           boolean[] inOrder) {

        static Pairing of(ArraySides s, int head, int pEnd, int cEnd) {
            ElementsByContent candidates = new ElementsByContent(s, head, cEnd);
            int[] partner = new int[pEnd - head];
            boolean[] candidatePaired = new boolean[cEnd - head];
            int[] pairedPrimary = new int[pEnd - head];
            int pairedCount = 0;
            for (int i = head; i < pEnd; i++) {
                int j = candidates.pair(i);
                partner[i - head] = j;
                if (j >= 0) {
                    candidatePaired[j - head] = true;
                    pairedPrimary[pairedCount++] = i;
                }
            }
            int[] partnersInPrimaryOrder = new int[pairedCount];
            for (int k = 0; k < pairedCount; k++) {
                partnersInPrimaryOrder[k] = partner[pairedPrimary[k] - head];
            }
            return new Pairing(head, partner, candidatePaired, pairedPrimary, pairedCount,
                    ArrayOrder.longestIncreasing(partnersInPrimaryOrder));
        }

        int partnerOf(int primaryIndex) {
            return partner[primaryIndex - head];
        }

        boolean isPaired(int candidateIndex) {
            return candidatePaired[candidateIndex - head];
        }
    }

    /**
     * Walks both sides between consecutive anchors (the last anchor is the common tail): a moved pair is an
     * {@code array-order} difference, unpaired elements within one gap are compared in order, and what a gap leaves
     * over on either side is collected for the caller.
     */
    private void walkGaps(ArraySides s, JsonLocation path, boolean unordered, Pairing pairing, int pEnd,
                          int cEnd, List<Integer> leftPrimary, List<Integer> leftCandidate) {
        int nextCandidate = pairing.head();
        int i = pairing.head();
        List<Integer> gapPrimary = new ArrayList<>();
        for (int k = 0; k <= pairing.pairedCount(); k++) {
            boolean last = k == pairing.pairedCount();
            int anchorI = last ? pEnd : pairing.pairedPrimary()[k];
            if (!last && !pairing.inOrder()[k]) {
                if (!unordered) {
                    add(path.index(anchorI), DifferenceKind.ARRAY_ORDER, JsonNodeFactory.instance.numberNode(anchorI),
                            JsonNodeFactory.instance.numberNode(pairing.partnerOf(anchorI)), null);
                }
                continue;
            }
            for (; i < anchorI; i++) {
                if (pairing.partnerOf(i) < 0) {
                    gapPrimary.add(i);
                }
            }
            int anchorJ = last ? cEnd : pairing.partnerOf(anchorI);
            int g = 0;
            for (; nextCandidate < anchorJ; nextCandidate++) {
                if (pairing.isPaired(nextCandidate)) {
                    continue;
                }
                if (g < gapPrimary.size()) {
                    // Unpaired, so unequal: an equal element would have been paired with this one or an earlier one.
                    int pi = gapPrimary.get(g++);
                    s.differing(pi, nextCandidate, path.index(pi));
                } else {
                    leftCandidate.add(nextCandidate);
                }
            }
            for (; g < gapPrimary.size(); g++) {
                leftPrimary.add(gapPrimary.get(g));
            }
            gapPrimary.clear();
            i = anchorI + 1;
            nextCandidate = Math.max(nextCandidate, anchorJ + 1);
        }
    }

    /**
     * The usual shape of a changed array: the same elements in the same places, some of them changed. Each pair
     * is compared where it stands, in one pass, while checking that the pairing by content could not differ:
     * every element must hash as its counterpart ({@link ElementsByContent#hash}) and no two candidate elements
     * alike, for then an element can only equal the one at its own place, and none moved. The first element
     * that breaks this undoes what the pass reported and returns false, for the alignment by content.
     * One pass, not an indexing pass and then a comparing one: on a large array that is one trip through memory.
     */
    private boolean diffInPlace(JsonNode p, JsonNode c, int from, int to, JsonLocation path) {
        String key = ElementsByContent.keyField(c.get(from));
        ElementsByContent.IntHashSet seen = new ElementsByContent.IntHashSet(to - from);
        int reported = out.size();
        int drifted = drifts == null ? 0 : drifts.size();
        for (int i = from; i < to; i++) {
            JsonNode pe = p.get(i);
            JsonNode ce = c.get(i);
            int h = ElementsByContent.hash(ce, key);
            if (ElementsByContent.hash(pe, key) != h || !seen.add(h)) {
                // taken back whole, drift included: the alignment compares these elements again
                out.subList(reported, out.size()).clear();
                if (drifts != null) {
                    drifts.subList(drifted, drifts.size()).clear();
                }
                return false;
            }
            if (pe.isObject() && ce.isObject()) {
                // walked at once: the walk passes over equal fields as an equality check would, so a
                // changed record is read once, not once to find it changed and again to find where
                differing(pe, ce, path.index(i));
            } else if (!JsonEquality.equal(pe, ce)) {
                differing(pe, ce, path.index(i));
            }
        }
        return true;
    }

    /**
     * Elements with the same key are compared wherever they stand. Elements outside the longest run that
     * kept its relative order are the moved ones: one array-order difference each, not one per shifted index.
     */
    private void diffArraysByKey(JsonNode p, JsonNode c, JsonLocation path, RouteConfig.ArrayRule rule) {
        Map<JsonNode, Integer> candidateIndex = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            JsonNode key = c.get(i).get(rule.by());
            if (key != null) {
                candidateIndex.putIfAbsent(key, i);
            }
        }
        boolean[] matched = new boolean[c.size()];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            JsonNode key = p.get(i).get(rule.by());
            Integer j = key == null ? null : candidateIndex.get(key);
            if (j == null || matched[j]) {
                missing(path.index(i), p.get(i));
                continue;
            }
            matched[j] = true;
            pairs.add(new int[] {i, j});
            diff(p.get(i), c.get(j), path.index(i));
        }
        if (!rule.unordered()) {
            boolean[] inOrder = ArrayOrder.longestIncreasing(pairs.stream().mapToInt(ij -> ij[1]).toArray());
            for (int k = 0; k < pairs.size(); k++) {
                if (!inOrder[k]) {
                    int[] ij = pairs.get(k);
                    add(path.index(ij[0]), DifferenceKind.ARRAY_ORDER,
                            JsonNodeFactory.instance.numberNode(ij[0]), JsonNodeFactory.instance.numberNode(ij[1]), null);
                }
            }
        }
        for (int j = 0; j < c.size(); j++) {
            if (!matched[j]) {
                extra(path.index(j), c.get(j));
            }
        }
    }

    void missing(JsonLocation path, JsonNode p) {
        add(path, DifferenceKind.MISSING, p, null, ignoreReason(path));
    }

    void extra(JsonLocation path, JsonNode c) {
        add(path, DifferenceKind.EXTRA, null, c, ignoreReason(path));
    }

    private String ignoreReason(JsonLocation path) {
        RouteRules.PathRule<Void> r = rules.ignore.find(path);
        return r == null ? null : "ignored by rule " + r.pattern();
    }

    private void add(JsonLocation path, DifferenceKind kind, JsonNode p, JsonNode c, String noise) {
        out.add(new Difference(endpoint, path.text(), kind, p, c, ignoredBecause != null ? ignoredBecause : noise));
    }
}
