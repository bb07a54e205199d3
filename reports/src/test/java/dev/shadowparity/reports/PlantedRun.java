package dev.shadowparity.reports;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.core.log.ExchangeJson;
import dev.shadowparity.core.log.ExchangeLogWriter;
import dev.shadowparity.gate.Gate;
import dev.shadowparity.gate.GateSetup;
import dev.shadowparity.gate.RunEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A finished run written the way the proxy writes one (compared by the real comparator, logged by the real
 * writer, reported by {@link RunReport}), with secrets planted in headers, query, request and response bodies.
 */
final class PlantedRun {

    static final List<String> SECRETS = List.of("planted-bearer", "planted-cookie", "planted-password",
            "planted-token", "planted-query-key", "planted-set-cookie");

    private PlantedRun() {}

    static SuiteConfig suite() {
        return new ConfigLoader(k -> null).parse("""
                suite: school
                backends:
                  primary: { url: http://127.0.0.1:1 }
                  candidate: { url: http://127.0.0.1:2 }
                routes:
                  - route: GET /api/students/{id}
                  - route: POST /api/students
                    mirrorWrites: true
                redact: { jsonPaths: [$.token, $.password] }
                """, "planted.yaml");
    }

    static RunReport.Written write(Path dir, SuiteConfig suite, long startMillis) {
        ExchangeComparator comparator = ExchangeComparator.of(suite);
        Ledger ledger = new Ledger();
        try (ExchangeLogWriter log = new ExchangeLogWriter(dir.resolve(RunReport.EXCHANGES),
                new ExchangeJson(new Redactor(suite.redact())), 100)) {
            long id = 1;
            for (int i = 1; i <= 10; i++) {
                for (ExchangeResult ce : List.of(
                        comparator.compare(student(id++, i, i <= 4)),
                        comparator.compare(list(id++)))) {
                    ledger.record(ce);
                    log.write(ce);
                }
            }
        }
        return RunReport.write(dir, new Gate(GateSetup.of(suite)).evaluate(ledger.snapshot(), RunEnvironment.of(suite)), startMillis);
    }

    /** {@code GET /api/students/{id}}; a renamed field in the candidate when {@code regress}. */
    private static Exchange student(long id, int student, boolean regress) {
        RecordedRequest req = new RecordedRequest("GET", "/api/students/" + student + "?api_key=planted-query-key",
                Headers.of("Authorization", "Bearer planted-bearer", "Cookie", "session=planted-cookie",
                        "Accept", "application/json"), null);
        String p = "{\"id\":" + student + ",\"lastName\":\"Hopper\",\"token\":\"planted-token\"}";
        String c = regress ? "{\"id\":" + student + ",\"familyName\":\"Hopper\",\"token\":\"planted-token\"}" : p;
        return exchange(id, "GET /api/students/{id}", req, p, c);
    }

    /** {@code POST /api/students}: a password in the request body, a cookie set in the answer. */
    private static Exchange list(long id) {
        RecordedRequest req = new RecordedRequest("POST", "/api/students", Headers.of("Content-Type", "application/json"),
                "{\"name\":\"Ada\",\"password\":\"planted-password\"}".getBytes(StandardCharsets.UTF_8));
        return exchange(id, "POST /api/students", req, "{\"id\":1}", "{\"id\":1}");
    }

    private static Exchange exchange(long id, String endpoint, RecordedRequest req, String primary, String candidate) {
        Headers h = Headers.of("Content-Type", "application/json", "Set-Cookie", "s=planted-set-cookie");
        return new Exchange(id, EndpointKey.parse(endpoint), Instant.parse("2026-11-23T10:00:00Z").plusSeconds(id), req,
                new BackendReply.Responded(new RecordedResponse(200, h, primary.getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(2)),
                new BackendReply.Responded(new RecordedResponse(200, h, candidate.getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(3)),
                null);
    }
}
