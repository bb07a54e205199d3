package dev.shadowparity.comparators;

import static dev.shadowparity.comparators.Fixtures.exchange;
import static dev.shadowparity.comparators.Fixtures.json;
import static dev.shadowparity.comparators.Fixtures.replied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.RecordedResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route's declared answer, checked with JSONassert in the mode the suite names. */
class ExpectedResponseTest {

    private final ExchangeComparator comparator = ExchangeComparator.of(Fixtures.suite("""
            routes:
              - route: GET /health
                expect: { status: 200, body: { status: UP, checks: [db, cache] } }
              - route: GET /health/strict
                expect: { body: { status: UP, checks: [db, cache] }, mode: non_extensible }
            """));

    /** The primary answers the same as the candidate, so only the expectation can differ. */
    private List<Difference> check(String uri, RecordedResponse candidate) {
        return comparator.compare(exchange(1, "GET", uri, replied(candidate), replied(candidate), null)).differences();
    }

    @Test
    void lenientAllowsExtraFieldsAndAnyArrayOrder() {
        assertThat(check("/health", json("{\"status\":\"UP\",\"checks\":[\"cache\",\"db\"],\"uptime\":5}"))).isEmpty();
    }

    @Test
    void eachUnmetPartIsOneExpectationDifference() {
        assertThat(check("/health", json("{\"status\":\"DOWN\",\"checks\":[\"db\",\"cache\"]}")))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("expected:$.status", DifferenceKind.EXPECTATION));
        assertThat(check("/health", Fixtures.response(503, "application/json", "{\"status\":\"UP\",\"checks\":[\"db\",\"cache\"]}")))
                .extracting(Difference::path).containsExactly("expected:status");
        assertThat(check("/health", Fixtures.response(200, "text/plain", "UP")))
                .extracting(Difference::path).containsExactly("expected:body");
    }

    @Test
    void theModeIsTheSuites() {
        assertThat(check("/health/strict", json("{\"status\":\"UP\",\"checks\":[\"cache\",\"db\"],\"uptime\":5}")))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("expected:$.uptime", DifferenceKind.EXPECTATION));
        assertThatThrownBy(() -> Fixtures.suite("""
                routes:
                  - route: GET /x
                    expect: { body: { a: 1 }, mode: fuzzy }
                """)).hasMessageContaining("test.yaml:6:").hasMessageContaining("routes[0].expect").hasMessageContaining("STRICT, LENIENT, NON_EXTENSIBLE, STRICT_ORDER");
    }
}
