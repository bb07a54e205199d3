package dev.shadowparity.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What one Gatling run does: which backend, how many users, for how long, with which requests, and the
 * budgets Gatling itself asserts. Written as JSON for the forked Gatling JVM, which reads it back in
 * {@link ParitySimulation}.
 *
 * @param backend     {@code primary}, {@code candidate} or {@code proxy}; names the Gatling scenario
 * @param users       concurrent virtual users held during {@code holdMillis}, reached over {@code rampMillis}
 * @param thinkMillis pause of a virtual user after each answer
 * @param requests    drawn in turn by the virtual users, each user looping until the run ends
 * @param assertions  budgets Gatling evaluates and prints
 * @param clientCert  PEM client certificate shown to an https backend that asks for one (with {@code clientKey}),
 *                    or {@code null}
 * @param http2       speak HTTP/2 to the backend (h2, by ALPN)
 */
public record LoadPlan(String backend, String baseUrl, int users, long rampMillis, long holdMillis, long thinkMillis,
                       List<LoadRequest> requests, List<GatlingAssertion> assertions, String clientCert, String clientKey,
                       boolean http2) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LoadPlan {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, got " + users);
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs at least one request");
        }
        requests = List.copyOf(requests);
        assertions = List.copyOf(assertions);
    }

    /**
     * A budget as a Gatling assertion.
     *
     * @param request the request name it applies to; {@code null} for all requests
     */
    public record GatlingAssertion(String request, Metric metric, double limit) {}

    /** What an assertion bounds; percentiles and error percent from above, throughput from below. */
    public enum Metric { P95_MS, P99_MS, ERROR_PERCENT, REQUESTS_PER_SECOND }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static LoadPlan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), LoadPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the load plan " + file, e);
        }
    }
}
