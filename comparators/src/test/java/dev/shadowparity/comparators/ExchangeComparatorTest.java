package dev.shadowparity.comparators;

import static dev.shadowparity.comparators.Fixtures.exchange;
import static dev.shadowparity.comparators.Fixtures.json;
import static dev.shadowparity.comparators.Fixtures.replied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeComparatorTest {

    private static final String ROUTES = """
            routes:
              - route: GET /students/{id}
                arrays: { "$.courses": { by: id } }
                ignore: [$.meta.**]
              - route: GET /unordered
                arrays: { "$.tags": { by: name, unordered: true } }
              - route: POST /encode
                vectors: { "$.embedding": { cosineAtLeast: 0.999, maxAbs: 0.001 } }
                tolerance: { "$.score": { absolute: 0.01 }, "$.big": { relative: 0.001 } }
              - route: GET /lenient
                candidateMayAddFields: true
              - route: GET /bag
                arrays: { "$.tags": { unordered: true } }
              - route: GET /legacy
                coerceTypes: true
                equivalent: { "$.ref": "^[0-9a-f]{24}$" }
                text: whitespace
              - route: POST /classify
                topK: { "$.predictions": { k: 2, scoreTolerance: 0.05 } }
            """;

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(ROUTES));

    private List<Difference> diff(String method, String uri, String primary, String candidate) {
        ExchangeResult ce = comparator.compare(exchange(1, method, uri, replied(json(primary)), replied(json(candidate)), null));
        assertThat(ce.outcome()).isEqualTo(Outcome.COMPARED);
        return ce.differences();
    }

    @Test
    void identicalResponsesHaveNoDifference() {
        assertThat(diff("GET", "/x", "{\"a\":[1,2,{\"b\":null}]}", "{\"a\":[1,2,{\"b\":null}]}")).isEmpty();
    }

    @Test
    void findsChangedMissingExtraAndTypeDifferencesWithConcretePaths() {
        List<Difference> d = diff("GET", "/x",
                "{\"name\":\"Ada\",\"age\":36,\"email\":\"a@x\",\"items\":[{\"price\":10}]}",
                "{\"name\":\"Ada L\",\"age\":\"36\",\"mail\":\"a@x\",\"items\":[{\"price\":11}]}");
        assertThat(d).extracting(Difference::path, Difference::kind).containsExactlyInAnyOrder(
                tuple("$.name", DifferenceKind.VALUE),
                tuple("$.age", DifferenceKind.TYPE),
                tuple("$.email", DifferenceKind.MISSING),
                tuple("$.mail", DifferenceKind.EXTRA),
                tuple("$.items[0].price", DifferenceKind.VALUE));
        assertThat(d).filteredOn(x -> x.path().equals("$.items[0].price")).first()
                .extracting(Difference::generalPath).isEqualTo("$.items[*].price");
        assertThat(d).allMatch(x -> !x.isNoise());
    }

    @Test
    void numbersCompareByValueNotRepresentation() {
        assertThat(diff("GET", "/x", "{\"a\":1,\"b\":2.50}", "{\"a\":1.0,\"b\":2.5}")).isEmpty();
    }

    @Test
    void arrayLengthChangeReportsLengthAndTheExtraElement() {
        assertThat(diff("GET", "/x", "{\"a\":[1,2]}", "{\"a\":[1,2,3]}"))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.a", DifferenceKind.ARRAY_LENGTH), tuple("$.a[2]", DifferenceKind.EXTRA));
    }

    @Test
    void anElementMovedInAPlainArrayIsOneDifferenceNotOnePerShiftedIndex() {
        assertThat(diff("GET", "/x", "{\"a\":[\"p\",\"q\",\"r\",\"s\",\"t\",\"u\"]}",
                "{\"a\":[\"p\",\"r\",\"s\",\"t\",\"u\",\"q\"]}"))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.a[1]", DifferenceKind.ARRAY_ORDER));
    }

    @Test
    void anInsertedElementIsOneExtraAndTheRestStillLineUp() {
        assertThat(diff("GET", "/x", "{\"a\":[{\"id\":1},{\"id\":2},{\"id\":3}]}",
                "{\"a\":[{\"id\":1},{\"id\":9},{\"id\":2},{\"id\":3}]}"))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.a", DifferenceKind.ARRAY_LENGTH), tuple("$.a[1]", DifferenceKind.EXTRA));
    }

    @Test
    void aChangedElementBetweenUnchangedOnesIsComparedFieldByField() {
        assertThat(diff("GET", "/x", "{\"a\":[{\"id\":1,\"p\":5},{\"id\":2,\"p\":6},{\"id\":3,\"p\":7}]}",
                "{\"a\":[{\"id\":3,\"p\":7},{\"id\":1,\"p\":5},{\"id\":2,\"p\":60}]}"))
                .extracting(Difference::path, Difference::kind)
                // A and C each kept order with one neighbour; either may be named as the one that moved.
                .hasSize(2).contains(tuple("$.a[1].p", DifferenceKind.VALUE))
                .containsAnyOf(tuple("$.a[0]", DifferenceKind.ARRAY_ORDER), tuple("$.a[2]", DifferenceKind.ARRAY_ORDER));
    }

    @Test
    void repeatedValuesPairInOrderAndAnUnorderedRuleForgivesMoves() {
        assertThat(diff("GET", "/x", "{\"a\":[1,1,2,1]}", "{\"a\":[1,2,1,1]}"))
                .extracting(Difference::kind).containsExactly(DifferenceKind.ARRAY_ORDER);
        assertThat(diff("GET", "/bag", "{\"tags\":[\"x\",\"y\",\"z\"]}", "{\"tags\":[\"z\",\"x\",\"y\"]}")).isEmpty();
        assertThat(diff("GET", "/bag", "{\"tags\":[\"x\",\"y\",\"z\"]}", "{\"tags\":[\"z\",\"x\",\"w\"]}"))
                .extracting(Difference::path, Difference::kind).containsExactly(tuple("$.tags[1]", DifferenceKind.VALUE));
    }

    @Test
    void numberVersusNumericStringIsATypeDifferenceUnlessTheRouteCoerces() {
        String p = "{\"n\":42,\"ok\":true,\"x\":\"4.50\"}";
        String c = "{\"n\":\"42\",\"ok\":\"true\",\"x\":4.5}";
        assertThat(diff("GET", "/x", p, c)).extracting(Difference::kind).containsOnly(DifferenceKind.TYPE).hasSize(3);
        assertThat(diff("GET", "/legacy", p, c)).isEmpty();
        assertThat(diff("GET", "/legacy", "{\"n\":42}", "{\"n\":\"43\"}"))
                .extracting(Difference::kind).containsExactly(DifferenceKind.TYPE);
    }

    @Test
    void valuesMatchingTheSameRegexAreEquivalent() {
        assertThat(diff("GET", "/legacy", "{\"ref\":\"65f1c0ffee0123456789abcd\"}", "{\"ref\":\"65f1c0ffee0123456789abce\"}")).isEmpty();
        assertThat(diff("GET", "/legacy", "{\"ref\":\"65f1c0ffee0123456789abcd\"}", "{\"ref\":\"not-an-object-id\"}"))
                .extracting(Difference::path).containsExactly("$.ref");
        assertThat(diff("GET", "/x", "{\"ref\":\"65f1c0ffee0123456789abcd\"}", "{\"ref\":\"65f1c0ffee0123456789abce\"}"))
                .hasSize(1);
    }

    @Test
    void topKComparesLabelOrderAndScoresWithinToleranceAndNothingBeyondK() {
        String p = "{\"predictions\":[{\"label\":\"cat\",\"score\":0.90},{\"label\":\"dog\",\"score\":0.05},{\"label\":\"fox\",\"score\":0.01}]}";
        String drift = "{\"predictions\":[{\"label\":\"cat\",\"score\":0.93},{\"label\":\"dog\",\"score\":0.04},{\"label\":\"owl\",\"score\":0.02}]}";
        assertThat(diff("POST", "/classify", p, drift)).isEmpty();
        String swapped = "{\"predictions\":[{\"label\":\"dog\",\"score\":0.90},{\"label\":\"cat\",\"score\":0.05}]}";
        assertThat(diff("POST", "/classify", p, swapped)).extracting(Difference::path, Difference::kind).containsExactly(
                tuple("$.predictions[0].label", DifferenceKind.VALUE), tuple("$.predictions[1].label", DifferenceKind.VALUE));
        String lowScore = "{\"predictions\":[{\"label\":\"cat\",\"score\":0.70},{\"label\":\"dog\",\"score\":0.05}]}";
        assertThat(diff("POST", "/classify", p, lowScore)).extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.predictions[0].score", DifferenceKind.TOLERANCE_EXCEEDED));
    }

    @Test
    void textBodiesCompareExactlyOrIgnoringWhitespaceAndAContentTypeChangeIsADifference() {
        RecordedResponse p = Fixtures.response(200, "text/plain", "Hello,\n  world ");
        RecordedResponse c = Fixtures.response(200, "text/plain", "Hello, world");
        assertThat(comparator.compare(exchange(1, "GET", "/x", replied(p), replied(c), null)).differences())
                .extracting(Difference::path).containsExactly("body");
        assertThat(comparator.compare(exchange(1, "GET", "/legacy", replied(p), replied(c), null)).differences()).isEmpty();
        RecordedResponse html = Fixtures.response(200, "text/html", "Hello, world");
        assertThat(comparator.compare(exchange(1, "GET", "/legacy", replied(c), replied(html), null)).differences())
                .extracting(Difference::path).containsExactly("header:Content-Type");
    }

    @Test
    void keyedArraysReportOneDifferencePerMovedElement() {
        String primary = "{\"courses\":[{\"id\":1,\"n\":\"a\"},{\"id\":2,\"n\":\"b\"},{\"id\":3,\"n\":\"c\"},{\"id\":4,\"n\":\"d\"}]}";
        String moved = "{\"courses\":[{\"id\":2,\"n\":\"b\"},{\"id\":3,\"n\":\"c\"},{\"id\":1,\"n\":\"a\"},{\"id\":4,\"n\":\"d\"}]}";
        assertThat(diff("GET", "/students/7", primary, moved))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.courses[0]", DifferenceKind.ARRAY_ORDER));
        String changed = "{\"courses\":[{\"id\":1,\"n\":\"a\"},{\"id\":2,\"n\":\"B\"},{\"id\":4,\"n\":\"d\"},{\"id\":5,\"n\":\"e\"}]}";
        assertThat(diff("GET", "/students/7", primary, changed))
                .extracting(Difference::path, Difference::kind)
                .containsExactlyInAnyOrder(tuple("$.courses[1].n", DifferenceKind.VALUE),
                        tuple("$.courses[2]", DifferenceKind.MISSING), tuple("$.courses[3]", DifferenceKind.EXTRA));
    }

    @Test
    void unorderedKeyedArraysIgnoreOrderButNotContent() {
        assertThat(diff("GET", "/unordered", "{\"tags\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
                "{\"tags\":[{\"name\":\"b\"},{\"name\":\"a\"}]}")).isEmpty();
        assertThat(diff("GET", "/unordered", "{\"tags\":[{\"name\":\"a\",\"v\":1}]}", "{\"tags\":[{\"name\":\"a\",\"v\":2}]}"))
                .extracting(Difference::path).containsExactly("$.tags[0].v");
    }

    @Test
    void ignoredPathsAreReportedAsNoiseNotDropped() {
        List<Difference> d = diff("GET", "/students/1", "{\"meta\":{\"trace\":\"a\"},\"x\":1}", "{\"meta\":{\"trace\":\"b\"},\"x\":1}");
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("$.meta.trace");
            assertThat(x.noiseReason()).isEqualTo("ignored by rule $.meta.**");
        });
    }

    @Test
    void vectorsWithinSimilarityAreEqualAndBeyondAreOneDifference() {
        String p = "{\"embedding\":[0.6,0.8,0.0]}";
        assertThat(diff("POST", "/encode", p, "{\"embedding\":[0.6000004,0.7999995,0.0000003]}")).isEmpty();
        assertThat(diff("POST", "/encode", p, "{\"embedding\":[0.8,0.6,0.0]}"))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.embedding", DifferenceKind.TOLERANCE_EXCEEDED));
        assertThat(diff("POST", "/encode", p, "{\"embedding\":[0.6,0.8]}"))
                .extracting(Difference::kind).containsExactly(DifferenceKind.TOLERANCE_EXCEEDED);
    }

    @Test
    void aVectorThatDiffersHasItsCosineKeptForTheLedgerWithinTheRuleOrBeyondIt() throws Exception {
        String p = "{\"embedding\":[0.6,0.8,0.0]}";
        java.util.function.Function<String, List<dev.shadowparity.core.Drift>> drifts = c -> comparator.compare(
                exchange(1, "POST", "/encode", replied(json(p)), replied(json(c)), null)).drifts();
        // inside the rule: read from the bytes, never handed to trees
        assertThat(drifts.apply("{\"embedding\":[0.6,0.8,0.0006]}")).singleElement().satisfies(d -> {
            assertThat(d.cosine()).isTrue();
            assertThat(d.path()).isEqualTo("$.embedding");
            assertThat(d.candidate()).isCloseTo(1 / Math.sqrt(1 + 0.0006 * 0.0006), org.assertj.core.data.Offset.offset(1e-12));
        });
        // beyond it: the tree differ keeps it too (0.96 = 0.6 * 0.8 + 0.8 * 0.6)
        assertThat(drifts.apply("{\"embedding\":[0.8,0.6,0.0]}")).singleElement()
                .satisfies(d -> assertThat(d.candidate()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-12)));
        // the same numbers written another way, and another dimension: no cosine
        assertThat(drifts.apply("{\"embedding\":[0.60,8e-1,0]}")).isEmpty();
        assertThat(drifts.apply("{\"embedding\":[0.6,0.8]}")).isEmpty();
        // from the exchange's line back, as a recovered or merged run reads it
        ExchangeResult r = comparator.compare(exchange(1, "POST", "/encode", replied(json(p)),
                replied(json("{\"embedding\":[0.6,0.8,0.0006]}")), null));
        var json = new dev.shadowparity.core.log.ExchangeJson(new dev.shadowparity.core.Redactor(
                dev.shadowparity.core.config.RedactionSettings.DEFAULT), true);
        assertThat(dev.shadowparity.core.log.ExchangeJson.fromJson(dev.shadowparity.core.log.ExchangeJson.parse(json.toLineBytes(r)))
                .drifts()).isEqualTo(r.drifts());
    }

    @Test
    void numericTolerancesAbsoluteAndRelative() {
        assertThat(diff("POST", "/encode", "{\"score\":0.970,\"big\":100000}", "{\"score\":0.979,\"big\":100099}")).isEmpty();
        assertThat(diff("POST", "/encode", "{\"score\":0.970,\"big\":100000}", "{\"score\":0.990,\"big\":100200}"))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.score", DifferenceKind.TOLERANCE_EXCEEDED), tuple("$.big", DifferenceKind.TOLERANCE_EXCEEDED));
    }

    @Test
    void candidateMayAddFieldsWhenTheRouteAllowsIt() {
        assertThat(diff("GET", "/lenient", "{\"a\":1}", "{\"a\":1,\"b\":2}")).isEmpty();
        assertThat(diff("GET", "/lenient", "{\"a\":1}", "{\"b\":2}")).extracting(Difference::kind).containsExactly(DifferenceKind.MISSING);
    }

    @Test
    void timestampsAndUuidsOfTheSameShapeAreNoise() {
        List<Difference> d = diff("GET", "/x", "{\"at\":\"2026-11-23T10:00:00Z\",\"id\":\"0b6f3c2e-1d2a-4c3b-9e8f-001122334455\"}",
                "{\"at\":\"2026-11-23T10:00:01Z\",\"id\":\"9a8b7c6d-5e4f-4a3b-8c2d-112233445566\"}");
        assertThat(d).hasSize(2).allMatch(Difference::isNoise);
        assertThat(diff("GET", "/x", "{\"at\":\"2026-11-23T10:00:00Z\"}", "{\"at\":1763892000}"))
                .singleElement().matches(x -> !x.isNoise() && x.kind() == DifferenceKind.TYPE);
    }

    @Test
    void statusAndHeadersAreComparedExceptVolatileOnes() {
        RecordedResponse p = new RecordedResponse(200, Headers.of("Content-Type", "application/json", "Date", "Mon",
                "X-Request-Id", "1", "Cache-Control", "max-age=60"), "{}".getBytes());
        RecordedResponse c = new RecordedResponse(201, Headers.of("content-type", "application/json", "Date", "Tue",
                "X-Request-Id", "2", "Cache-Control", "no-store"), "{}".getBytes());
        List<Difference> d = comparator.compare(exchange(1, "GET", "/x", replied(p), replied(c), null)).differences();
        assertThat(d).extracting(Difference::path, Difference::kind).containsExactly(
                tuple("status", DifferenceKind.STATUS), tuple("header:Cache-Control", DifferenceKind.HEADER));
    }

    @Test
    void textBodiesExactlyAndBinaryByDigest() {
        List<Difference> text = comparator.compare(exchange(1, "GET", "/t",
                replied(Fixtures.response(200, "text/plain", "hello")), replied(Fixtures.response(200, "text/plain", "hallo")), null)).differences();
        assertThat(text).singleElement().matches(x -> x.path().equals("body") && x.candidate().asText().equals("hallo"));
        RecordedResponse a = new RecordedResponse(200, Headers.of("Content-Type", "image/png"), new byte[] {1, 2, 3});
        RecordedResponse b = new RecordedResponse(200, Headers.of("Content-Type", "image/png"), new byte[] {1, 2, 4});
        List<Difference> binary = comparator.compare(exchange(1, "GET", "/b", replied(a), replied(b), null)).differences();
        assertThat(binary).singleElement().satisfies(x -> assertThat(x.primary().asText()).startsWith("sha256:").endsWith("(3 bytes)"));
    }

    @Test
    void contentTypeChangeIsADifference() {
        List<Difference> d = comparator.compare(exchange(1, "GET", "/t", replied(Fixtures.response(200, "application/json", "{\"a\":1}")),
                replied(Fixtures.response(200, "text/plain", "{\"a\":1}")), null)).differences();
        assertThat(d).extracting(Difference::path).containsExactly("header:Content-Type");
    }

    @Test
    void aDifferenceTheSecondaryShowsTooIsNoiseButAChangedKindIsNot() {
        var p = replied(json("{\"token\":\"aaa\",\"count\":1,\"n\":5}"));
        var s = replied(json("{\"token\":\"bbb\",\"count\":2,\"n\":5}"));
        var c = replied(json("{\"token\":\"ccc\",\"count\":\"2\",\"n\":6}"));
        List<Difference> d = comparator.compare(exchange(1, "GET", "/x", p, c, s)).differences();
        assertThat(d).extracting(Difference::path, Difference::isNoise).containsExactlyInAnyOrder(
                tuple("$.token", true), tuple("$.count", false), tuple("$.n", false));
    }

    @Test
    void missingResponsesBecomeOutcomesWithReasons() {
        var ok = replied(json("{}"));
        ExchangeResult timeout = comparator.compare(exchange(1, "GET", "/x", ok,
                new BackendReply.NoResponse(Outcome.TIMEOUT, "no answer in 2000 ms", Duration.ofSeconds(2)), null));
        assertThat(timeout.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(timeout.reason()).isEqualTo("no answer in 2000 ms");
        ExchangeResult primaryDown = comparator.compare(exchange(1, "GET", "/x",
                new BackendReply.NoResponse(Outcome.FAILED, "connection refused", Duration.ZERO), ok, null));
        assertThat(primaryDown.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(primaryDown.reason()).startsWith("primary failed");
    }
}
