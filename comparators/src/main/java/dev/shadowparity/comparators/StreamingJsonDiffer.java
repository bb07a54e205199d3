package dev.shadowparity.comparators;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.config.RouteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two JSON bodies compared from their bytes, read by two Jackson streaming parsers in lockstep: while the token
 * streams agree nothing is allocated and no tree is built. Where they part ways, the least the tree differ
 * ({@link JsonDiffer}) needs is read and handed to it, so every difference, rule, tolerance and noise decision is
 * the tree differ's own:
 * <ul>
 *   <li>two scalars that differ: the two nodes, at their path;</li>
 *   <li>an object whose field names part ways: the rest of each object is matched by name, each value pair
 *       compared again from its bytes, a tree built only for a field that is missing or extra;</li>
 *   <li>an array with an unequal element: the elements stay compared in place when that is what the tree
 *       differ's alignment would do (same length, each element's key, its first field's value, as its
 *       counterpart's and no two alike); otherwise each element is hashed from its tokens and aligned by
 *       hash and bytes, a tree built only for an element that is reported;</li>
 *   <li>an array a {@code topK} or {@code arrays: {by}} rule judges whole: both trees; a {@code vectors} rule:
 *       the numbers, read into buffers.</li>
 * </ul>
 * A body that is not one UTF-8 JSON value is refused ({@link #diff} returns false) and the caller parses trees as
 * before. One known departure: in an object with a duplicated field name the tree keeps the last value, while the
 * lockstep compares each occurrence.
 */
final class StreamingJsonDiffer {

    /** The mapper {@code Bodies.parseJson} reads with: the same parser features and the same node types. */
    private static final ObjectMapper TREES = new ObjectMapper();
    /**
     * Its parser, reading doubles with Jackson's FastDoubleParser: the same correctly rounded values as
     * {@code Double.parseDouble}, in a fraction of the time.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /** Hashes of scalars inside containers and of first fields: floats all hash alike (parsing them costs more). */
    private static final int FLOAT_HASH = 7;
    private static final int CONTAINER_HASH = 17;
    private static final int[] NO_INTS = new int[0];

    private final JsonDiffer tree;
    private final RouteRules rules;
    private final List<Difference> out;
    private final List<Drift> drifts;
    private final byte[] pBytes;
    private final byte[] cBytes;
    /** Where each parser's input starts in its array: the parser counts offsets from there. */
    private final int pOffset;
    private final int cOffset;
    private final JsonParser p;
    private final JsonParser c;
    /** What an ignore rule above where this walk starts decided, or {@code null}. */
    private final String inherited;
    private final boolean arrayRules;

    // Where the walk stands: per depth, a field name or (name null) an element index; locations built when asked.
    private String[] names = new String[8];
    private int[] indexes = new int[8];
    private JsonLocation[] locations = new JsonLocation[8];
    private int locationsValid;
    /** Per depth, the path's shape; valid up to {@code shapesValid}, kept while the walk enters the same names. */
    private String[] shapes = new String[8];
    private int shapesValid;
    /** Per depth, the array rules decided for the shape in {@code ruleShapes}: which kind, and a vector rule. */
    private String[] ruleShapes;
    private byte[] ruleKinds;
    private RouteConfig.VectorRule[] vectorRules;
    private final boolean rulesByShape;
    /** The depth of an element object whose first field already ruled out comparing its array in place, or -1. */
    private int misalignedAt = -1;
    private Track[] tracks = new Track[0];

    /** The depth of the object walked to its end last, and each side's key of it (for the array holding it). */
    private int walkedObject = -1;
    private final String[] objectFirstName = new String[2];
    private final int[] objectKey = new int[2];

    private static final double[] NO_DOUBLES = new double[0];
    private static final byte[] NO_BYTES = new byte[0];
    private double[] pNumbers = NO_DOUBLES;
    private double[] cNumbers = NO_DOUBLES;
    private byte[] pKinds = NO_BYTES;
    private byte[] cKinds = NO_BYTES;

    private StreamingJsonDiffer(JsonDiffer tree, RouteRules rules, List<Difference> out, List<Drift> drifts,
                                byte[] pBytes, int pOffset, JsonParser p, byte[] cBytes, int cOffset, JsonParser c,
                                JsonLocation base, String inherited) {
        this.tree = tree;
        this.rules = rules;
        this.out = out;
        this.drifts = drifts;
        this.pBytes = pBytes;
        this.pOffset = pOffset;
        this.p = p;
        this.cBytes = cBytes;
        this.cOffset = cOffset;
        this.c = c;
        this.inherited = inherited;
        this.arrayRules = !rules.topK.isEmpty() || !rules.vectors.isEmpty() || !rules.arrays.isEmpty();
        this.rulesByShape = rules.topK.byShape() && rules.vectors.byShape() && rules.arrays.byShape();
        locations[0] = base;
        shapes[0] = base.shape();
    }

    /**
     * Adds the differences between two JSON bodies, as {@link JsonDiffer} would find them in their trees, to
     * {@code out} (and drift at tolerated paths to {@code drifts}, when not null). Returns false, having added
     * whatever it had found, when either body is not one JSON value in UTF-8: the caller removes that and
     * compares the bodies another way.
     */
    static boolean diff(EndpointKey endpoint, RouteRules rules, byte[] primary, byte[] candidate,
                        List<Difference> out, List<Drift> drifts) {
        JsonDiffer tree = new JsonDiffer(endpoint, rules, out).withDrifts(drifts);
        try (JsonParser p = FACTORY.createParser(primary); JsonParser c = FACTORY.createParser(candidate)) {
            // Offsets are byte offsets only in the UTF-8 parser; UTF-16 and UTF-32 bodies are read as trees.
            if (!(p instanceof UTF8StreamJsonParser) || !(c instanceof UTF8StreamJsonParser)
                    || p.nextToken() == null || c.nextToken() == null) {
                return false;
            }
            new StreamingJsonDiffer(tree, rules, out, drifts, primary, 0, p, candidate, 0, c,
                    JsonLocation.root(rules.shapes), null).value(0);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Compares the values both parsers stand on, at {@code depth}; leaves each on its value's last token.
     * True when they are equal ({@link JsonEquality#equal}).
     */
    private boolean value(int depth) throws IOException {
        JsonToken tp = p.currentToken();
        if (tp == c.currentToken()) {
            switch (tp) {
                case START_OBJECT:
                    return object(depth);
                case START_ARRAY:
                    return array(depth);
                case VALUE_TRUE:
                case VALUE_FALSE:
                case VALUE_NULL:
                    return true;
                case VALUE_STRING:
                    if (sameRawString(pBytes, start(p, pOffset), cBytes, start(c, cOffset)) || sameText()) {
                        return true;
                    }
                    break;
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    if (sameText() || sameNumber(tp)) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return nodes(depth, read(p), read(c));
    }

    /** Two values read as nodes at {@code depth}: equal, or handed to the tree differ there. */
    private boolean nodes(int depth, JsonNode pn, JsonNode cn) {
        if (JsonEquality.equal(pn, cn)) {
            return true;
        }
        String before = tree.ignoredBecause;
        tree.ignoredBecause = ignoredAbove(depth);
        try {
            tree.differing(pn, cn, location(depth));
        } finally {
            tree.ignoredBecause = before;
        }
        return false;
    }

    private boolean object(int depth) throws IOException {
        boolean equal = true;
        int size = 0;
        int pKey = 0;
        int cKey = 0;
        String first = null;
        while (true) {
            JsonToken tp = p.nextToken();
            JsonToken tc = c.nextToken();
            if (tp == JsonToken.FIELD_NAME && tc == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (JsonEquality.sameName(name, c.currentName())) {
                    enter(depth + 1, name, -1);
                    p.nextToken();
                    c.nextToken();
                    equal &= value(depth + 1);
                    if (size == 0) {
                        first = name;
                        pKey = keyHash(p);
                        cKey = keyHash(c);
                        if (pKey != cKey && depth > 0 && names[depth] == null) {
                            // An element whose key differs from its counterpart's: the array is aligned, not
                            // compared in place, so the rest of this pair need not be walked now.
                            int pSize = 1 + skipRest(p);
                            int cSize = 1 + skipRest(c);
                            misalignedAt = depth;
                            walked(depth, name, 31 * pSize + pKey, name, 31 * cSize + cKey);
                            return false;
                        }
                    }
                    size++;
                    continue;
                }
            } else if (tp == JsonToken.END_OBJECT && tc == JsonToken.END_OBJECT) {
                walked(depth, first, 31 * size + pKey, first, 31 * size + cKey);
                return equal;
            }
            return equal & restByName(depth, size, first, pKey, cKey);
        }
    }

    /**
     * Moves {@code x}, inside an object on the last token of a field's value, to the object's end; returns how many
     * fields it passed.
     */
    private static int skipRest(JsonParser x) throws IOException {
        int fields = 0;
        for (JsonToken t = x.nextToken(); t != JsonToken.END_OBJECT; t = x.nextToken()) {
            if (t == JsonToken.FIELD_NAME) {
                fields++;
            } else {
                x.skipChildren();
            }
        }
        return fields;
    }

    /** A field's value in the rest of an object: a byte range, or (end -1) the scalar node it is. */
    private record FieldValue(int start, int end, JsonNode node) {
        boolean isContainer() {
            return end >= 0;
        }
    }

    /**
     * The rest of two objects from where their names part ways, matched by name as {@link JsonDiffer#byName} does:
     * each pair compared from its bytes, missing fields in the primary's order, then extra ones in the candidate's.
     */
    private boolean restByName(int depth, int walked, String first, int pKey, int cKey) throws IOException {
        Map<String, FieldValue> pRest = restOf(p, pOffset);
        Map<String, FieldValue> cRest = restOf(c, cOffset);
        if (walked == 0) {
            walked(depth, firstName(pRest), keyOf(pRest), firstName(cRest), keyOf(cRest));
        } else {
            walked(depth, first, 31 * (walked + pRest.size()) + pKey, first, 31 * (walked + cRest.size()) + cKey);
        }
        boolean equal = pRest.size() == cRest.size();
        JsonLocation object = location(depth);
        String reason = ignoredAbove(depth + 1);
        String before = tree.ignoredBecause;
        tree.ignoredBecause = reason;
        try {
            for (Map.Entry<String, FieldValue> e : pRest.entrySet()) {
                FieldValue cv = cRest.get(e.getKey());
                JsonLocation at = object.field(e.getKey());
                if (cv == null) {
                    tree.missing(at, node(pBytes, e.getValue()));
                    equal = false;
                } else if (!sameValue(e.getValue(), cv, at, reason)) {
                    equal = false;
                }
            }
            if (!rules.candidateMayAddFields) {
                for (Map.Entry<String, FieldValue> e : cRest.entrySet()) {
                    if (!pRest.containsKey(e.getKey())) {
                        tree.extra(object.field(e.getKey()), node(cBytes, e.getValue()));
                    }
                }
            }
        } finally {
            tree.ignoredBecause = before;
        }
        return equal;
    }

    /** Compares two field values (or elements) at {@code at}, reporting what differs; true when equal. */
    private boolean sameValue(FieldValue pv, FieldValue cv, JsonLocation at, String reason) throws IOException {
        if (pv.isContainer() && cv.isContainer()) {
            return Arrays.equals(pBytes, pv.start(), pv.end(), cBytes, cv.start(), cv.end())
                    || walk(pv.start(), pv.end(), cv.start(), cv.end(), at, reason);
        }
        JsonNode pn = node(pBytes, pv);
        JsonNode cn = node(cBytes, cv);
        if (JsonEquality.equal(pn, cn)) {
            return true;
        }
        tree.differing(pn, cn, at);
        return false;
    }

    /** A new walk over two byte ranges, one value each, from {@code at}, under what {@code reason} says. */
    private boolean walk(int pStart, int pEnd, int cStart, int cEnd, JsonLocation at, String reason) throws IOException {
        return walk(tree, out, drifts, pStart, pEnd, cStart, cEnd, at, reason);
    }

    /** {@link #walk} reporting through {@code into} to {@code found} and {@code drifted}. */
    private boolean walk(JsonDiffer into, List<Difference> found, List<Drift> drifted, int pStart, int pEnd,
                         int cStart, int cEnd, JsonLocation at, String reason) throws IOException {
        try (JsonParser sp = FACTORY.createParser(pBytes, pStart, pEnd - pStart);
             JsonParser sc = FACTORY.createParser(cBytes, cStart, cEnd - cStart)) {
            sp.nextToken();
            sc.nextToken();
            return new StreamingJsonDiffer(into, rules, found, drifted, pBytes, pStart, sp, cBytes, cStart, sc, at, reason)
                    .value(0);
        }
    }

    /** The fields from where {@code x} stands (a field name or the object's end) to the object's end. */
    private static Map<String, FieldValue> restOf(JsonParser x, int offset) throws IOException {
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        for (JsonToken t = x.currentToken(); t == JsonToken.FIELD_NAME; t = x.nextToken()) {
            String name = x.currentName();
            fields.put(name, element(x, x.nextToken(), offset));
        }
        return fields;
    }

    /** The value {@code x} stands on as a byte range (a container, skipped over) or a scalar node. */
    private static FieldValue element(JsonParser x, JsonToken t, int offset) throws IOException {
        int start = start(x, offset);
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            x.skipChildren();
            return new FieldValue(start, start(x, offset) + 1, null);
        }
        return new FieldValue(start, -1, scalar(x));
    }

    private static JsonNode node(byte[] bytes, FieldValue v) throws IOException {
        return v.isContainer() ? TREES.readTree(bytes, v.start(), v.end() - v.start()) : v.node();
    }

    private static String firstName(Map<String, FieldValue> fields) {
        return fields.isEmpty() ? null : fields.keySet().iterator().next();
    }

    private static int keyOf(Map<String, FieldValue> fields) {
        if (fields.isEmpty()) {
            return 0;
        }
        FieldValue v = fields.values().iterator().next();
        return 31 * fields.size() + (v.isContainer() ? CONTAINER_HASH : keyHash(v.node()));
    }

    /** Notes the keys of the object just walked at {@code depth}, for the array it may be an element of. */
    private void walked(int depth, String pFirst, int pKey, String cFirst, int cKey) {
        walkedObject = depth;
        objectFirstName[0] = pFirst;
        objectKey[0] = pKey;
        objectFirstName[1] = cFirst;
        objectKey[1] = cKey;
    }

    private boolean array(int depth) throws IOException {
        boolean unordered = false;
        if (arrayRules) {
            byte kind = arrayRule(depth);
            if (kind == WHOLE) {
                // Judged whole, but most often written alike: that is told token by token, building no tree.
                int ps = start(p, pOffset);
                int cs = start(c, cOffset);
                if (sameTokensToEnd()) {
                    return true;
                }
                return nodes(depth, TREES.readTree(pBytes, ps, start(p, pOffset) + 1 - ps),
                        TREES.readTree(cBytes, cs, start(c, cOffset) + 1 - cs));
            }
            if (kind == VECTOR) {
                return vector(depth, vectorRules[depth]);
            }
            unordered = kind == UNORDERED;
        }
        int reported = out.size();
        int drifted = drifts == null ? 0 : drifts.size();
        Track track = null;
        int lastUnequal = -1;
        for (int i = 0; ; i++) {
            JsonToken tp = p.nextToken();
            JsonToken tc = c.nextToken();
            if (tp == JsonToken.END_ARRAY || tc == JsonToken.END_ARRAY) {
                if (tp == tc) {
                    break;
                }
                // One side has more elements: they are aligned, from the first unequal one on.
                if (track == null) {
                    track = track(depth, i);
                }
                return aligned(depth, track, tp, tc, unordered, reported, drifted);
            }
            int ps = start(p, pOffset);
            int cs = start(c, cOffset);
            enter(depth + 1, null, i);
            walkedObject = -1;
            misalignedAt = -1;
            boolean equal = value(depth + 1);
            if (equal && track == null) {
                continue; // the common head: nothing to remember
            }
            if (track == null) {
                track = track(depth, i);
            }
            int k = track.add(this, tp, ps, tc, cs, depth + 1);
            if (!equal) {
                lastUnequal = i;
                if (misalignedAt == depth + 1 || !track.inPlace(k)) {
                    return aligned(depth, track, null, null, unordered, reported, drifted);
                }
            }
        }
        if (track == null) {
            return true;
        }
        if (track.keysDistinct(lastUnequal)) {
            return false; // compared in place, as the tree differ's alignment would have: what was reported stands
        }
        return aligned(depth, track, JsonToken.END_ARRAY, JsonToken.END_ARRAY, unordered, reported, drifted);
    }

    private static final byte BY_CONTENT = 1;
    private static final byte UNORDERED = 2;
    private static final byte WHOLE = 3;
    private static final byte VECTOR = 4;

    /**
     * How the rules judge the array at {@code depth}, as {@link JsonDiffer#diffArrays} decides it: a {@code topK} or
     * {@code by} rule whole, a {@code vectors} rule by its numbers, else by content (perhaps unordered). Remembered
     * per depth for the shape, so the elements of an array decide it once.
     */
    private byte arrayRule(int depth) {
        String shape = shape(depth);
        if (ruleShapes == null || depth >= ruleShapes.length) {
            int n = Math.max(8, names.length);
            ruleShapes = ruleShapes == null ? new String[n] : grown(ruleShapes, n, String[]::new);
            ruleKinds = ruleKinds == null ? new byte[n] : Arrays.copyOf(ruleKinds, n);
            vectorRules = vectorRules == null ? new RouteConfig.VectorRule[n]
                    : grown(vectorRules, n, RouteConfig.VectorRule[]::new);
        }
        if (rulesByShape && ruleShapes[depth] == shape) {
            return ruleKinds[depth];
        }
        JsonLocation at = location(depth);
        RouteRules.PathRule<RouteConfig.ArrayRule> arrayRule = rules.arrays.find(at);
        RouteRules.PathRule<RouteConfig.VectorRule> vector = rules.vectors.find(at);
        byte kind;
        if (rules.topK.find(at) != null) {
            kind = WHOLE;
        } else if (vector != null) {
            kind = VECTOR;
            vectorRules[depth] = vector.rule();
        } else if (arrayRule != null && arrayRule.rule().by() != null) {
            kind = WHOLE;
        } else {
            kind = arrayRule != null && arrayRule.rule().unordered() ? UNORDERED : BY_CONTENT;
        }
        ruleShapes[depth] = shape;
        ruleKinds[depth] = kind;
        return kind;
    }

    /**
     * The array at {@code depth} aligned by content: what the in-place walk reported is taken back, each element from
     * the track's head on is hashed (those the walk passed from their bytes, the rest as the parsers read on to
     * the array's end), and the tree differ's alignment runs on them.
     *
     * @param pAt the token the primary's parser stands on when that is an element not yet read or the array's end;
     *            {@code null} when it stands on the last token of an element the walk compared
     */
    private boolean aligned(int depth, Track track, JsonToken pAt, JsonToken cAt, boolean unordered,
                            int reported, int drifted) throws IOException {
        out.subList(reported, out.size()).clear();
        if (drifts != null) {
            drifts.subList(drifted, drifts.size()).clear();
        }
        // The candidate's first: with no element walked, its first element chooses the key field.
        track.hashWalked(track.p, pBytes);
        track.hashWalked(track.c, cBytes);
        track.readRest(track.c, c, cOffset, cAt, track.c.walked == 0);
        track.readRest(track.p, p, pOffset, pAt, false);
        ScannedSides sides = new ScannedSides(track, location(depth));
        int head = track.head;
        int pEnd = head + track.p.count;
        int cEnd = head + track.c.count;
        JsonLocation at = location(depth);
        String before = tree.ignoredBecause;
        tree.ignoredBecause = ignoredAbove(depth + 1);
        try {
            tree.lengths(pEnd, cEnd, at);
            while (pEnd > head && cEnd > head && sides.equal(pEnd - 1, cEnd - 1)) {
                pEnd--;
                cEnd--;
            }
            if (pEnd > head || cEnd > head) {
                tree.alignMiddle(sides, head, pEnd, cEnd, at, unordered);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            tree.ignoredBecause = before;
        }
        return false;
    }

    /**
     * A {@code vectors} rule's array: both read as numbers; equal ones, or ones within the rule, need nothing else.
     * Vectors the rule fails, and arrays that are not all numbers, go to the tree differ whole.
     */
    private boolean vector(int depth, RouteConfig.VectorRule rule) throws IOException {
        int ps = start(p, pOffset);
        int cs = start(c, cOffset);
        // Numbers written alike need no value: the common prefix is passed unread, and only if the arrays part is
        // it read again for the values the rule needs.
        int k = 0;
        JsonToken tp;
        JsonToken tc;
        while (true) {
            tp = p.nextToken();
            tc = c.nextToken();
            if (tp == JsonToken.END_ARRAY && tc == JsonToken.END_ARRAY) {
                return true;
            }
            if (tp != tc || (tp != JsonToken.VALUE_NUMBER_INT && tp != JsonToken.VALUE_NUMBER_FLOAT) || !sameText()) {
                break;
            }
            k++;
        }
        int pn = 0;
        int cn = 0;
        if (k > 0) {
            try (JsonParser x = FACTORY.createParser(pBytes, ps, start(p, pOffset) - ps);
                 JsonParser y = FACTORY.createParser(cBytes, cs, start(c, cOffset) - cs)) {
                x.nextToken();
                y.nextToken();
                pn = numbers(x, true, 0, null, k);
                cn = numbers(y, false, 0, null, k);
            }
        }
        int pRest = numbers(p, true, Math.max(pn, 0), tp, -1);
        int cRest = numbers(c, false, Math.max(cn, 0), tc, -1);
        pn = pn < 0 ? -1 : pRest;
        cn = cn < 0 ? -1 : cRest;
        if (pn >= 0 && cn >= 0) {
            if (pn == cn && sameNumbers(pn)) {
                return true;
            }
            VectorSimilarity.Measured m = pn == cn ? VectorSimilarity.measure(pNumbers, cNumbers, pn) : null;
            if (m != null && VectorSimilarity.failure(m, rule) == null) {
                if (drifts != null && !m.sameValues()) {
                    drifts.add(Drift.cosine(location(depth).text(), m.boundedCosine()));
                }
                return false;
            }
        }
        return nodes(depth, TREES.readTree(pBytes, ps, start(p, pOffset) + 1 - ps),
                TREES.readTree(cBytes, cs, start(c, cOffset) + 1 - cs));
    }

    /**
     * From the container both parsers stand on, whether their tokens to its end are the same, written alike (a
     * number spelled another way counts as unlike: the caller then compares values). Either way both parsers are
     * left on the container's last token.
     */
    private boolean sameTokensToEnd() throws IOException {
        int depth = 1;
        while (true) {
            JsonToken tp = p.nextToken();
            JsonToken tc = c.nextToken();
            boolean same = tp == tc;
            if (same) {
                switch (tp) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> same = JsonEquality.sameName(p.currentName(), c.currentName());
                    case VALUE_STRING -> same = sameRawString(pBytes, start(p, pOffset), cBytes, start(c, cOffset)) || sameText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> same = sameText();
                    default -> { }
                }
                if (same && depth == 0) {
                    return true;
                }
            }
            if (!same) {
                finish(p, depth + opens(tp));
                finish(c, depth + opens(tc));
                return false;
            }
        }
    }

    /** How a token changes the depth: +1 for a container's start, -1 for its end. */
    private static int opens(JsonToken t) {
        return t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? 1
                : t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY ? -1 : 0;
    }

    /** Reads {@code x} on until it closes {@code depth} open containers. */
    private static void finish(JsonParser x, int depth) throws IOException {
        while (depth > 0) {
            depth += opens(x.nextToken());
        }
    }

    /**
     * Reads an array's elements on {@code x} into a side's buffers from index {@code n}: from {@code first}, the
     * token it stands on (or, null, the next), to the array's end, or only until {@code limit} are read (a prefix
     * known to be numbers). Returns how many it holds; -1 (the array read to its end, or the prefix abandoned)
     * when one is not a number.
     */
    private int numbers(JsonParser x, boolean primary, int n, JsonToken first, int limit) throws IOException {
        boolean numeric = true;
        for (JsonToken t = first != null ? first : x.nextToken(); t != JsonToken.END_ARRAY; t = x.nextToken()) {
            byte kind = t == JsonToken.VALUE_NUMBER_FLOAT ? (byte) 2
                    : t == JsonToken.VALUE_NUMBER_INT && x.getNumberType() == JsonParser.NumberType.INT ? (byte) 1 : 0;
            if (kind == 0 && limit >= 0) {
                return -1;
            }
            if (kind == 0) {
                numeric = false;
                x.skipChildren();
                continue;
            }
            if (!numeric) {
                continue;
            }
            if (primary) {
                if (n == pNumbers.length) {
                    pNumbers = Arrays.copyOf(pNumbers, Math.max(64, n * 2));
                    pKinds = Arrays.copyOf(pKinds, pNumbers.length);
                }
                pNumbers[n] = x.getDoubleValue();
                pKinds[n] = kind;
            } else {
                if (n == cNumbers.length) {
                    cNumbers = Arrays.copyOf(cNumbers, Math.max(64, n * 2));
                    cKinds = Arrays.copyOf(cKinds, cNumbers.length);
                }
                cNumbers[n] = x.getDoubleValue();
                cKinds[n] = kind;
            }
            if (++n == limit) {
                return n;
            }
        }
        return numeric ? n : -1;
    }

    /** Whether the two buffers hold equal nodes: an int never equals a double, doubles as {@code DoubleNode} compares them. */
    private boolean sameNumbers(int n) {
        for (int i = 0; i < n; i++) {
            if (pKinds[i] != cKinds[i] || Double.compare(pNumbers[i], cNumbers[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameText() throws IOException {
        return sameText(p, c);
    }

    private boolean sameNumber(JsonToken t) throws IOException {
        return sameNumber(p, c, t);
    }

    /**
     * Whether two strings, their opening quotes at {@code a[i]} and {@code b[j]}, are written in the same bytes
     * without an escape: then they are equal, and neither parser decodes its string (it skips it unread). False
     * means only "not decided so": strings with escapes, or written differently, are compared as text.
     */
    private static boolean sameRawString(byte[] a, int i, byte[] b, int j) {
        for (int n = Math.min(a.length - i, b.length - j), k = 1; k < n; k++) {
            byte x = a[i + k];
            if (x != b[j + k] || x == '\\') {
                return false;
            }
            if (x == '"') {
                return true;
            }
        }
        return false;
    }

    private static boolean sameText(JsonParser a, JsonParser b) throws IOException {
        int al = a.getTextLength();
        int bl = b.getTextLength();
        if (al != bl) {
            return false;
        }
        int ao = a.getTextOffset();
        int bo = b.getTextOffset();
        return Arrays.equals(a.getTextCharacters(), ao, ao + al, b.getTextCharacters(), bo, bo + bl);
    }

    /** Two numbers written differently ({@code 1.5} and {@code 1.50}) that read as equal nodes. */
    private static boolean sameNumber(JsonParser a, JsonParser b, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return Double.compare(a.getDoubleValue(), b.getDoubleValue()) == 0;
        }
        JsonParser.NumberType at = a.getNumberType();
        if (at != b.getNumberType()) {
            return false;
        }
        return at == JsonParser.NumberType.BIG_INTEGER ? a.getBigIntegerValue().equals(b.getBigIntegerValue())
                : a.getLongValue() == b.getLongValue();
    }

    /** The value {@code x} stands on as the mapper would read it: scalars made here, containers read whole. */
    private static JsonNode read(JsonParser x) throws IOException {
        JsonToken t = x.currentToken();
        return t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? TREES.readTree(x) : scalar(x);
    }

    /** The node the mapper makes of the scalar {@code x} stands on (its {@code JsonNodeDeserializer}'s choices). */
    static JsonNode scalar(JsonParser x) throws IOException {
        switch (x.currentToken()) {
            case VALUE_STRING:
                return TextNode.valueOf(x.getText());
            case VALUE_NUMBER_INT:
                switch (x.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(x.getIntValue());
                    case LONG:
                        return LongNode.valueOf(x.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(x.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return DoubleNode.valueOf(x.getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                return TREES.readTree(x);
        }
    }

    /** Where the token {@code x} stands on starts in its byte array. */
    private static int start(JsonParser x, int offset) {
        return (int) (((ParserBase) x).getTokenCharacterOffset() - 1) + offset;
    }

    // --- hashes, each consistent with JsonEquality.equal on what it hashes ---

    /**
     * A first field's or a nested scalar's hash, read from where {@code x} stands: text by {@link JsonEquality#textHash},
     * integers by value, every float alike, a container (already walked) as one constant.
     */
    private static int keyHash(JsonParser x) throws IOException {
        JsonToken t = x.currentToken();
        if (t == null) {
            return CONTAINER_HASH; // read whole as a tree, which leaves no current token
        }
        switch (t) {
            case VALUE_STRING:
                return JsonEquality.textHash(x.getTextCharacters(), x.getTextOffset(), x.getTextLength());
            case VALUE_NUMBER_INT:
                return x.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? x.getBigIntegerValue().hashCode()
                        : Long.hashCode(x.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return FLOAT_HASH;
            case VALUE_TRUE:
                return 3;
            case VALUE_FALSE:
                return 5;
            case VALUE_NULL:
                return 11;
            default:
                return CONTAINER_HASH;
        }
    }

    /** {@link #keyHash(JsonParser)} of a node. */
    private static int keyHash(JsonNode n) {
        if (n.isTextual()) {
            return JsonEquality.textHash(n.textValue());
        }
        if (n instanceof BigIntegerNode) {
            return n.bigIntegerValue().hashCode();
        }
        if (n.isIntegralNumber()) {
            return Long.hashCode(n.longValue());
        }
        if (n.isNumber()) {
            return FLOAT_HASH;
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? 3 : 5;
        }
        return n.isNull() ? 11 : CONTAINER_HASH;
    }

    /** A scalar element's hash: as {@link #keyHash(JsonNode)}, but floats by value (an embedding's elements are all floats). */
    private static int elementHash(JsonNode n) {
        return n.isFloatingPointNumber() ? Double.hashCode(n.doubleValue()) : keyHash(n);
    }

    /** A container's hash from its tokens, {@code x} on its first; leaves {@code x} on its last. */
    private static int containerHash(JsonParser x) throws IOException {
        if (x.currentToken() == JsonToken.START_OBJECT) {
            int h = 2;
            while (x.nextToken() == JsonToken.FIELD_NAME) {
                int name = x.currentName().hashCode();
                x.nextToken();
                h += name ^ valueHash(x); // a sum: field order does not matter
            }
            return h;
        }
        int h = 1;
        while (x.nextToken() != JsonToken.END_ARRAY) {
            h = 31 * h + valueHash(x);
        }
        return h;
    }

    private static int valueHash(JsonParser x) throws IOException {
        JsonToken t = x.currentToken();
        return t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? containerHash(x) : keyHash(x);
    }

    // --- where the walk stands ---

    private void enter(int depth, String name, int index) {
        if (depth >= names.length) {
            int n = names.length * 2;
            names = grown(names, n, String[]::new);
            indexes = Arrays.copyOf(indexes, n);
            locations = grown(locations, n, JsonLocation[]::new);
            shapes = grown(shapes, n, String[]::new);
        }
        // An element's shape is every element's, and the next element of an array enters the same shapes again.
        if (shapesValid >= depth && names[depth] != name) {
            shapesValid = depth - 1;
        }
        names[depth] = name;
        indexes[depth] = index;
        if (locationsValid >= depth) {
            locationsValid = depth - 1;
        }
    }

    private String shape(int depth) {
        for (int k = shapesValid + 1; k <= depth; k++) {
            shapes[k] = names[k] != null ? fieldShape(k, shapes[k - 1], names[k]) : rules.shapes.element(shapes[k - 1]);
        }
        shapesValid = Math.max(shapesValid, depth);
        return shapes[depth];
    }

    /** Field shapes remembered per depth for one parent shape, by name reference (the parser interns names). */
    private static final int MEMO = 8;
    private String[] memoParent;
    private String[] memoNames;
    private String[] memoShapes;
    private int[] memoCount;

    /**
     * The shape of field {@code name} under {@code parent} at {@code depth}: the elements of an array enter the same
     * few fields one after another, and each asks again (for a rule, a drift's location) what the route's shared
     * map of shapes answers once per walk here.
     */
    private String fieldShape(int depth, String parent, String name) {
        if (memoParent == null || depth >= memoParent.length) {
            int n = Math.max(8, names.length);
            memoParent = memoParent == null ? new String[n] : grown(memoParent, n, String[]::new);
            memoNames = memoNames == null ? new String[n * MEMO] : grown(memoNames, n * MEMO, String[]::new);
            memoShapes = memoShapes == null ? new String[n * MEMO] : grown(memoShapes, n * MEMO, String[]::new);
            memoCount = memoCount == null ? new int[n] : Arrays.copyOf(memoCount, n);
        }
        if (memoParent[depth] != parent) {
            memoParent[depth] = parent;
            memoCount[depth] = 0;
        }
        int base = depth * MEMO;
        int count = memoCount[depth];
        for (int m = 0; m < count; m++) {
            if (memoNames[base + m] == name) {
                return memoShapes[base + m];
            }
        }
        String shape = rules.shapes.field(parent, name);
        if (count < MEMO) {
            memoNames[base + count] = name;
            memoShapes[base + count] = shape;
            memoCount[depth] = count + 1;
        }
        return shape;
    }

    private JsonLocation location(int depth) {
        for (int k = locationsValid + 1; k <= depth; k++) {
            String shape = shape(k);
            locations[k] = names[k] != null ? locations[k - 1].field(names[k], shape) : locations[k - 1].index(indexes[k], shape);
        }
        locationsValid = Math.max(locationsValid, depth);
        return locations[depth];
    }

    /**
     * What an ignore rule says of everything above {@code depth}: the tree differ checks each level it descends
     * through, the outermost match winning; the walk does the same when it hands something over.
     */
    private String ignoredAbove(int depth) {
        if (inherited != null || rules.ignore.isEmpty()) {
            return inherited;
        }
        for (int k = 0; k < depth; k++) {
            RouteRules.PathRule<Void> r = rules.ignore.find(location(k));
            if (r != null) {
                return "ignored by rule " + r.pattern();
            }
        }
        return null;
    }

    /**
     * {@code a} copied into a new array of {@code n}: {@code Arrays.copyOf} of a typed array makes it by reflection,
     * which the JIT leaves slow (it was a tenth of a small body's comparison).
     */
    private static <T> T[] grown(T[] a, int n, java.util.function.IntFunction<T[]> make) {
        T[] b = make.apply(n);
        System.arraycopy(a, 0, b, 0, Math.min(a.length, n));
        return b;
    }

    private Track track(int depth, int head) {
        if (depth >= tracks.length) {
            tracks = grown(tracks, Math.max(4, Math.max(tracks.length * 2, depth + 1)), Track[]::new);
        }
        Track t = tracks[depth];
        if (t == null) {
            t = tracks[depth] = new Track();
        }
        t.reset(head);
        return t;
    }

    /** One side's elements of an array from the track's head on. */
    private static final class Elements {
        int count;
        /** How many the lockstep walk passed (their hashes come from their bytes). */
        int walked;
        int[] start = NO_INTS;
        /** One past the element's last byte; -1 for a scalar, whose node is kept. */
        int[] end = NO_INTS;
        int[] hash = NO_INTS;
        int[] key = NO_INTS;
        String[] firstName = new String[0];
        boolean[] keyKnown = new boolean[0];
        JsonNode[] node = new JsonNode[0];

        void reset() {
            Arrays.fill(node, 0, count, null);
            Arrays.fill(firstName, 0, count, null);
            count = 0;
            walked = 0;
        }

        int add(int s, int e, JsonNode n) {
            if (count == start.length) {
                int size = Math.max(8, count * 2);
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
                hash = Arrays.copyOf(hash, size);
                key = Arrays.copyOf(key, size);
                firstName = grown(firstName, size, String[]::new);
                keyKnown = Arrays.copyOf(keyKnown, size);
                node = grown(node, size, JsonNode[]::new);
            }
            start[count] = s;
            end[count] = e;
            node[count] = n;
            keyKnown[count] = false;
            firstName[count] = null;
            return count++;
        }

        /** The hash of element {@code k} by its whole content: containers from their bytes, scalars by node. */
        int contentHash(int k, byte[] bytes) {
            if (end[k] < 0) {
                return elementHash(node[k]);
            }
            try (JsonParser x = FACTORY.createParser(bytes, start[k], end[k] - start[k])) {
                x.nextToken();
                return containerHash(x);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode node(int k, byte[] bytes) {
            if (node[k] == null) {
                try {
                    node[k] = TREES.readTree(bytes, start[k], end[k] - start[k]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return node[k];
        }
    }

    /** An array's elements on both sides from its first unequal one (the head) on. */
    private static final class Track {
        int head;
        final Elements p = new Elements();
        final Elements c = new Elements();
        /** The key field: the candidate's head element's first field, as the tree differ's alignment chooses it. */
        String keyField;

        void reset(int head) {
            this.head = head;
            p.reset();
            c.reset();
            keyField = null;
        }

        /** Records the element pair the walk has just compared at {@code depth}; returns its index in the track. */
        int add(StreamingJsonDiffer w, JsonToken tp, int ps, JsonToken tc, int cs, int depth) throws IOException {
            int k = p.count;
            side(w, p, 0, w.p, w.pOffset, tp, ps, depth);
            side(w, c, 1, w.c, w.cOffset, tc, cs, depth);
            p.walked = c.walked = k + 1;
            if (k == 0) {
                keyField = c.firstName[0];
            }
            return k;
        }

        private static void side(StreamingJsonDiffer w, Elements e, int side, JsonParser x, int offset, JsonToken t,
                                 int s, int depth) throws IOException {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                int k = e.add(s, start(x, offset) + 1, null);
                if (t == JsonToken.START_OBJECT && w.walkedObject == depth) {
                    e.firstName[k] = w.objectFirstName[side];
                    e.key[k] = w.objectKey[side];
                    e.keyKnown[k] = e.firstName[k] != null;
                }
            } else {
                JsonNode n = scalar(x);
                int k = e.add(s, -1, n);
                e.key[k] = elementHash(n);
                e.keyKnown[k] = true;
            }
        }

        /**
         * Hashes the elements of {@code e} the walk passed by {@link #keyedHash}: an object the walk read to its end
         * keyed by the key field has that hash already; others are read again from their bytes.
         */
        void hashWalked(Elements e, byte[] bytes) throws IOException {
            for (int k = 0; k < e.walked; k++) {
                if (e.end[k] < 0 || (keyField != null && keyed(e, k) && e.firstName[k] != null)) {
                    e.hash[k] = e.key[k];
                    continue;
                }
                try (JsonParser x = FACTORY.createParser(bytes, e.start[k], e.end[k] - e.start[k])) {
                    x.nextToken();
                    e.hash[k] = keyedHash(x, false);
                }
            }
        }

        /**
         * Reads and hashes the array's remaining elements on {@code x} from {@code at}, the token it stands on, or
         * the next; {@code chooseKey}: the first of them, if an object, chooses the key field.
         */
        void readRest(Elements e, JsonParser x, int offset, JsonToken at, boolean chooseKey) throws IOException {
            for (JsonToken t = at != null ? at : x.nextToken(); t != JsonToken.END_ARRAY; t = x.nextToken()) {
                int s = start(x, offset);
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    int h = keyedHash(x, chooseKey && e.count == 0);
                    int k = e.add(s, start(x, offset) + 1, null); // add may grow the arrays: index after it
                    e.hash[k] = h;
                } else {
                    JsonNode n = scalar(x);
                    int k = e.add(s, -1, n);
                    e.hash[k] = elementHash(n);
                }
            }
        }

        /**
         * The hash the alignment tries first, as the tree differ's ({@link ElementsByContent#hash}): an object by its
         * size and its key field's value, skipping the rest unread; an array, or any object when there is no key
         * field, by its whole content. {@code x} stands on the container's first token and is left on its last;
         * {@code choose}: the object's first field becomes the key field.
         */
        private int keyedHash(JsonParser x, boolean choose) throws IOException {
            if (x.currentToken() != JsonToken.START_OBJECT || (keyField == null && !choose)) {
                return containerHash(x);
            }
            int size = 0;
            int key = 0;
            while (x.nextToken() == JsonToken.FIELD_NAME) {
                if (choose) {
                    keyField = x.currentName();
                    choose = false;
                }
                boolean isKey = JsonEquality.sameName(x.currentName(), keyField);
                x.nextToken();
                if (isKey) {
                    key = keyHash(x);
                }
                x.skipChildren();
                size++;
            }
            return 31 * size + key;
        }

        private boolean keyed(Elements e, int k) {
            return e.keyKnown[k] && (e.firstName[k] == null || (keyField != null && JsonEquality.sameName(e.firstName[k], keyField)));
        }

        /** Whether the unequal pair {@code k} keeps the alignment in place: both keyed alike. */
        boolean inPlace(int k) {
            return keyed(p, k) && keyed(c, k) && p.key[k] == c.key[k];
        }

        /** Whether the candidate's keys from the head to the last unequal element are known and no two alike. */
        boolean keysDistinct(int lastUnequal) {
            int n = lastUnequal - head + 1;
            ElementsByContent.IntHashSet seen = new ElementsByContent.IntHashSet(n);
            for (int k = 0; k < n; k++) {
                if (!keyed(c, k) || !keyed(p, k) || !seen.add(c.key[k])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The track's elements for the tree differ's alignment: equal by hash and bytes, a tree built only when asked. */
    private final class ScannedSides implements JsonDiffer.ArraySides {
        private final Track t;
        private final JsonLocation array;
        /**
         * Pairs found unequal by walking them, with what the walk found: the pair is most often reported next, and
         * then what was found is added instead of walking the two again.
         */
        private int[] walkedPairs = NO_INTS;
        private List<List<Difference>> walkedFound;
        private List<List<Drift>> walkedDrifts;

        ScannedSides(Track t, JsonLocation array) {
            this.t = t;
            this.array = array;
        }

        @Override
        public int primaryHash(int i, boolean byKey) {
            return byKey ? t.p.hash[i - t.head] : t.p.contentHash(i - t.head, pBytes);
        }

        @Override
        public int candidateHash(int j, boolean byKey) {
            return byKey ? t.c.hash[j - t.head] : t.c.contentHash(j - t.head, cBytes);
        }

        @Override
        public boolean equal(int i, int j) {
            int a = i - t.head;
            int b = j - t.head;
            if (t.p.hash[a] != t.c.hash[b]) {
                return false;
            }
            boolean pContainer = t.p.end[a] >= 0;
            if (pContainer != t.c.end[b] >= 0) {
                return false;
            }
            if (!pContainer) {
                return JsonEquality.equal(t.p.node[a], t.c.node[b]);
            }
            if (Arrays.equals(pBytes, t.p.start[a], t.p.end[a], cBytes, t.c.start[b], t.c.end[b])) {
                return true;
            }
            // Same hash, other bytes: most often the same record with one value changed, which the pair's walk tells
            // without building either tree, finding on the way what is reported if the alignment pairs them.
            List<Difference> found = new java.util.ArrayList<>(2);
            List<Drift> drifted = drifts == null ? null : new java.util.ArrayList<>(2);
            boolean same;
            try {
                same = walk(tree.into(found, drifted), found, drifted, t.p.start[a], t.p.end[a], t.c.start[b], t.c.end[b],
                        array.index(i), tree.ignoredBecause);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!same) {
                int n = walkedPairs.length;
                walkedPairs = Arrays.copyOf(walkedPairs, n + 2);
                walkedPairs[n] = i;
                walkedPairs[n + 1] = j;
                if (walkedFound == null) {
                    walkedFound = new java.util.ArrayList<>(2);
                    walkedDrifts = new java.util.ArrayList<>(2);
                }
                walkedFound.add(found);
                walkedDrifts.add(drifted);
            }
            return same;
        }

        @Override
        public JsonNode primary(int i) {
            return t.p.node(i - t.head, pBytes);
        }

        @Override
        public JsonNode candidate(int j) {
            return t.c.node(j - t.head, cBytes);
        }

        @Override
        public void differing(int i, int j, JsonLocation at) {
            int a = i - t.head;
            int b = j - t.head;
            for (int k = 0; k < walkedPairs.length; k += 2) {
                if (walkedPairs[k] == i && walkedPairs[k + 1] == j) {
                    out.addAll(walkedFound.get(k / 2));
                    if (drifts != null) {
                        drifts.addAll(walkedDrifts.get(k / 2));
                    }
                    return;
                }
            }
            if (t.p.end[a] >= 0 && t.c.end[b] >= 0) {
                try {
                    walk(t.p.start[a], t.p.end[a], t.c.start[b], t.c.end[b], at, tree.ignoredBecause);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                tree.differing(primary(i), candidate(j), at);
            }
        }
    }
}
