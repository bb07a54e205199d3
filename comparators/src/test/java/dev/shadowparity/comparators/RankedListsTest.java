package dev.shadowparity.comparators;

import static dev.shadowparity.comparators.Fixtures.exchange;
import static dev.shadowparity.comparators.Fixtures.json;
import static dev.shadowparity.comparators.Fixtures.replied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Ranking;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.RedactionSettings;
import dev.shadowparity.core.log.ExchangeJson;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Jaccard@k, Kendall tau and the first result of ranked lists, on lists whose figures are known by hand. */
class RankedListsTest {

    private static final String ROUTES = """
            routes:
              - route: POST /search
                topK: { "$.results": { k: 3, label: id, scoreTolerance: 0.05 } }
              - route: POST /nested
                topK: { "$.hits[*].top": { k: 3, label: id } }
              - route: POST /judged
                topK: { "$.top": { k: 3, label: id, minSameFirst: 0.9 } }
            """;

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite(ROUTES));

    private ExchangeResult compare(String uri, String primary, String candidate) {
        return comparator.compare(exchange(1, "POST", uri, replied(json(primary)), replied(json(candidate)), null));
    }

    /** A list of results named by their ids, each scored a little less than the one before. */
    private static String results(String field, String ids) {
        List<String> entries = new java.util.ArrayList<>();
        String[] names = ids.split(",");
        for (int i = 0; i < names.length; i++) {
            entries.add("{\"id\":\"" + names[i] + "\",\"score\":" + (0.9 - i * 0.1) + "}");
        }
        return "{\"" + field + "\":[" + String.join(",", entries) + "],\"took\":3}";
    }

    private Ranking ranking(String primaryIds, String candidateIds) {
        List<Ranking> r = compare("/search", results("results", primaryIds), results("results", candidateIds)).rankings();
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    @Test
    void eachFigureIsThatOfTheListsFirstKLabels() {
        // Two swapped at the top: all shared, one of three pairs reversed: tau (2 - 1) / 3.
        assertThat(ranking("a,b,c", "b,a,c")).isEqualTo(new Ranking("$.results", 1.0, 1.0 / 3, false));
        // One replaced: two of four named are shared, in the same order.
        assertThat(ranking("a,b,c", "a,b,d")).isEqualTo(new Ranking("$.results", 0.5, 1.0, true));
        assertThat(ranking("a,b,c", "c,b,a")).isEqualTo(new Ranking("$.results", 1.0, -1.0, false));
        assertThat(ranking("a,b,c", "x,y,z")).isEqualTo(new Ranking("$.results", 0.0, 0.0, false));
        // A list cut short: what it names is in order, a third is missing.
        assertThat(ranking("a,b,c", "a,b")).isEqualTo(new Ranking("$.results", 2.0 / 3, 1.0, true));
        // Only one shared: no order to agree on.
        assertThat(ranking("a,b,c", "d,e,a")).isEqualTo(new Ranking("$.results", 0.2, 0.0, false));
        // Beyond k, the lists are not compared (the fourth and fifth swap here): c moved ahead of a and b, two of
        // three pairs reversed.
        assertThat(ranking("a,b,c,d,e", "c,a,b,e,d")).isEqualTo(new Ranking("$.results", 1.0, -1.0 / 3, false));
    }

    @Test
    void listsThatAgreeOrDifferOnlyInScoresAddNoRanking() {
        assertThat(compare("/search", results("results", "a,b,c"), results("results", "a,b,c")).rankings()).isEmpty();
        assertThat(compare("/search", results("results", "a,b,c,d"), results("results", "a,b,c,z")).rankings()).isEmpty();
        // A score beyond the tolerance is a regression of its own, but no rank moved.
        ExchangeResult scored = compare("/search", results("results", "a,b,c"),
                results("results", "a,b,c").replace("\"score\":0.9}", "\"score\":0.5}"));
        assertThat(scored.differences()).extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("$.results[0].score", DifferenceKind.TOLERANCE_EXCEEDED));
        assertThat(scored.rankings()).isEmpty();
        // The other fields of the answer: no list of the rule differs.
        assertThat(compare("/search", results("results", "a,b,c"), results("results", "a,b,c").replace("\"took\":3", "\"took\":4"))
                .rankings()).isEmpty();
    }

    @Test
    void aListMissingOnOneSideSharesNothing() {
        ExchangeResult r = compare("/search", results("results", "a,b,c"), "{\"took\":3}");
        assertThat(r.rankings()).containsExactly(new Ranking("$.results", 0.0, 0.0, false));
    }

    @Test
    void eachListOfANestedPathIsMeasuredOnItsOwn() {
        String p = "{\"hits\":[{\"top\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]},{\"top\":[{\"id\":\"q\"},{\"id\":\"r\"}]}]}";
        String c = "{\"hits\":[{\"top\":[{\"id\":\"b\"},{\"id\":\"a\"},{\"id\":\"c\"}]},{\"top\":[{\"id\":\"r\"}]}]}";
        ExchangeResult r = compare("/nested", p, c);
        assertThat(r.rankings()).containsExactly(new Ranking("$.hits[0].top", 1.0, 1.0 / 3, false),
                new Ranking("$.hits[1].top", 0.5, 0.0, false));
        assertThat(r.rankings().get(1).generalPath()).isEqualTo("$.hits[*].top");
    }

    @Test
    void withAThresholdTheListsRanksAreTheRankingChecksToJudgeNotTheParitys() {
        ExchangeResult r = compare("/judged", results("top", "a,b,c"), results("top", "b,a"));
        assertThat(r.differences()).extracting(Difference::path, Difference::kind).containsExactly(
                tuple("$.top[0].id", DifferenceKind.VALUE), tuple("$.top[1].id", DifferenceKind.VALUE),
                tuple("$.top[2]", DifferenceKind.MISSING));
        assertThat(r.differences()).allMatch(d -> RankedLists.TOP_K_NOISE.equals(d.noiseReason()));
        assertThat(r.hasRegression()).isFalse();
        assertThat(r.rankings()).containsExactly(new Ranking("$.top", 2.0 / 3, -1.0, false));
        // Without a threshold, the same swap fails the exchange's parity.
        assertThat(compare("/search", results("results", "a,b,c"), results("results", "b,a,c")).hasRegression()).isTrue();
    }

    @Test
    void aThresholdOnEveryElementsListIsRefusedNamingThePath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixtures.suite("""
                        routes:
                          - route: POST /x
                            topK: { "$.hits[*].top": { k: 3, minTau: 0.8 } }
                        """)).hasMessageContaining("topK.$.hits[*].top: ranked lists are judged per exchange");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixtures.suite("""
                        routes:
                          - route: POST /x
                            topK: { "$.top": { k: 3, minTau: 1.5 } }
                        """)).hasMessageContaining("minTau is a mean Kendall tau within -1..1, got 1.5");
    }

    @Test
    void rankingsAreWrittenToTheExchangeLineAndReadBack() throws Exception {
        ExchangeResult r = compare("/search", results("results", "a,b,c"), results("results", "a,c,d"));
        byte[] line = new ExchangeJson(new Redactor(RedactionSettings.DEFAULT), true).toLineBytes(r);
        ExchangeResult back = ExchangeJson.fromJson(ExchangeJson.parse(line));
        assertThat(back.rankings()).isEqualTo(r.rankings()).containsExactly(new Ranking("$.results", 0.5, 1.0, true));
        String bad = new String(line, java.nio.charset.StandardCharsets.UTF_8).replace("\"jaccard\":0.5", "\"jaccard\":1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExchangeJson.fromJson(ExchangeJson.parse(bad.getBytes())))
                .hasMessageStartingWith("field 'rankings': jaccard within 0-1");
    }

    @Test
    void theLedgerMeansTakeEveryComparedListAgreeingOrNot() {
        Ledger ledger = new Ledger();
        List<String> candidates = Stream.of("a,b,c", "a,b,c", "b,a,c", "a,b,d", "a,b,c").collect(Collectors.toList());
        for (String ids : candidates) {
            ledger.record(compare("/search", results("results", "a,b,c"), results("results", ids)));
        }
        EndpointStats.Snapshot s = ledger.snapshot().get(0);
        EndpointStats.RankingSnapshot r = s.rankings().get("$.results");
        assertThat(r).isEqualTo(new EndpointStats.RankingSnapshot(2, 1.5, 1.0 / 3 + 1, 1));
        org.assertj.core.data.Offset<Double> exact = org.assertj.core.data.Offset.offset(1e-12);
        assertThat(r.meanJaccard(s.compared())).isCloseTo((3 + 1.5) / 5, exact);
        assertThat(r.meanTau(s.compared())).isCloseTo((3 + 1.0 / 3 + 1) / 5, exact);
        assertThat(r.sameFirst(s.compared())).isCloseTo(0.8, exact);
    }
}
