package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.RouteConfig;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorPolicyTest {

    /** n = 20 000 at p = 0.25: sigma = 0.31 percentage points, so 1.5 points is almost 5 sigma. */
    private static final int N = 20_000;
    private static final double BOUND = 1.5;

    private static HttpRequest request(String uri, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void randomSamplingHitsTheRateWithinStatisticalBounds() {
        MirrorPolicy policy = new MirrorPolicy(RouteTable.of(List.of()), 25, null, null);
        int sampled = 0;
        for (int i = 0; i < N; i++) {
            sampled += policy.sampled(request("/x")) ? 1 : 0;
        }
        assertThat(100.0 * sampled / N).isCloseTo(25, within(BOUND));
    }

    @Test
    void stickySamplingHitsTheRateAcrossUsersAndNeverFlipsAUser() {
        MirrorPolicy policy = new MirrorPolicy(RouteTable.of(List.of()), 25, "header:X-User-Id", null);
        int sampled = 0;
        for (int i = 0; i < N; i++) {
            String user = "user-" + i;
            boolean first = policy.sampled(request("/x", "X-User-Id", user));
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(policy.sampled(request("/y?z=" + repeat, "X-User-Id", user))).isEqualTo(first);
            }
            sampled += first ? 1 : 0;
        }
        assertThat(100.0 * sampled / N).isCloseTo(25, within(BOUND));
    }

    @Test
    void raisingThePercentKeepsEveryUserWhoWasAlreadyIn() {
        MirrorPolicy policy = new MirrorPolicy(RouteTable.of(List.of()), 10, "cookie:session", null);
        boolean[] before = new boolean[2000];
        for (int i = 0; i < before.length; i++) {
            before[i] = policy.sampled(request("/", "Cookie", "theme=dark; session=s" + i));
        }
        policy.percent(50);
        for (int i = 0; i < before.length; i++) {
            if (before[i]) {
                assertThat(policy.sampled(request("/", "Cookie", "session=s" + i + "; theme=dark"))).isTrue();
            }
        }
    }

    @Test
    void queryKeysAndMissingKeys() {
        MirrorPolicy policy = new MirrorPolicy(RouteTable.of(List.of()), 50, "query:user", null);
        String inUser = null;
        for (int i = 0; inUser == null; i++) {
            if (MirrorPolicy.bucketOf("u" + i) < 50) {
                inUser = "u" + i;
            }
        }
        for (int i = 0; i < 20; i++) {
            assertThat(policy.sampled(request("/x?page=" + i + "&user=" + inUser))).isTrue();
        }
        int sampled = 0;
        for (int i = 0; i < N; i++) {
            sampled += policy.sampled(request("/x?page=1")) ? 1 : 0;
        }
        assertThat(100.0 * sampled / N).as("requests without the key fall back to random").isCloseTo(50, within(BOUND));
    }

    @Test
    void writesQualifyOnlyOnRoutesThatAllowThem() {
        MirrorPolicy policy = new MirrorPolicy(RouteTable.of(List.of(
                RouteConfig.of("POST /api/attendance", true),
                RouteConfig.of("PUT /api/students/{id}", false))), 100, null, null);
        assertThat(policy.eligible("GET", "/anything")).isTrue();
        assertThat(policy.eligible("OPTIONS", "/anything")).isTrue();
        assertThat(policy.eligible("POST", "/api/attendance")).isTrue();
        assertThat(policy.eligible("PUT", "/api/students/4")).isFalse();
        assertThat(policy.eligible("DELETE", "/api/attendance")).isFalse();
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> new MirrorPolicy(RouteTable.of(List.of()), 10, "body:x", null)).hasMessageContaining("header:NAME, cookie:NAME or query:NAME");
        assertThatThrownBy(() -> new MirrorPolicy(RouteTable.of(List.of()), 10, null, null).percent(Double.NaN)).hasMessageContaining("0-100");
    }

    @Test
    void theOrderKeyIsReadLikeTheStickyKeyOrIsTheConnection() {
        var request = new io.netty.handler.codec.http.DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.POST, "/api/cart?user=u7");
        request.headers().add("Cookie", "theme=dark; session=s-42");
        assertThat(new MirrorPolicy(RouteTable.of(List.of()), 100, null, "cookie:session").orderKey(request, "c1")).isEqualTo("s-42");
        assertThat(new MirrorPolicy(RouteTable.of(List.of()), 100, null, "query:user").orderKey(request, "c1")).isEqualTo("u7");
        assertThat(new MirrorPolicy(RouteTable.of(List.of()), 100, null, "client-connection").orderKey(request, "c1")).isEqualTo("c1");
        assertThat(new MirrorPolicy(RouteTable.of(List.of()), 100, null, "header:X-User").orderKey(request, "c1"))
                .as("a request without the key is not held back").isNull();
        assertThat(new MirrorPolicy(RouteTable.of(List.of()), 100, null, null).orderKey(request, "c1")).isNull();
        assertThatThrownBy(() -> new MirrorPolicy(RouteTable.of(List.of()), 100, null, "connection"))
                .hasMessage("orderBy must be header:NAME, cookie:NAME, query:NAME or client-connection, got 'connection'");
    }
}
