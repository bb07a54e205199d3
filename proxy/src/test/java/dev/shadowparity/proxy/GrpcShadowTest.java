package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DynamicMessage;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.testkit.GrpcScorer;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC shadowed through the proxy, on real grpc-java servers: the old and the new implementation of one service
 * ({@code ml.v1.Scorer}, a unary and a server-streaming method), the new one with a changed field, floats that drift
 * inside the tolerance and another status for one call. A grpc-java client talks h2c to the proxy and gets the old
 * one's messages, trailers and status; the candidate's are decoded by the suite's descriptor set and compared field
 * by field.
 */
class GrpcShadowTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ExchangeResult> results = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final GrpcScorer scorer = new GrpcScorer();

    @BeforeEach
    void protoset() {
        scorer.writeProtoset(dir.resolve("scorer.pb"));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private int proxyPort(String extra) throws Exception {
        SuiteConfig suite = new ConfigLoader(k -> null).parse("""
                %s
                backends:
                  primary: { url: "http://127.0.0.1:%d", protocol: h2c }
                  candidate: { url: "http://127.0.0.1:%d", protocol: h2c }
                routes:
                  - route: POST /ml.v1.Scorer/{method}
                    mirrorWrites: true
                    tolerance: { "$.score": { absolute: 0.001 }, "$[*].score": { absolute: 0.001 } }
                    vectors: { "$.embedding": { cosineAtLeast: 0.999, maxAbs: 0.0001 }, "$[*].embedding": { cosineAtLeast: 0.999, maxAbs: 0.0001 } }
                proxy: { listen: 127.0.0.1:0, admin: 127.0.0.1:0 }
                """.formatted(extra, scorer.legacyPort(), scorer.rewritePort()), "grpc.yaml", dir);
        ExchangeComparator comparator = ExchangeComparator.of(suite);
        Ledger ledger = new Ledger();
        ComparePipeline pipeline = new ComparePipeline(x -> {
            ExchangeResult r = comparator.compare(x);
            results.add(r);
            return r;
        }, ledger, null, 1, 100);
        open.add(pipeline);
        ShadowProxy proxy = ShadowProxy.start(ProxySetup.of(suite, RouteTable.of(suite.routes())), pipeline, ledger);
        open.add(proxy);
        return proxy.address().getPort();
    }

    private ManagedChannel channel(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        open.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        return channel;
    }

    private ExchangeResult result(int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() > index);
        return results.get(index);
    }

    private static List<String> regressions(ExchangeResult r) {
        return r.differences().stream().filter(d -> !d.isNoise()).map(d -> d.kind() + " " + d.path()).toList();
    }

    @Test
    void unaryAndStreamingCallsAreAnsweredByThePrimaryAndComparedFieldByField() throws Exception {
        ManagedChannel channel = channel(proxyPort("protoset: scorer.pb"));

        DynamicMessage got = ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT, scorer.ask("7"));
        assertThat(got).as("the client gets the legacy's message").isEqualTo(scorer.answer(scorer.ask("7"), false, 0));
        ExchangeResult unary = result(0);
        assertThat(unary.outcome()).isEqualTo(Outcome.COMPARED);
        assertThat(regressions(unary)).as("floats drift inside the tolerance; the changed field differs")
                .containsExactly("VALUE $.model_version");
        Difference version = unary.differences().get(0);
        assertThat(version.primary().asLong()).isEqualTo(1);
        assertThat(version.candidate().asLong()).isEqualTo(2);

        Iterator<DynamicMessage> stream = ClientCalls.blockingServerStreamingCall(channel, scorer.watch, CallOptions.DEFAULT, scorer.ask("8"));
        List<DynamicMessage> messages = new ArrayList<>();
        stream.forEachRemaining(messages::add);
        assertThat(messages).hasSize(3).containsExactly(scorer.answer(scorer.ask("8"), false, 0), scorer.answer(scorer.ask("8"), false, 1),
                scorer.answer(scorer.ask("8"), false, 2));
        assertThat(regressions(result(1))).containsExactlyInAnyOrder("VALUE $[0].model_version", "VALUE $[1].model_version",
                "VALUE $[2].model_version");

        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT, scorer.ask("gone")))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND: no such id");
        ExchangeResult failed = result(2);
        assertThat(regressions(failed)).as("gRPC's status differs as a status does").containsExactly("STATUS grpc-status");
        assertThat(failed.differences().get(0).primary().asText()).isEqualTo("5");
        assertThat(failed.differences().get(0).candidate().asText()).isEqualTo("3");
    }

    @Test
    void withoutAProtosetTheMessagesAreComparedAsBytesAndTheDifferenceSaysWhy() throws Exception {
        ManagedChannel channel = channel(proxyPort(""));
        ClientCalls.blockingUnaryCall(channel, scorer.score, CallOptions.DEFAULT, scorer.ask("7"));
        ExchangeResult r = result(0);
        assertThat(regressions(r)).containsExactly("VALUE body");
        assertThat(r.differences().get(0).primary().asText()).contains("gRPC messages not decoded: the suite names no protoset");
    }
}
