package dev.shadowparity.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.EndpointStats;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay against https backends: a private CA, a candidate that wants a client certificate, one with another name. */
class ReplayTlsTest {

    @TempDir
    Path dir;
    private final List<WireMockServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(WireMockServer::stop);
    }

    private WireMockServer https(TestPki pki, TestPki.Issued cert, boolean askClientCert, String body) {
        WireMockServer s = new WireMockServer(TestPki.wireMockHttps(cert, askClientCert ? pki : null));
        s.start();
        s.stubFor(get(anyUrl()).willReturn(okJson(body)));
        servers.add(s);
        return s;
    }

    @Test
    void httpsBackendsAreReplayedWithTheirOwnTrustAndClientCertificate() throws Exception {
        TestPki pki = TestPki.create(dir, "Replay CA");
        WireMockServer primary = https(pki, pki.issue("primary", "127.0.0.1"), false, "{\"id\":7,\"lastName\":\"Lovelace\"}");
        WireMockServer candidate = https(pki, pki.issue("candidate", "127.0.0.1"), true, "{\"id\":7,\"familyName\":\"Lovelace\"}");
        WireMockServer wrongName = https(pki, pki.issue("secondary", "legacy.internal"), false, "{\"id\":7,\"lastName\":\"Lovelace\"}");
        TestPki.Issued client = pki.issue("client", "parity.shadow");
        EndpointStats.Snapshot s = replay("""
                backends:
                  primary: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                  candidate: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem, clientCert: client.crt, clientKey: client.key } }
                """.formatted(primary.httpsPort(), candidate.httpsPort()));
        assertThat(s.compared()).as("primary and candidate answered over TLS").isEqualTo(1);
        assertThat(s.withRegression()).as("and were compared: the renamed field").isEqualTo(1);

        s = replay("""
                backends:
                  primary: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                  candidate: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                """.formatted(primary.httpsPort(), wrongName.httpsPort()));
        assertThat(s.reasons()).containsOnly(entry("failed: TLS with 127.0.0.1:" + wrongName.httpsPort()
                + " failed: hostname mismatch: No subject alternative names matching IP address 127.0.0.1 found", 1L));

        s = replay("""
                backends:
                  primary: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                  candidate: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                """.formatted(primary.httpsPort(), candidate.httpsPort()));
        assertThat(s.reasons().keySet()).as("no client certificate").singleElement().asString()
                .contains("refused the client certificate");
    }

    @Test
    void h2BackendsAreReplayedOverHttp2() throws Exception {
        TestPki pki = TestPki.create(dir, "Replay CA");
        WireMockServer primary = https(pki, pki.issue("h2", "127.0.0.1"), false, "{\"id\":7}");
        WireMockServer candidate = https(pki, pki.issue("h1", "127.0.0.1"), false, "{\"id\":7}");
        EndpointStats.Snapshot s = replay("""
                backends:
                  primary: { url: "https://127.0.0.1:%d", protocol: h2, tls: { caFile: Replay-CA.pem } }
                  candidate: { url: "https://127.0.0.1:%d", tls: { caFile: Replay-CA.pem } }
                """.formatted(primary.httpsPort(), candidate.httpsPort()));
        assertThat(s.compared()).isEqualTo(1);
        assertThat(primary.getAllServeEvents().get(0).getRequest().getProtocol()).as("h2 by ALPN").isEqualTo("HTTP/2.0");
        assertThat(candidate.getAllServeEvents().get(0).getRequest().getProtocol()).as("h1 by default").isEqualTo("HTTP/1.1");
    }

    private EndpointStats.Snapshot replay(String yaml) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse(yaml, "tls.yaml", dir);
        Ledger ledger = new Ledger();
        try (ComparePipeline pipeline = new ComparePipeline(ExchangeComparator.of(suite)::compare, ledger, null, 1, 16)) {
            new ReplayEngine(ReplaySetup.of(suite, RouteTable.of(suite.routes())), pipeline, Duration.ofSeconds(5))
                    .run(List.of(new ReplayRequest("GET", "/api/students/7", Headers.EMPTY, new byte[0], "test", null)), 1, 0,
                            false, (d, r) -> { });
        }
        return ledger.snapshot().get(0);
    }
}
