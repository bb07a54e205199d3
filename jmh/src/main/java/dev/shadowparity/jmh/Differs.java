package dev.shadowparity.jmh;

import com.flipkart.zjsonpatch.JsonDiff;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.charset.StandardCharsets;
import org.json.JSONException;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.JSONCompareResult;

/**
 * The libraries under comparison, each reduced to "parse both documents, compare, count what is reported".
 * Parsing is included everywhere: it is what a comparison costs a proxy.
 */
public final class Differs {

    /** No rules: every structural difference counts. */
    static final ExchangeComparator PLAIN = comparator("");

    /** The tolerances an ML or pricing team would declare: the DRIFT variant must report nothing under them. */
    static final ExchangeComparator DECLARED = comparator("""
                tolerance: { "$.items[*].price": { relative: 0.000001 } }
                vectors: { "$.embedding": { maxAbs: 0.000001 } }
            """);

    private Differs() {}

    private static ExchangeComparator comparator(String rules) {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends: { primary: { url: http://127.0.0.1:1 }, candidate: { url: http://127.0.0.1:2 } }
                routes:
                  - route: POST /bench
                """ + rules, "bench.yaml");
        return ExchangeComparator.of(suite);
    }

    /** The lower bound: parse both, {@code equals}. 1 when they differ (it cannot say where). */
    public static int jacksonEquals(Payloads.Pair pair) {
        return Payloads.parse(pair.primary()).equals(Payloads.parse(pair.candidate())) ? 0 : 1;
    }

    /** Ours as a run calls it: from the two bodies' bytes (equal bytes, then the lockstep streaming walk). */
    public static int ours(Payloads.Pair pair, Payloads.Variant variant) {
        ExchangeComparator c = variant == Payloads.Variant.DRIFT ? DECLARED : PLAIN;
        return c.compareJson("POST", "/bench", pair.primary(), pair.candidate()).size();
    }

    /** Ours on two parsed trees, as runs compared before the streaming walk: parse both, then the tree differ. */
    public static int oursOnTrees(Payloads.Pair pair, Payloads.Variant variant) {
        ExchangeComparator c = variant == Payloads.Variant.DRIFT ? DECLARED : PLAIN;
        return c.compareJson("POST", "/bench", Payloads.parse(pair.primary()), Payloads.parse(pair.candidate())).size();
    }

    public static int jsonAssert(Payloads.Pair pair, JSONCompareMode mode) {
        try {
            JSONCompareResult r = JSONCompare.compareJSON(new String(pair.primary(), StandardCharsets.UTF_8),
                    new String(pair.candidate(), StandardCharsets.UTF_8), mode);
            return r.getFieldFailures().size() + r.getFieldMissing().size() + r.getFieldUnexpected().size();
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int zjsonpatch(Payloads.Pair pair) {
        return JsonDiff.asJson(Payloads.parse(pair.primary()), Payloads.parse(pair.candidate())).size();
    }
}
