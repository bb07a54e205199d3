package dev.shadowparity.comparators;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builders shared by the comparator tests. */
final class Fixtures {

    private Fixtures() {}

    static SuiteConfig suite(String routesYaml) {
        return new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: http://127.0.0.1:1 }
                  candidate: { url: http://127.0.0.1:2 }
                """ + routesYaml, "test.yaml");
    }

    static RecordedResponse json(String body) {
        return response(200, "application/json", body);
    }

    static RecordedResponse response(int status, String contentType, String body) {
        return new RecordedResponse(status, Headers.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    static BackendReply.Responded replied(RecordedResponse r) {
        return new BackendReply.Responded(r, Duration.ofMillis(5));
    }

    static Exchange exchange(long id, String method, String uri, BackendReply primary, BackendReply candidate,
                             BackendReply secondary) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return new Exchange(id, new RouteTable<>(List.<RouteTable.Entry<Object>>of()).endpointOf(method, path), Instant.now(),
                new RecordedRequest(method, uri, Headers.EMPTY, null), primary, candidate, secondary);
    }
}
