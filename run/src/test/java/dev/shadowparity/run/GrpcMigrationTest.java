package dev.shadowparity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.gate.Verdict;
import dev.shadowparity.scenarios.TrafficReader;
import dev.shadowparity.testkit.GrpcScorer;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gRPC migration end to end: the legacy and rewritten {@code ml.v1.Scorer} on grpc-java servers, shadowed with
 * {@code parity proxy}'s run (a grpc-java client through it), then the run's own {@code exchanges.jsonl} replayed
 * against both with {@code parity replay}'s: both verdicts hold the phase for the same decoded fields.
 */
class GrpcMigrationTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final GrpcScorer scorer = new GrpcScorer();

    private SuiteConfig suite() {
        return suite("protoset: scorer.pb", scorer.legacyPort());
    }

    private SuiteConfig suite(String descriptors, int primaryPort) {
        scorer.writeProtoset(dir.resolve("scorer.pb"));
        return new ConfigLoader(k -> null).parse("""
                %s
                backends:
                  primary: { url: "http://127.0.0.1:%d", protocol: h2c }
                  candidate: { url: "http://127.0.0.1:%d", protocol: h2c }
                routes:
                  - route: POST /ml.v1.Scorer/Score
                    mirrorWrites: true
                    tolerance: { "$.score": { absolute: 0.001 } }
                    vectors: { "$.embedding": { cosineAtLeast: 0.999, maxAbs: 0.0001 } }
                  - route: POST /ml.v1.Scorer/Watch
                    mirrorWrites: true
                    tolerance: { "$[*].score": { absolute: 0.001 } }
                    vectors: { "$[*].embedding": { cosineAtLeast: 0.999, maxAbs: 0.0001 } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(descriptors, primaryPort, scorer.rewritePort()), "grpc.yaml", dir);
    }

    /** Each endpoint's regressions as {@code path kind}, from a verdict. */
    private static Map<String, List<String>> regressions(Verdict v) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Verdict.EndpointVerdict e : v.endpoints()) {
            out.put(e.endpoint(), e.regressions().stream().map(f -> f.path() + " " + f.kind()).sorted().toList());
        }
        return out;
    }

    @Test
    void shadowedThroughTheProxyThenReplayedFromItsOwnLog() throws Exception {
        SuiteConfig suite = suite();
        Path shadowed = dir.resolve("shadow");
        RunOutcome proxied;
        try (ShadowRun run = ShadowRun.start(suite, shadowed)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", run.address().getPort()).usePlaintext().build();
            try {
                DynamicMessage got = ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT, scorer.ask("7"));
                assertThat(got).isEqualTo(scorer.answer(scorer.ask("7"), false, 0));
                List<DynamicMessage> stream = new ArrayList<>();
                ClientCalls.blockingServerStreamingCall(channel, scorer.watch, CallOptions.DEFAULT, scorer.ask("8"))
                        .forEachRemaining(stream::add);
                assertThat(stream).hasSize(3);
                assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT,
                        scorer.ask("gone"))).isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            proxied = run.finish();
        }
        Map<String, List<String>> expected = Map.of(
                "POST /ml.v1.Scorer/Score", List.of("$.model_version value", "grpc-status status"),
                "POST /ml.v1.Scorer/Watch", List.of("$[*].model_version value"));
        assertThat(regressions(proxied.written().verdict())).isEqualTo(expected);
        assertThat(proxied.exitCode()).isEqualTo(RunOutcome.HOLD);
        String log = Files.readString(shadowed.resolve("exchanges.jsonl"));
        assertThat(log).as("the log shows the decoded messages").contains("\"model_version\":2").contains("X-Parity-Grpc-Decoded")
                .doesNotContain("\"transfer-encoding\"");

        TrafficReader.Traffic recorded = TrafficReader.read(shadowed.resolve("exchanges.jsonl"), TrafficReader.Format.EXCHANGES, true);
        assertThat(recorded.requests()).hasSize(3);
        RunOutcome replayed = ReplayRun.run(suite, recorded, new ReplayRun.Options(1, 0, true, Duration.ofSeconds(5)),
                dir.resolve("replay"), line -> { }, (done, withRegression) -> { });
        assertThat(regressions(replayed.written().verdict())).as("the replay finds what the shadow found").isEqualTo(expected);
        assertThat(replayed.written().verdict().endpoints()).allSatisfy(e -> assertThat(e.compared()).isEqualTo(e.requests()));
    }

    @Test
    void withoutAProtosetThePrimarysServerReflectionTellsHowToReadTheMessages() throws Exception {
        Server reflecting = scorer.legacyWithReflection();
        try {
            SuiteConfig suite = suite("reflection: primary", reflecting.getPort());
            RunOutcome outcome;
            try (ShadowRun run = ShadowRun.start(suite, dir.resolve("reflected"))) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", run.address().getPort()).usePlaintext().build();
                try {
                    ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT, scorer.ask("7"));
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
                outcome = run.finish();
            }
            assertThat(regressions(outcome.written().verdict()))
                    .containsEntry("POST /ml.v1.Scorer/Score", List.of("$.model_version value"));

            // A backend without reflection: the run does not start, and says why and what to do.
            assertThatThrownBy(() -> ShadowRun.start(suite("reflection: candidate", reflecting.getPort()), dir.resolve("refused")))
                    .isInstanceOf(dev.shadowparity.core.ParityException.class)
                    .hasMessageContaining("reflection: the candidate (127.0.0.1:" + scorer.rewritePort() + ") answered")
                    .hasMessageContaining("grpc-status 12").hasMessageContaining("give the suite a protoset instead");
        } finally {
            GrpcScorer.stop(reflecting);
        }
    }
}
