package dev.shadowparity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable<String> table = new RouteTable<>(List.of(
            new RouteTable.Entry<>(RouteTemplate.parse("GET /api/students/{id}"), "one"),
            new RouteTable.Entry<>(RouteTemplate.parse("GET /api/students/search"), "search"),
            new RouteTable.Entry<>(RouteTemplate.parse("/api/health"), "any-method")));

    @Test
    void literalSegmentsBeatParameters() {
        assertThat(table.find("GET", "/api/students/search")).get().extracting(RouteTable.Entry::value).isEqualTo("search");
        assertThat(table.find("GET", "/api/students/42")).get().extracting(RouteTable.Entry::value).isEqualTo("one");
    }

    @Test
    void methodMustMatchUnlessTheRouteOmitsIt() {
        assertThat(table.find("POST", "/api/students/42")).isEmpty();
        assertThat(table.find("DELETE", "/api/health")).get().extracting(RouteTable.Entry::value).isEqualTo("any-method");
    }

    @Test
    void segmentCountMustMatch() {
        assertThat(table.find("GET", "/api/students/42/courses")).isEmpty();
        assertThat(table.find("GET", "/api/students")).isEmpty();
    }

    @Test
    void unmatchedPathsGetIdSegmentsGeneralised() {
        assertThat(table.endpointOf("GET", "/api/students/42")).hasToString("GET /api/students/{id}");
        assertThat(table.endpointOf("PUT", "/api/orders/123/items/9f1c2d3e-0a1b-4c2d-8e3f-001122334455"))
                .hasToString("PUT /api/orders/{id}/items/{id}");
        assertThat(table.endpointOf("GET", "/")).hasToString("GET /");
    }

    @Test
    void routesAreValidated() {
        assertThatThrownBy(() -> RouteTemplate.parse("GET api/x")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> RouteTemplate.parse("GET /x?y=1")).hasMessageContaining("query string");
    }

    @Test
    void endpointKeyRoundTrips() {
        EndpointKey k = EndpointKey.parse("post /api/x/{id}");
        assertThat(k.method()).isEqualTo("POST");
        assertThat(EndpointKey.parse(k.toString())).isEqualTo(k);
        assertThatThrownBy(() -> EndpointKey.parse("GET")).hasMessageContaining("METHOD /route");
    }
}
