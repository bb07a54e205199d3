package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated text judged by meaning: each metric on known pairs, JSON inside text, numbers inside text, the rule. */
class TextSimilarityTest {

    @Test
    void eachMetricScoresKnownPairsExactly() {
        // {the, cat, sat} and {the, cat, slept}: two shared words of four
        assertThat(TextSimilarity.score("token-jaccard", "the cat sat", "The cat slept")).isEqualTo(0.5);
        // kitten -> sitting: three edits over seven characters
        assertThat(TextSimilarity.score("levenshtein", "kitten", "sitting")).isCloseTo(1 - 3 / 7.0, within(1e-12));
        // longest common word subsequence "the cat on the mat": 5 of 6 words each way
        assertThat(TextSimilarity.score("rouge-l", "the cat sat on the mat", "the cat lay on the mat"))
                .isCloseTo(5 / 6.0, within(1e-12));
        assertThat(TextSimilarity.score("rouge-l", "yes", "no")).isZero();
        assertThat(TextSimilarity.score("levenshtein", "", "")).isEqualTo(1.0);
        assertThat(TextSimilarity.words("Attendance: 3.5 days, Ada's")).containsExactly("attendance", "3.5", "days", "ada", "s");
    }

    private static final String RULE = """
            similarity:
              "$.answer": { metric: rouge-l, atLeast: 0.8, numbers: { absolute: 0.01 } }
            """;

    @Test
    void aTextLessAlikeThanTheRuleAsksIsOneSimilarityDifferenceCarryingItsScore() {
        List<Difference> d = JsonParity.compare("{\"answer\":\"Ada Lovelace was present on all five days\"}",
                "{\"answer\":\"The student was absent\"}", RULE);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(DifferenceKind.SIMILARITY);
            assertThat(x.isNoise()).isFalse();
            assertThat(x.path()).isEqualTo("$.answer");
            assertThat(x.candidate().path("score").asDouble()).isEqualTo(0.167); // LCS "was": 1 of 4 words, 1 of 8
            assertThat(x.candidate().path("metric").asText()).isEqualTo("rouge-l");
        });
    }

    @Test
    void alikeTextIsNoiseThatSaysTheScoreAndNeverAValueDifference() {
        List<Difference> d = JsonParity.compare("{\"answer\":\"Ada Lovelace was present on all five days this week\"}",
                "{\"answer\":\"Ada Lovelace was present on all five days of this week\"}", RULE);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(DifferenceKind.SIMILARITY);
            assertThat(x.noiseReason()).isEqualTo("alike by rouge-l 0.952 (at least 0.8)");
        });
        assertThat(JsonParity.regressions("{\"answer\":\"a b c d e f g h i j\"}", "{\"answer\":\"a b c d e f g h i x\"}", RULE))
                .isEmpty();
    }

    @Test
    void numbersInsideTextAreHeldToTheRulesTolerance() {
        assertThat(JsonParity.compare("{\"answer\":\"Your total is 10.00 EUR for 3 items\"}",
                "{\"answer\":\"Your total is 10.004 EUR for 3 items\"}", RULE)).isEmpty();
        assertThat(JsonParity.compare("{\"answer\":\"Your total is 10.00 EUR for 3 items\"}",
                "{\"answer\":\"Your total is 10.50 EUR for 3 items\"}", RULE))
                .singleElement().satisfies(x -> assertThat(x.kind()).isEqualTo(DifferenceKind.TOLERANCE_EXCEEDED));
    }

    @Test
    void jsonInsideTextIsComparedAsJson() {
        assertThat(JsonParity.compare("{\"answer\":\"{\\\"a\\\":1,\\\"b\\\":[1,2]}\"}", "{\"answer\":\"{\\\"b\\\":[1,2], \\\"a\\\":1}\"}",
                RULE)).isEmpty();
        assertThat(JsonParity.compare("{\"answer\":\"{\\\"a\\\":1,\\\"b\\\":2}\"}", "{\"answer\":\"{\\\"a\\\":2}\"}", RULE))
                .extracting(x -> x.path() + " " + x.kind().label())
                .containsExactlyInAnyOrder("$.answer.a value", "$.answer.b missing");
    }

    @Test
    void withoutTheRuleTextDiffersByValueAndABadRuleIsAConfigError() {
        assertThat(JsonParity.compare("{\"answer\":\"a\"}", "{\"answer\":\"b\"}", "ignore: []"))
                .singleElement().satisfies(x -> assertThat(x.kind()).isEqualTo(DifferenceKind.VALUE));
        assertThatThrownBy(() -> JsonParity.compare("{}", "{}", "similarity:\n  \"$.a\": { metric: bleu }"))
                .hasMessageContaining("metric must be token-jaccard, levenshtein or rouge-l, got 'bleu'");
    }
}
