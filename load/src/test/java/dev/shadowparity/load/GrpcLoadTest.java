package dev.shadowparity.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.GrpcScorer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity load} on a gRPC service (two grpc-java servers, h2c): the calls are loaded by parity's HTTP/2 driver,
 * answered calls count as successes, a call to a method the server lacks (UNIMPLEMENTED, in the trailers) as an error,
 * and the budgets are judged on the figures.
 */
class GrpcLoadTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final GrpcScorer scorer = new GrpcScorer();

    @Test
    void grpcCallsAreLoadedOverH2cAndTheirStatusCounts() {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                backends:
                  primary: { url: "http://127.0.0.1:%d", protocol: h2c }
                  candidate: { url: "http://127.0.0.1:%d", protocol: h2c }
                routes:
                  - route: POST /ml.v1.Scorer/Score
                  - route: POST /ml.v1.Scorer/Nope
                budgets: { candidateP95Ratio: 50, errorRate: 0.9 }
                """.formatted(scorer.legacyPort(), scorer.rewritePort()), "load.yaml", dir);
        Headers grpc = Headers.of("Content-Type", "application/grpc");
        byte[] body = GrpcScorer.framed(scorer.ask("7").toByteArray());
        List<RecordedRequest> traffic = List.of(
                new RecordedRequest("POST", "/ml.v1.Scorer/Score", grpc, body),
                new RecordedRequest("POST", "/ml.v1.Scorer/Score", grpc, body),
                new RecordedRequest("POST", "/ml.v1.Scorer/Nope", grpc, body));
        StringWriter console = new StringWriter();
        LoadRun.Settings settings = new LoadRun.Settings(List.of(2), Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(5), null, false);
        LoadResult r = new LoadRun(suite.suite(), suite.backends(), RouteTable.of(suite.routes()), suite.budgets(), settings,
                new PrintWriter(console, true)).run(traffic, dir);

        assertThat(console.toString()).contains("(gRPC: parity's HTTP/2 driver)").doesNotContain("over HTTP/1.1");
        for (LoadResult.Step step : r.steps()) {
            assertThat(step.all().count()).as(step.backend()).isGreaterThan(30);
            LoadStats score = step.routes().get("POST /ml.v1.Scorer/Score");
            LoadStats nope = step.routes().get("POST /ml.v1.Scorer/Nope");
            assertThat(score.errors()).as("answered with grpc-status 0").isZero();
            assertThat(nope.errors()).as("UNIMPLEMENTED, in the trailers").isEqualTo(nope.count()).isPositive();
            assertThat(score.p95Ms()).isPositive();
        }
        assertThat(r.budgets()).extracting(LoadResult.BudgetCheck::name).contains("latency p95 ratio at 2 users");
    }
}
