package dev.shadowparity.load;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatling (and the warm-up before it) on https backends: one spoken to in h2, one that asks for a client
 * certificate: with the backend's {@code tls.clientCert} every request is answered; without it every one fails.
 */
class LoadTlsTest {

    @TempDir
    Path dir;
    private final List<WireMockServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(WireMockServer::stop);
    }

    private WireMockServer https(TestPki pki, String name, boolean askClientCert) {
        WireMockServer s = new WireMockServer(TestPki.wireMockHttps(pki.issue(name, "127.0.0.1"), askClientCert ? pki : null));
        s.start();
        s.stubFor(get(anyUrl()).willReturn(okJson("{\"id\":1}")));
        servers.add(s);
        return s;
    }

    private LoadResult load(String candidateTls, WireMockServer primary, WireMockServer candidate, StringWriter console) {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "https://127.0.0.1:%d", protocol: h2, tls: { caFile: Load-CA.pem } }
                  candidate: { url: "https://127.0.0.1:%d", tls: { %s } }
                """.formatted(primary.httpsPort(), candidate.httpsPort(), candidateTls), "load.yaml", dir);
        LoadRun.Settings settings = new LoadRun.Settings(List.of(2), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(5), null, false);
        return new LoadRun(suite.suite(), suite.backends(), RouteTable.of(suite.routes()), suite.budgets(), settings,
                new PrintWriter(console, true)).run(List.of(new RecordedRequest("GET", "/api/items/1", Headers.EMPTY, null)),
                dir.resolve("run-" + System.nanoTime()));
    }

    @Test
    void httpsBackendsAreLoadedWithTheClientCertificateOneAsksFor() {
        TestPki pki = TestPki.create(dir, "Load CA");
        WireMockServer primary = https(pki, "primary", false);
        WireMockServer mesh = https(pki, "mesh", true);
        pki.issue("client", "parity.shadow");

        StringWriter console = new StringWriter();
        LoadResult r = load("caFile: Load-CA.pem, clientCert: client.crt, clientKey: client.key", primary, mesh, console);
        assertThat(r.steps().get(0).all().count()).as(console.toString()).isPositive();
        assertThat(r.steps().get(0).all().errorRate()).isZero();
        assertThat(primary.findAll(anyRequestedFor(anyUrl()))).as("the primary is h2: Gatling and the warm-up spoke HTTP/2")
                .isNotEmpty().allSatisfy(req -> assertThat(req.getProtocol()).isEqualTo("HTTP/2.0"));
        assertThat(r.steps().get(1).all().count()).isPositive();
        assertThat(r.steps().get(1).all().errorRate()).as("the candidate took our client certificate").isZero();
        int warmedUpAndLoaded = mesh.findAll(anyRequestedFor(anyUrl())).size();
        assertThat(warmedUpAndLoaded).as("the warm-up's requests reached it too").isGreaterThan((int) r.steps().get(1).all().count());

        r = load("caFile: Load-CA.pem", primary, mesh, console);
        assertThat(r.steps().get(1).all().errorRate()).as("without a client certificate").isEqualTo(1.0);
    }
}
