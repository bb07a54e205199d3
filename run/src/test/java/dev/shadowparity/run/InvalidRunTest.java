package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.scenarios.TrafficReader;
import dev.shadowparity.testkit.RawServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that compared nothing (the candidate is down) is not a verdict either way, and exits 2; the run folder still
 * gets {@code verdict.json} (verdict {@code invalid}, with every endpoint's reasons), JUnit XML and the HTML report,
 * so a reviewer sees why. No rollout phase can be judged on it.
 */
class InvalidRunTest {

    @Test
    void aReplayThatComparedNothingWritesAnInvalidVerdictAndTheReportAndExitsTwo(@TempDir Path dir) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (RawServer primary = new RawServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")) {
            SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                    suite: dead-candidate
                    backends:
                      primary: { url: "%s" }
                      candidate: { url: "http://127.0.0.1:%d" }
                    routes:
                      - route: GET /api/items/{id}
                    """.formatted(primary.url(), deadPort), "dead.yaml");
            JsonNode request = new ObjectMapper().readTree("{\"method\": \"GET\", \"path\": \"/api/items/1\"}");
            RunOutcome outcome = ReplayRun.run(suite, TrafficReader.inline(List.of(request, request, request), "inline", true),
                    new ReplayRun.Options(1, 0, false, Duration.ofSeconds(2)), dir, line -> { }, (d, r) -> { });

            assertThat(outcome.exitCode()).isEqualTo(RunOutcome.INVALID);
            Verdict v = outcome.written().verdict();
            assertThat(v.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(v.totals().exchanges()).isEqualTo(3);
            assertThat(v.parityCheckOf("GET /api/items/{id}")).hasValueSatisfying(c ->
                    assertThat(c.actual()).startsWith("nothing compared of 3: failed: cannot connect to 127.0.0.1:" + deadPort));
            assertThat(v.checks()).filteredOn(c -> c.name().equals("compared exchanges")).singleElement()
                    .satisfies(c -> assertThat(c.actual()).contains("none of 3 exchanges could be compared"));

            assertThat(Files.readString(dir.resolve("verdict.json"))).contains("\"verdict\" : \"invalid\"");
            assertThat(Files.readString(dir.resolve("junit.xml"))).contains("failures=\"2\"").contains("cannot connect");
            assertThat(outcome.written().html()).as(outcome.written().htmlError()).isNotNull().exists();
            // Read back by parity gate: still invalid, at every phase.
            assertThat(FinishedRun.judge(dir, null).invalid()).isTrue();
            assertThat(FinishedRun.judge(dir, "25%").invalid()).isTrue();
        }
    }
}
