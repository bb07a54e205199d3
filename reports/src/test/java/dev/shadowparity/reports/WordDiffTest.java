package dev.shadowparity.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordDiffTest {

    @Test
    void wordsBothHaveArePlainTheOthersStruckOrUnderlinedInPlace() {
        assertThat(WordDiff.html("the cat sat on the mat", "the cat lay on the mat"))
                .isEqualTo("<p class=\"worddiff\">the cat <del>sat</del><ins>lay</ins> on the mat</p>");
        assertThat(WordDiff.html("present all week", "present all week <b>today</b>"))
                .isEqualTo("<p class=\"worddiff\">present all week<ins> </ins><ins>&lt;b&gt;today&lt;/b&gt;</ins></p>");
        assertThat(WordDiff.html("", "new")).isEqualTo("<p class=\"worddiff\"><ins>new</ins></p>");
    }

    @Test
    void theReportShowsASimilarityFieldsTextsWordByWordWithTheScore() throws Exception {
        com.fasterxml.jackson.databind.JsonNode example = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"exchangeId\":1,\"path\":\"$.answer\",\"primary\":\"the cat sat\","
                        + "\"candidate\":{\"text\":\"the cat lay\",\"score\":0.667,\"metric\":\"rouge-l\",\"atLeast\":0.8}}");
        dev.shadowparity.gate.Verdict.EndpointVerdict e = new dev.shadowparity.gate.Verdict.EndpointVerdict("POST /ask", 1, 1, 0,
                java.util.Map.of(), 0.0, java.util.List.of(new dev.shadowparity.gate.Verdict.FieldCount("$.answer", "similarity", 1,
                null, example, java.util.Map.of())), java.util.List.of(), null, null, java.util.Map.of(), java.util.Map.of());
        assertThat(DiffHtml.page("agent", e)).contains("$.answer: the texts word by word (rouge-l 0.667, needs 0.8)")
                .contains("the cat <del>sat</del><ins>lay</ins>");
    }
}
