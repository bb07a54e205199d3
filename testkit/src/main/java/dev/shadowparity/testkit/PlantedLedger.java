package dev.shadowparity.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.Redactor;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.NoiseSettings;
import dev.shadowparity.core.config.SuiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A school suite of two routes and the exchange results a gate or a renderer is tested with: compared ones with
 * planted differences, timed-out ones, and a ledger in which one field regresses and a secret field is noise.
 */
public final class PlantedLedger {

    private PlantedLedger() {}

    public static final EndpointKey STUDENT = EndpointKey.parse("GET /api/students/{id}");
    public static final EndpointKey LIST = EndpointKey.parse("GET /api/students");

    public static SuiteConfig suite(String extra) {
        return new ConfigLoader(k -> null).parse("""
                suite: school
                backends:
                  primary: { url: http://127.0.0.1:1 }
                  candidate: { url: http://127.0.0.1:2 }
                routes:
                  - route: GET /api/students/{id}
                  - route: GET /api/students
                redact: { jsonPaths: [$.token] }
                """ + extra, "t.yaml");
    }

    public static ExchangeResult compared(long id, EndpointKey e, List<Difference> diffs) {
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        Exchange x = new Exchange(id, e, Instant.now(), new RecordedRequest("GET", "/api/students/1", Headers.EMPTY, null),
                new BackendReply.Responded(ok, Duration.ofMillis(2)), new BackendReply.Responded(ok, Duration.ofMillis(3)), null);
        return new ExchangeResult(x, Outcome.COMPARED, null, diffs);
    }

    public static ExchangeResult timedOut(long id, EndpointKey e) {
        RecordedResponse ok = new RecordedResponse(200, Headers.EMPTY, "{}".getBytes());
        Exchange x = new Exchange(id, e, Instant.now(), new RecordedRequest("GET", "/", Headers.EMPTY, null),
                new BackendReply.Responded(ok, Duration.ofMillis(2)),
                new BackendReply.NoResponse(Outcome.TIMEOUT, "no answer in 2000 ms", Duration.ofSeconds(2)), null);
        return new ExchangeResult(x, Outcome.TIMEOUT, "no answer in 2000 ms", List.of());
    }

    public static Difference missing(EndpointKey e, String path) {
        return new Difference(e, path, DifferenceKind.MISSING, JsonNodeFactory.instance.textNode("Hopper"), null, null);
    }

    public static Ledger ledgerWithRegression() {
        // The suite's redaction, as a run's ledger has it: the volatile $.token values are a secret's.
        Ledger ledger = new Ledger(NoiseSettings.DEFAULT, new Redactor(suite("").redact()));
        for (int i = 1; i <= 10; i++) {
            ledger.record(compared(i, STUDENT, i <= 4 ? List.of(missing(STUDENT, "$.lastName")) : List.of()));
            ledger.record(compared(100 + i, LIST, List.of(new Difference(LIST, "$.token", DifferenceKind.VALUE,
                    JsonNodeFactory.instance.textNode("secret-a"), JsonNodeFactory.instance.textNode("secret-b"), "volatile"))));
        }
        return ledger;
    }

}
