package dev.shadowparity.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathsTest {

    @Test
    void buildsConcretePaths() {
        assertThat(JsonPaths.index(JsonPaths.field("$", "items"), 3)).isEqualTo("$.items[3]");
        assertThat(JsonPaths.field("$", "odd key")).isEqualTo("$['odd key']");
        assertThat(JsonPaths.field("$", "it's")).isEqualTo("$['it\\'s']");
    }

    @Test
    void generalisesIndices() {
        assertThat(JsonPaths.generalise("$.items[3].tags[10]")).isEqualTo("$.items[*].tags[*]");
        assertThat(JsonPaths.generalise("header:X-Id")).isEqualTo("header:X-Id");
    }

    @Test
    void wildcardIndexMatchesAnyIndexOnly() {
        var p = JsonPaths.compile("$.items[*].price");
        assertThat(p.matcher("$.items[0].price").matches()).isTrue();
        assertThat(p.matcher("$.items[12].price").matches()).isTrue();
        assertThat(p.matcher("$.items.price").matches()).isFalse();
        assertThat(p.matcher("$.items[0].price.amount").matches()).isFalse();
    }

    @Test
    void starMatchesOneFieldAndDoubleStarAnyDepth() {
        assertThat(JsonPaths.compile("$.*.id").matcher("$.user.id").matches()).isTrue();
        assertThat(JsonPaths.compile("$.*.id").matcher("$.a.b.id").matches()).isFalse();
        var deep = JsonPaths.compile("$..token");
        assertThat(deep.matcher("$.token").matches()).isTrue();
        assertThat(deep.matcher("$.session.auth[2].token").matches()).isTrue();
        assertThat(deep.matcher("$.tokens").matches()).isFalse();
    }

    @Test
    void dotsInPatternsAreLiteral() {
        assertThat(JsonPaths.compile("$.a.b").matcher("$.aXb").matches()).isFalse();
    }

    @Test
    void aConcretePathIsReadBackIntoTheStepsItWasBuiltFrom() {
        String path = JsonPaths.field(JsonPaths.index(JsonPaths.field(JsonPaths.field("$", "results"), "top"), 12), "it's a\\b");
        assertThat(JsonPaths.steps(path)).containsExactly("results", "top", 12, "it's a\\b");
        assertThat(JsonPaths.steps("$")).isEmpty();
        assertThat(JsonPaths.steps("$[0][1]")).containsExactly(0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonPaths.steps("$.items[*].id"))
                .hasMessage("not an array index at 7 of '$.items[*].id'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonPaths.steps("status")).hasMessage("not a JSON path: 'status'");
    }
}
