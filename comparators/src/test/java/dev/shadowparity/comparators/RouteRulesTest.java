package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.JsonPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRulesTest {

    @Test
    void aLocationsShapeHidesItsIndicesOnly() {
        JsonLocation tag = JsonLocation.root(new JsonLocation.Shapes()).field("items").index(12).field("tags").index(0);
        assertThat(tag.shape()).isEqualTo("$.items[*].tags[*]");
        assertThat(tag.text()).isEqualTo("$.items[12].tags[0]");
        assertThat(JsonLocation.root(new JsonLocation.Shapes()).field("plain").field("path").shape()).isEqualTo("$.plain.path");
        assertThat(JsonLocation.root(new JsonLocation.Shapes()).field("odd key").index(3).shape()).isEqualTo("$['odd key'][*]");
    }

    @Test
    void rememberedLookupsGiveTheSameAnswerAsTheRegexes() {
        var byShape = new RouteRules.RuleList<>(List.of(
                new RouteRules.PathRule<>("$.items[*].price", JsonPaths.compile("$.items[*].price"), "price"),
                new RouteRules.PathRule<>("$..token", JsonPaths.compile("$..token"), "token")));
        JsonLocation root = JsonLocation.root(new JsonLocation.Shapes());
        for (int i = 0; i < 3; i++) {
            assertThat(byShape.find(root.field("items").index(i).field("price")).rule()).isEqualTo("price");
            assertThat(byShape.find(root.field("items").index(i).field("qty"))).isNull();
            assertThat(byShape.find(root.field("a").index(i).field("b").field("token")).rule()).isEqualTo("token");
        }
        var concrete = new RouteRules.RuleList<>(List.of(
                new RouteRules.PathRule<>("$.items[0].price", JsonPaths.compile("$.items[0].price"), "first")));
        assertThat(concrete.find(root.field("items").index(0).field("price")).rule()).isEqualTo("first");
        assertThat(concrete.find(root.field("items").index(1).field("price"))).as("a concrete index is not a shape").isNull();
    }

    @Test
    void shapesAreSharedBetweenComparisonsAndStayRightPastTheirBound() {
        JsonLocation.Shapes shapes = new JsonLocation.Shapes();
        String first = JsonLocation.root(shapes).field("items").index(1).field("price").shape();
        assertThat(JsonLocation.root(shapes).field("items").index(7).field("price").shape()).isSameAs(first)
                .isEqualTo("$.items[*].price");
        for (int i = 0; i < JsonLocation.Shapes.MAX_SHAPES + 50; i++) {
            assertThat(JsonLocation.root(shapes).field("byId").field("k" + i).shape()).isEqualTo("$.byId.k" + i);
        }
        assertThat(JsonLocation.root(shapes).field("items").index(3).field("price").shape()).isSameAs(first);
    }
}
