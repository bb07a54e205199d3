package dev.shadowparity.junit5;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The extension as a QA engineer's test class uses it, on two real WireMock servers: the legacy and the rewrite. */
class ParityExtensionTest {

    static final WireMockServer LEGACY = server(false);
    static final WireMockServer REWRITE = server(true);

    @RegisterExtension
    static Parity parity = Parity.between(LEGACY::baseUrl, REWRITE::baseUrl).suite("students-parity.yaml");

    private static WireMockServer server(boolean rewrite) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        s.start();
        s.stubFor(get(urlEqualTo("/api/courses")).willReturn(okJson("[{\"id\":1,\"title\":\"Logic\"}]")));
        s.stubFor(get(urlEqualTo("/api/students/8")).willReturn(okJson(
                "{\"id\":8,\"lastName\":\"Hopper\",\"token\":\"" + (rewrite ? "t-new" : "t-old") + "\"}")));
        s.stubFor(get(urlEqualTo("/api/students/7")).willReturn(okJson(rewrite
                ? "{\"id\":7,\"familyName\":\"Lovelace\"}" : "{\"id\":7,\"lastName\":\"Lovelace\"}")));
        s.stubFor(post(urlEqualTo("/api/attendance")).willReturn(okJson("{\"recorded\":true}")));
        return s;
    }

    @AfterAll
    static void stop() {
        LEGACY.stop();
        REWRITE.stop();
    }

    @Test
    void theSameAnswerPasses() {
        Comparison c = parity.get("/api/courses");
        assertThat(c.agrees()).isTrue();
        assertThat(c.endpoint()).isEqualTo("GET /api/courses");
    }

    @Test
    void noiseNeverFailsATest() {
        Comparison c = parity.get("/api/students/8");
        assertThat(c.regressions()).isEmpty();
        assertThat(c.noise()).extracting(d -> d.path()).containsExactly("$.token");
    }

    @Test
    void aRegressionFailsTheTestWithEndpointPathKindAndBothValues() {
        assertThatThrownBy(() -> parity.get("/api/students/7"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("GET /api/students/{id}: 2 regressions")
                .hasMessageContaining("$.lastName  missing  primary \"Lovelace\"  candidate (none)")
                .hasMessageContaining("$.familyName  extra  primary (none)  candidate \"Lovelace\"");
    }

    @Test
    void aPostSendsItsJsonBodyToBoth() {
        parity.post("/api/attendance", "{\"student\":7,\"present\":true}");
        for (WireMockServer s : new WireMockServer[] {LEGACY, REWRITE}) {
            s.verify(postRequestedFor(urlEqualTo("/api/attendance")).withRequestBody(equalToJson("{\"student\":7,\"present\":true}")));
        }
    }

    @Test
    void aRecordedFileIsReplayedAndEveryRegressionNamedAtOnce(@TempDir Path dir) throws Exception {
        Path traffic = Files.writeString(dir.resolve("traffic.jsonl"), """
                {"method":"GET","path":"/api/courses"}
                {"method":"GET","path":"/api/students/7"}
                {"method":"GET","path":"/api/students/8"}
                """);
        assertThatThrownBy(() -> parity.replay(traffic)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("GET /api/students/{id}: 2 regressions").hasMessageNotContaining("/api/courses");
    }

    @Test
    void anUnreachableCandidateFailsWithTheReasonTheCommandLineGives() throws Exception {
        Parity broken = Parity.between(LEGACY.baseUrl(), "http://127.0.0.1:1");
        broken.beforeAll((ExtensionContext) null);
        try {
            assertThatThrownBy(() -> broken.get("/api/courses")).isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("GET /api/courses: not compared, failed: cannot connect to 127.0.0.1:1");
        } finally {
            broken.afterAll(null);
        }
        assertThatThrownBy(() -> Parity.between("http://x:1", "http://y:2").suite("no-such.yaml").beforeAll(null))
                .hasMessageContaining("no-such.yaml is neither a file nor a class path resource");
    }
}
