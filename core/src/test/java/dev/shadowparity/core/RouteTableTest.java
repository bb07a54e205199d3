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

    /** The regular expression the hand-written scan replaced: the two must agree on every segment. */
    private static final java.util.regex.Pattern ID_SEGMENT = java.util.regex.Pattern.compile(
            "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[a-fA-F]*\\d)[0-9a-fA-F]{16,}");

    @Test
    void theIdScanAgreesWithItsRegularExpressionOnManySegments() {
        java.util.Random r = new java.util.Random(7);
        String alphabet = "0123456789abcdefABCDEFxyz-_.";
        for (int k = 0; k < 200_000; k++) {
            int len = switch (k % 5) { case 0 -> 36; case 1 -> 16 + r.nextInt(3); default -> r.nextInt(40); };
            StringBuilder seg = new StringBuilder();
            for (int i = 0; i < len; i++) {
                boolean uuidShape = k % 5 == 0 && (i == 8 || i == 13 || i == 18 || i == 23) && r.nextInt(10) > 0;
                String pool = k % 3 == 0 ? alphabet.substring(0, 22) : k % 7 == 0 ? "0123456789" : alphabet;
                seg.append(uuidShape ? '-' : pool.charAt(r.nextInt(pool.length())));
            }
            String s = seg.toString();
            assertThat(RouteTable.isId("/x/" + s, 3, 3 + s.length())).as("'%s'", s).isEqualTo(ID_SEGMENT.matcher(s).matches());
        }
        assertThat(RouteTable.generalise("/a//12/")).isEqualTo("/a//{id}/");
        assertThat(RouteTable.generalise("")).isEqualTo("/");
        assertThat(RouteTable.generalise("/users/0123456789abcdef/x")).isEqualTo("/users/{id}/x");
        assertThat(RouteTable.generalise("/users/abcdefabcdefabcdef")).isEqualTo("/users/abcdefabcdefabcdef");
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
