package dev.shadowparity.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The kinds of migration our users run, each as a pair of WireMock backends (old as primary, new as
 * candidate), a suite, a traffic file in the JSONL request format, and the differences it is known to
 * have. {@code parity replay} must find exactly those: {@link #knownRegressions()} lists them as
 * {@code "ENDPOINT PATH KIND"}.
 */
public final class MigrationFixture implements AutoCloseable {

    private final String name;
    private final WireMockServer primary;
    private final WireMockServer candidate;
    private final String suiteRules;
    private final String traffic;
    private final List<String> knownRegressions;

    private MigrationFixture(String name, BiConsumer<WireMockServer, Boolean> stubs, String suiteRules, String traffic,
                             List<String> knownRegressions) {
        this.name = name;
        this.primary = start();
        this.candidate = start();
        stubs.accept(primary, false);
        stubs.accept(candidate, true);
        this.suiteRules = suiteRules;
        this.traffic = traffic;
        this.knownRegressions = knownRegressions;
    }

    private static WireMockServer start() {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        s.start();
        return s;
    }

    public String name() {
        return name;
    }

    /** The suite, with both backends' URLs filled in. */
    public String suiteYaml() {
        return "suite: " + name + "\nbackends:\n  primary: { url: \"" + primary.baseUrl() + "\" }\n  candidate: { url: \""
                + candidate.baseUrl() + "\" }\n" + suiteRules;
    }

    /** The traffic, one request a line. */
    public String trafficJsonl() {
        return traffic;
    }

    public List<String> knownRegressions() {
        return knownRegressions;
    }

    @Override
    public void close() {
        primary.stop();
        candidate.stop();
    }

    /**
     * A Node.js API rewritten in Python: companies and clinical trials behind a login. The rewrite sends a
     * company's employee count as a string and drops the list's {@code total}; tokens and timestamps differ
     * on every call by nature (an ignore rule and the timestamp heuristic handle them).
     */
    public static MigrationFixture nodeToPython() {
        return new MigrationFixture("node-to-python", (s, python) -> {
            s.stubFor(post(urlEqualTo("/auth/login")).willReturn(okJson("{\"token\":\"" + (python ? "py-" : "node-")
                    + "4f2a\",\"expiresIn\":3600}")));
            for (int id = 1; id <= 3; id++) {
                String employees = python ? "\"" + (id * 40) + "\"" : Integer.toString(id * 40);
                s.stubFor(get(urlEqualTo("/api/companies/" + id)).willReturn(okJson("{\"id\":" + id + ",\"name\":\"Acme " + id
                        + "\",\"employees\":" + employees + ",\"tags\":[\"biotech\",\"eu\"]}")));
            }
            s.stubFor(get(urlPathEqualTo("/api/companies")).willReturn(okJson("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]"
                    + (python ? "" : ",\"total\":3") + ",\"page\":1}")));
            s.stubFor(get(urlPathMatching("/api/trials/[0-9]+")).willReturn(okJson("{\"id\":\"NCT0001\",\"phase\":2,"
                    + "\"status\":\"recruiting\",\"updatedAt\":\"2026-11-23T10:00:0" + (python ? "1" : "0") + "Z\"}")));
            s.stubFor(post(urlEqualTo("/api/trials")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"created\":true}")));
        }, """
                routes:
                  - route: POST /auth/login
                    mirrorWrites: true
                    ignore: [$.token]
                  - route: GET /api/companies/{id}
                  - route: GET /api/companies
                  - route: GET /api/trials/{id}
                  - route: POST /api/trials
                    mirrorWrites: true
                """, """
                {"method":"POST","path":"/auth/login","body":{"user":"qa","password":"secret"}}
                {"method":"GET","path":"/api/companies/1","headers":{"Authorization":"Bearer t"}}
                {"method":"GET","path":"/api/companies/2","headers":{"Authorization":"Bearer t"}}
                {"method":"GET","path":"/api/companies/3","headers":{"Authorization":"Bearer t"}}
                {"method":"GET","path":"/api/companies?page=1","headers":{"Authorization":"Bearer t"}}
                {"method":"GET","path":"/api/trials/17","headers":{"Authorization":"Bearer t"}}
                {"method":"POST","path":"/api/trials","body":{"title":"NCT0002"}}
                """, List.of("GET /api/companies/{id} $.employees type", "GET /api/companies $.total missing"));
    }

    /**
     * An ML module pulled out of a backend behind its own API: embeddings and scores drift inside the
     * declared tolerances (no difference), but the new detector labels people "human".
     */
    public static MigrationFixture mlServiceSplit() {
        return new MigrationFixture("ml-service-split", (s, service) -> {
            double drift = service ? 3e-7 : 0;
            StringBuilder embedding = new StringBuilder("[");
            for (int i = 0; i < 64; i++) {
                embedding.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7f", Math.sin(i) / 8 + drift));
            }
            embedding.append(']');
            s.stubFor(post(urlEqualTo("/ml/encode")).willReturn(okJson("{\"model\":\"face-v2\",\"embedding\":" + embedding + "}")));
            s.stubFor(post(urlEqualTo("/ml/detect")).willReturn(okJson("{\"detections\":[{\"label\":\""
                    + (service ? "human" : "person") + "\",\"confidence\":" + (service ? 0.912 : 0.91)
                    + "},{\"label\":\"car\",\"confidence\":0.5}]}")));
            s.stubFor(post(urlEqualTo("/ml/match")).willReturn(okJson("{\"match\":true,\"score\":" + (service ? 0.8702 : 0.87) + "}")));
            s.stubFor(post(urlEqualTo("/ml/batch-match")).willReturn(okJson("{\"results\":[{\"label\":\"s-17\",\"score\":0.95},"
                    + "{\"label\":\"s-4\",\"score\":" + (service ? 0.81 : 0.80) + "},{\"label\":\"s-" + (service ? "9" : "2")
                    + "\",\"score\":0.1}]}")));
        }, """
                routes:
                  - route: POST /ml/encode
                    mirrorWrites: true
                    kind: ml
                    vectors: { "$.embedding": { cosineAtLeast: 0.9999, maxAbs: 0.000001 } }
                  - route: POST /ml/detect
                    mirrorWrites: true
                    kind: ml
                    tolerance: { "$.detections[*].confidence": { absolute: 0.01 } }
                  - route: POST /ml/match
                    mirrorWrites: true
                    kind: ml
                    tolerance: { "$.score": { absolute: 0.001 } }
                  - route: POST /ml/batch-match
                    mirrorWrites: true
                    kind: ml
                    topK: { "$.results": { k: 2, scoreTolerance: 0.02 } }
                """, """
                {"method":"POST","path":"/ml/encode","body":{"image":"aGVsbG8="}}
                {"method":"POST","path":"/ml/detect","body":{"image":"aGVsbG8="}}
                {"method":"POST","path":"/ml/match","body":{"a":"s-1","b":"s-2"}}
                {"method":"POST","path":"/ml/batch-match","body":{"probe":"s-1"}}
                """, List.of("POST /ml/detect $.detections[*].label value"));
    }

    /**
     * An authentication feature moved behind a flag: with the flag on, the new backend refuses the legacy
     * session cookie on the profile endpoint (401 and a {@code WWW-Authenticate} challenge) and keeps
     * everything else as it was.
     */
    public static MigrationFixture authBehindFlag() {
        return new MigrationFixture("auth-behind-flag", (s, flagOn) -> {
            s.stubFor(get(urlEqualTo("/api/orders")).willReturn(okJson("{\"orders\":[{\"id\":1},{\"id\":2}]}")));
            s.stubFor(get(urlEqualTo("/api/profile")).willReturn(okJson("{\"user\":\"ada\",\"plan\":\"pro\"}")));
            if (flagOn) {
                s.stubFor(get(urlEqualTo("/api/profile")).withHeader("Cookie", equalTo("legacy_session=abc"))
                        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer realm=\"app\"")
                                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"login required\"}")));
            }
        }, """
                routes:
                  - route: GET /api/orders
                  - route: GET /api/profile
                """, """
                {"method":"GET","path":"/api/orders","headers":{"Cookie":"legacy_session=abc"}}
                {"method":"GET","path":"/api/profile","headers":{"Authorization":"Bearer new-token"}}
                {"method":"GET","path":"/api/profile","headers":{"Cookie":"legacy_session=abc"}}
                """, List.of("GET /api/profile status status", "GET /api/profile header:www-authenticate header",
                "GET /api/profile $.user missing", "GET /api/profile $.plan missing", "GET /api/profile $.error extra"));
    }
}
