package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The comparator used alone: two bodies and a route's rules in, the run's differences out. */
class JsonParityTest {

    private static final String RULES = """
            ignore: [$.requestId]
            tolerance: { "$.score": { absolute: 0.001 } }
            arrays: { "$.courses": { by: id, unordered: true } }
            """;

    @Test
    void theRulesDecideAsInARun() {
        String legacy = "{\"requestId\":\"a1\",\"score\":0.9300,\"courses\":[{\"id\":1,\"t\":\"Logic\"},{\"id\":2,\"t\":\"Sets\"}],\"lastName\":\"Lovelace\"}";
        String rewrite = "{\"requestId\":\"b2\",\"score\":0.9304,\"courses\":[{\"id\":2,\"t\":\"Sets\"},{\"id\":1,\"t\":\"Logic\"}],\"familyName\":\"Lovelace\"}";
        assertThat(JsonParity.regressions(legacy, rewrite, RULES)).extracting(d -> d.path() + " " + d.kind().label())
                .containsExactlyInAnyOrder("$.lastName missing", "$.familyName extra");
        assertThat(JsonParity.compare(legacy, rewrite, RULES)).filteredOn(d -> d.isNoise())
                .extracting(d -> d.path()).containsExactly("$.requestId");
        assertThat(JsonParity.compare(legacy, legacy, null)).isEmpty();
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> JsonParity.compare("{", "{}", "")).isInstanceOf(ParityException.class)
                .hasMessageContaining("the primary body is not JSON");
        assertThatThrownBy(() -> JsonParity.compare("{}", "{}", "tolerance: { $.a: { absolut: 1 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("the route rules").hasMessageContaining("absolut");
    }
}
