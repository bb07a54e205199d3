package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Bodies;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.Drift;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.Ranking;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.RouteTemplate;
import dev.shadowparity.core.config.NoiseSettings;
import dev.shadowparity.core.config.RouteConfig;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares one exchange: status, then headers, then bodies (JSON as trees, text exactly, binary by
 * digest). With a secondary, a difference the secondary shows too (same path, same kind) is noise, and
 * the primary-vs-secondary differences travel with the result for the ledger's aggregate noise filter.
 * Pure: no I/O, no shared state, safe from any thread.
 */
public final class ExchangeComparator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final RouteTable<RouteConfig> routes;
    /** The rules of each route, by the identity of its entry in the run's table. */
    private final Map<RouteConfig, RouteRules> rules = new IdentityHashMap<>();
    private final RouteRules defaults;
    private final long maxDecodedBody;
    private final GrpcMessages grpc;

    /**
     * @param routes         the run's route table, shared with the engine that recorded the exchanges
     * @param maxDecodedBody the most a compressed body may decode to; a larger one is not compared
     */
    public ExchangeComparator(RouteTable<RouteConfig> routes, NoiseSettings noise, long maxDecodedBody) {
        this(routes, noise, maxDecodedBody, null);
    }

    /** @param protoset how gRPC messages are read (the suite's {@code protoset}), or {@code null}: compared as bytes */
    public ExchangeComparator(RouteTable<RouteConfig> routes, NoiseSettings noise, long maxDecodedBody, Protoset protoset) {
        List<String> suiteHeaders = noise.ignoreHeaders();
        this.routes = routes;
        this.maxDecodedBody = maxDecodedBody;
        this.grpc = new GrpcMessages(protoset, maxDecodedBody);
        for (RouteTable.Entry<RouteConfig> e : routes.entries()) {
            rules.put(e.value(), new RouteRules(e.value(), suiteHeaders));
        }
        defaults = new RouteRules(RouteConfig.of("/", false), suiteHeaders);
    }

    /** A comparator of a suite's rules on its own, for use outside a run (tests, benchmarks). */
    public static ExchangeComparator of(SuiteConfig suite) {
        return new ExchangeComparator(RouteTable.of(suite.routes()), suite.noise(), suite.maxDecodedBody(), protoset(suite));
    }

    /** The suite's protoset, read and checked; {@code null} when it names none. */
    public static Protoset protoset(SuiteConfig suite) {
        return suite.protoset() == null ? null : Protoset.load(suite.protoset());
    }

    public ExchangeResult compare(Exchange x) {
        if (x.primary() instanceof BackendReply.NoResponse p) {
            // Skipped (too large, the client gone) says why by itself; anything else is the primary's failure.
            return p.outcome() == Outcome.SKIPPED ? new ExchangeResult(x, Outcome.SKIPPED, p.reason(), List.of())
                    : new ExchangeResult(x, Outcome.FAILED, "primary " + p.outcome().label() + ": " + p.reason(), List.of());
        }
        if (x.candidate() instanceof BackendReply.NoResponse c) {
            return new ExchangeResult(x, c.outcome(), c.reason(), List.of());
        }
        RouteRules rules = routes.find(x.request().method(), x.request().path())
                .map(e -> this.rules.get(e.value())).orElse(defaults);
        String path = x.request().path();
        ContentDecoding.Decoded primary = grpc.decode(
                ContentDecoding.decode(((BackendReply.Responded) x.primary()).response(), maxDecodedBody), path);
        ContentDecoding.Decoded candidate = grpc.decode(
                ContentDecoding.decode(((BackendReply.Responded) x.candidate()).response(), maxDecodedBody), path);
        ContentDecoding.Decoded secondary = x.secondary() instanceof BackendReply.Responded s
                ? grpc.decode(ContentDecoding.decode(s.response(), maxDecodedBody), path) : null;
        // What is logged and shown from here on: bodies as their media type reads them, not compressed bytes.
        Exchange shown = decoded(x, primary, candidate, secondary);
        if (primary.overLimit()) {
            return new ExchangeResult(shown, Outcome.FAILED, "primary body: " + primary.problem(), List.of());
        }
        if (candidate.overLimit()) {
            return new ExchangeResult(shown, Outcome.FAILED, "candidate body: " + candidate.problem(), List.of());
        }
        List<Drift> drifts = rules.tolerance.isEmpty() && rules.vectors.isEmpty() ? null : new ArrayList<>();
        List<Difference> diffs = compareResponses(x.endpoint(), rules, primary, candidate, drifts);
        if (rules.expected != null) {
            diffs = new ArrayList<>(diffs);
            rules.expected.check(x.endpoint(), candidate.response(), diffs);
        }
        List<Ranking> rankings = rules.topK.isEmpty() || diffs.isEmpty() ? List.of()
                : RankedLists.of(rules, diffs, primary.response(), candidate.response());
        List<Difference> secondaryDiffs = List.of();
        if (secondary != null && !secondary.overLimit()) {
            // Compared for every exchange, equal or not: the ledger weighs how often each field differs
            // between the two primaries against how often it differs for the candidate (Diffy's filter).
            secondaryDiffs = compareResponses(x.endpoint(), rules, primary, secondary, null);
            diffs = cancelNoise(diffs, secondaryDiffs);
        }
        return new ExchangeResult(shown, Outcome.COMPARED, null, diffs, secondaryDiffs, drifts, rankings);
    }

    /** {@code x} with each response's body decoded where it was; the same exchange when none was compressed. */
    private static Exchange decoded(Exchange x, ContentDecoding.Decoded p, ContentDecoding.Decoded c,
                                    ContentDecoding.Decoded s) {
        if (!p.decoded() && !c.decoded() && (s == null || !s.decoded())) {
            return x;
        }
        return new Exchange(x.id(), x.endpoint(), x.receivedAt(), x.request(), replaced(x.primary(), p),
                replaced(x.candidate(), c), s == null ? x.secondary() : replaced(x.secondary(), s));
    }

    private static BackendReply replaced(BackendReply reply, ContentDecoding.Decoded d) {
        return d.decoded() ? new BackendReply.Responded(d.response(), reply.elapsed()) : reply;
    }

    /**
     * The differences between two parsed JSON documents under the rules of the route {@code method} and
     * {@code path} match: what {@link #compare} does for a JSON body, without the exchange around it.
     */
    public List<Difference> compareJson(String method, String path, JsonNode primary, JsonNode candidate) {
        List<Difference> out = new ArrayList<>();
        if (JsonEquality.equal(primary, candidate)) {
            return out;
        }
        var route = routes.find(method, path);
        RouteRules rules = route.map(e -> this.rules.get(e.value())).orElse(defaults);
        EndpointKey endpoint = route.map(e -> e.template().endpointFor(method)).orElseGet(() -> routes.endpointOf(method, path));
        new JsonDiffer(endpoint, rules, out).diffUnequal(primary, candidate);
        return out;
    }

    /**
     * {@link #compareJson(String, String, JsonNode, JsonNode)} from the bodies' bytes, as a run compares them: equal
     * bytes first, then the two token streams in lockstep, trees only where they part ways.
     *
     * @throws IllegalArgumentException when either body is not JSON
     */
    public List<Difference> compareJson(String method, String path, byte[] primary, byte[] candidate) {
        List<Difference> out = new ArrayList<>();
        if (Arrays.equals(primary, candidate)) {
            return out;
        }
        var route = routes.find(method, path);
        RouteRules rules = route.map(e -> this.rules.get(e.value())).orElse(defaults);
        EndpointKey endpoint = route.map(e -> e.template().endpointFor(method)).orElseGet(() -> routes.endpointOf(method, path));
        if (!streamed(endpoint, rules, primary, candidate, out, null)) {
            JsonNode p = Bodies.parseJson(primary, "");
            JsonNode c = Bodies.parseJson(candidate, "");
            if (p == null || c == null) {
                throw new IllegalArgumentException("the " + (p == null ? "primary" : "candidate") + " body is not JSON");
            }
            return compareJson(method, path, p, c);
        }
        return out;
    }

    private static List<Difference> cancelNoise(List<Difference> candidateDiffs, List<Difference> secondaryDiffs) {
        Set<String> noisy = new HashSet<>();
        for (Difference d : secondaryDiffs) {
            noisy.add(d.kind() + " " + d.path());
        }
        List<Difference> out = new ArrayList<>(candidateDiffs.size());
        for (Difference d : candidateDiffs) {
            boolean sharedWithSecondary = !d.isNoise() && noisy.contains(d.kind() + " " + d.path());
            out.add(sharedWithSecondary ? d.asNoise("differs between primary and secondary too") : d);
        }
        return out;
    }

    /**
     * Status, headers as they came (so a {@code Content-Encoding} that differs is a header difference of its own),
     * then the decoded bodies; a body that would not decode is one {@code encoding} difference naming the side and why.
     */
    /** @param drifts where the candidate's drift at tolerated paths goes, or {@code null} */
    static List<Difference> compareResponses(EndpointKey endpoint, RouteRules rules,
                                             ContentDecoding.Decoded pd, ContentDecoding.Decoded cd, List<Drift> drifts) {
        RecordedResponse p = pd.response();
        RecordedResponse c = cd.response();
        List<Difference> out = new ArrayList<>();
        if (p.status() != c.status()) {
            out.add(new Difference(endpoint, "status", DifferenceKind.STATUS,
                    F.numberNode(p.status()), F.numberNode(c.status()), null));
        }
        compareHeaders(endpoint, rules, p.headers(), c.headers(), out);
        if (pd.problem() != null || cd.problem() != null) {
            out.add(new Difference(endpoint, "body", DifferenceKind.ENCODING, F.textNode(coding(pd)),
                    F.textNode(coding(cd)), null));
        } else {
            compareBodies(endpoint, rules, p, c, out, drifts, pd.note() != null ? pd.note() : cd.note());
        }
        return out;
    }

    /** How one side's body was coded, in words: {@code identity}, {@code gzip, decoded}, or why it does not decode. */
    private static String coding(ContentDecoding.Decoded d) {
        if (d.codings() == null) {
            return "identity";
        }
        return d.problem() == null ? d.codings() + ", decoded" : d.problem();
    }

    /**
     * Headers compare by lower-cased name, values in order; ignored names are skipped. The common case,
     * the same headers in the same order, is settled by one walk over both lists without allocating;
     * anything else builds a map per side.
     */
    private static void compareHeaders(EndpointKey endpoint, RouteRules rules, Headers p, Headers c,
                                       List<Difference> out) {
        if (sameInOrder(p.entries(), c.entries(), rules)) {
            return;
        }
        Map<String, HeaderValues> pm = byName(p, rules);
        Map<String, HeaderValues> cm = byName(c, rules);
        if (pm.equals(cm)) {
            return;
        }
        Set<String> names = new TreeSet<>(pm.keySet());
        names.addAll(cm.keySet());
        for (String key : names) {
            HeaderValues pv = pm.get(key);
            HeaderValues cv = cm.get(key);
            if (pv != null && pv.equals(cv)) {
                continue;
            }
            String name = pv != null ? pv.name : cv.name;
            // gRPC's own status rides in trailers (kept with the headers): it differs as a status does
            boolean grpcStatus = key.equals("grpc-status") || key.equals("grpc-message");
            out.add(new Difference(endpoint, grpcStatus ? key : "header:" + name,
                    grpcStatus ? DifferenceKind.STATUS : DifferenceKind.HEADER,
                    pv == null ? null : F.textNode(String.join(", ", pv.values)),
                    cv == null ? null : F.textNode(String.join(", ", cv.values)), null));
        }
    }

    private static boolean sameInOrder(List<Headers.Header> p, List<Headers.Header> c, RouteRules rules) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < p.size() && rules.ignoredHeaders.contains(p.get(i).name())) {
                i++;
            }
            while (j < c.size() && rules.ignoredHeaders.contains(c.get(j).name())) {
                j++;
            }
            if (i == p.size() || j == c.size()) {
                return i == p.size() && j == c.size();
            }
            Headers.Header a = p.get(i++);
            Headers.Header b = c.get(j++);
            if (!a.name().equalsIgnoreCase(b.name()) || !a.value().equals(b.value())) {
                return false;
            }
        }
    }

    /** A header's values in order; equality ignores how the name was cased. */
    private static final class HeaderValues {
        final String name;
        final List<String> values = new ArrayList<>(1);

        HeaderValues(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeaderValues h && values.equals(h.values);
        }

        @Override
        public int hashCode() {
            return values.hashCode();
        }
    }

    private static Map<String, HeaderValues> byName(Headers headers, RouteRules rules) {
        Map<String, HeaderValues> m = new HashMap<>();
        for (Headers.Header h : headers.entries()) {
            if (!rules.ignoredHeaders.contains(h.name())) {
                m.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new HeaderValues(h.name())).values.add(h.value());
            }
        }
        return m;
    }

    /** @param note why a body was not read further (shown with its digest), or {@code null} */
    private static void compareBodies(EndpointKey endpoint, RouteRules rules, RecordedResponse p,
                                      RecordedResponse c, List<Difference> out, List<Drift> drifts, String note) {
        if (Arrays.equals(p.body(), c.body())) {
            return;
        }
        if (streams(p) && streams(c) && streamed(endpoint, rules, p.body(), c.body(), out, drifts)) {
            return;
        }
        JsonNode pj = Bodies.parseJson(p.body(), p.contentType());
        JsonNode cj = Bodies.parseJson(c.body(), c.contentType());
        if (pj != null && cj != null) {
            if (!JsonEquality.equal(pj, cj)) {
                new JsonDiffer(endpoint, rules, out).withDrifts(drifts).diffUnequal(pj, cj);
            }
        } else if (Bodies.isText(p.body(), p.contentType()) && Bodies.isText(c.body(), c.contentType())) {
            String pt = Bodies.text(p.body(), p.contentType());
            String ct = Bodies.text(c.body(), c.contentType());
            if (pt.equals(ct) || (rules.textIgnoresWhitespace && collapseWhitespace(pt).equals(collapseWhitespace(ct)))) {
                return; // the same characters (in two charsets, perhaps), or the same words
            }
            if (rules.bodySimilarity != null) {
                Difference d = TextSimilarity.difference(endpoint, "body", F.textNode(pt), F.textNode(ct), rules.bodySimilarity, null);
                if (d != null) {
                    out.add(d);
                }
                return;
            }
            out.add(new Difference(endpoint, "body", DifferenceKind.VALUE, F.textNode(pt), F.textNode(ct), null));
        } else {
            String why = note == null ? "" : "; " + note;
            out.add(new Difference(endpoint, "body", DifferenceKind.VALUE,
                    F.textNode(digest(p.body()) + why), F.textNode(digest(c.body()) + why), null));
        }
    }

    /** A body the streaming differ reads: JSON (by type, or untyped), in UTF-8. */
    private static boolean streams(RecordedResponse r) {
        String type = r.contentType();
        return r.body().length > 0 && (type.isEmpty() || Bodies.isJsonType(type))
                && java.nio.charset.StandardCharsets.UTF_8.equals(Bodies.charset(type));
    }

    /**
     * Two JSON bodies compared from their bytes ({@link StreamingJsonDiffer}); false, having added nothing, when
     * either is not one UTF-8 JSON value, for the caller to compare them as trees or text.
     */
    private static boolean streamed(EndpointKey endpoint, RouteRules rules, byte[] p, byte[] c, List<Difference> out,
                                    List<Drift> drifts) {
        int reported = out.size();
        int drifted = drifts == null ? 0 : drifts.size();
        if (StreamingJsonDiffer.diff(endpoint, rules, p, c, out, drifts)) {
            return true;
        }
        out.subList(reported, out.size()).clear();
        if (drifts != null) {
            drifts.subList(drifted, drifts.size()).clear();
        }
        return false;
    }

    private static String collapseWhitespace(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String digest(byte[] body) {
        return "sha256:" + Bodies.sha256(body) + " (" + body.length + " bytes)";
    }
}
