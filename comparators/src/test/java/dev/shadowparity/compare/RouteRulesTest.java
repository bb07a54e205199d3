package dev.shadowparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.JsonPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRulesTest {

    @Test
    void aPathsShapeHidesItsIndicesOnly() {
        assertThat(RouteRules.RuleList.shapeOf("$.items[12].tags[0]")).isEqualTo("$.items[*].tags[*]");
        assertThat(RouteRules.RuleList.shapeOf("$.plain.path")).isEqualTo("$.plain.path");
        assertThat(RouteRules.RuleList.shapeOf("$['odd key'][3]")).isEqualTo("$['odd key'][*]");
    }

    @Test
    void rememberedLookupsGiveTheSameAnswerAsTheRegexes() {
        var byShape = new RouteRules.RuleList<>(List.of(
                new RouteRules.PathRule<>("$.items[*].price", JsonPaths.compile("$.items[*].price"), "price"),
                new RouteRules.PathRule<>("$..token", JsonPaths.compile("$..token"), "token")));
        for (int i = 0; i < 3; i++) {
            assertThat(byShape.find("$.items[" + i + "].price").rule()).isEqualTo("price");
            assertThat(byShape.find("$.items[" + i + "].qty")).isNull();
            assertThat(byShape.find("$.a[" + i + "].b.token").rule()).isEqualTo("token");
        }
        var concrete = new RouteRules.RuleList<>(List.of(
                new RouteRules.PathRule<>("$.items[0].price", JsonPaths.compile("$.items[0].price"), "first")));
        assertThat(concrete.find("$.items[0].price").rule()).isEqualTo("first");
        assertThat(concrete.find("$.items[1].price")).as("a concrete index is not a shape").isNull();
    }
}
