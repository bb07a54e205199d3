package dev.shadowparity.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.shadowparity.comparators.ComparePipeline;
import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Ledger;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RouteTable;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.nio.file.Files;
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
    private Descriptors.Descriptor request;
    private Descriptors.Descriptor reply;
    private MethodDescriptor<DynamicMessage, DynamicMessage> score;
    private MethodDescriptor<DynamicMessage, DynamicMessage> watch;
    private Server legacy;
    private Server rewrite;

    @BeforeEach
    void servers() throws Exception {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("ml/v1/scorer.proto").setPackage("ml.v1")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("ScoreRequest").addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, false)))
                .addMessageType(DescriptorProto.newBuilder().setName("ScoreReply")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, false))
                        .addField(field("label", 2, FieldDescriptorProto.Type.TYPE_STRING, false))
                        .addField(field("score", 3, FieldDescriptorProto.Type.TYPE_FLOAT, false))
                        .addField(field("embedding", 4, FieldDescriptorProto.Type.TYPE_FLOAT, true))
                        .addField(field("model_version", 5, FieldDescriptorProto.Type.TYPE_INT64, false)))
                .addService(ServiceDescriptorProto.newBuilder().setName("Scorer")
                        .addMethod(MethodDescriptorProto.newBuilder().setName("Score").setInputType(".ml.v1.ScoreRequest")
                                .setOutputType(".ml.v1.ScoreReply"))
                        .addMethod(MethodDescriptorProto.newBuilder().setName("Watch").setInputType(".ml.v1.ScoreRequest")
                                .setOutputType(".ml.v1.ScoreReply").setServerStreaming(true)))
                .build();
        Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
        Files.write(dir.resolve("scorer.pb"), FileDescriptorSet.newBuilder().addFile(file).build().toByteArray());
        request = fd.findMessageTypeByName("ScoreRequest");
        reply = fd.findMessageTypeByName("ScoreReply");
        score = method("ml.v1.Scorer/Score", MethodDescriptor.MethodType.UNARY);
        watch = method("ml.v1.Scorer/Watch", MethodDescriptor.MethodType.SERVER_STREAMING);
        legacy = start(false);
        rewrite = start(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        legacy.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        rewrite.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    private MethodDescriptor<DynamicMessage, DynamicMessage> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(type).setFullMethodName(name)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(request)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(reply))).build();
    }

    /** The legacy implementation, or the rewrite: model_version 2, floats drifting by 1e-5, another status for "gone". */
    private DynamicMessage answer(DynamicMessage req, boolean rewritten, int n) {
        String id = (String) req.getField(request.findFieldByName("id"));
        float drift = rewritten ? 1e-5f : 0f;
        DynamicMessage.Builder b = DynamicMessage.newBuilder(reply)
                .setField(reply.findFieldByName("id"), id)
                .setField(reply.findFieldByName("label"), "cat")
                .setField(reply.findFieldByName("score"), 0.93f - n * 0.1f + drift)
                .setField(reply.findFieldByName("model_version"), rewritten ? 2L : 1L);
        for (float v : new float[] {0.1f, 0.2f, 0.3f}) {
            b.addRepeatedField(reply.findFieldByName("embedding"), v + drift / 10);
        }
        return b.build();
    }

    private Server start(boolean rewritten) throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder("ml.v1.Scorer")
                .addMethod(score, ServerCalls.asyncUnaryCall((req, out) -> {
                    if ("gone".equals(req.getField(request.findFieldByName("id")))) {
                        out.onError((rewritten ? Status.INVALID_ARGUMENT : Status.NOT_FOUND).withDescription("no such id")
                                .asRuntimeException());
                        return;
                    }
                    out.onNext(answer(req, rewritten, 0));
                    out.onCompleted();
                }))
                .addMethod(watch, ServerCalls.asyncServerStreamingCall((req, out) -> {
                    for (int n = 0; n < 3; n++) {
                        out.onNext(answer(req, rewritten, n));
                    }
                    out.onCompleted();
                }))
                .build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
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
                """.formatted(extra, legacy.getPort(), rewrite.getPort()), "grpc.yaml", dir);
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

    private DynamicMessage ask(String id) {
        return DynamicMessage.newBuilder(request).setField(request.findFieldByName("id"), id).build();
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

        DynamicMessage got = ClientCalls.blockingUnaryCall(channel, score, CallOptions.DEFAULT, ask("7"));
        assertThat(got).as("the client gets the legacy's message").isEqualTo(answer(ask("7"), false, 0));
        ExchangeResult unary = result(0);
        assertThat(unary.outcome()).isEqualTo(Outcome.COMPARED);
        assertThat(regressions(unary)).as("floats drift inside the tolerance; the changed field differs")
                .containsExactly("VALUE $.model_version");
        Difference version = unary.differences().get(0);
        assertThat(version.primary().asLong()).isEqualTo(1);
        assertThat(version.candidate().asLong()).isEqualTo(2);

        Iterator<DynamicMessage> stream = ClientCalls.blockingServerStreamingCall(channel, watch, CallOptions.DEFAULT, ask("8"));
        List<DynamicMessage> messages = new ArrayList<>();
        stream.forEachRemaining(messages::add);
        assertThat(messages).hasSize(3).containsExactly(answer(ask("8"), false, 0), answer(ask("8"), false, 1),
                answer(ask("8"), false, 2));
        assertThat(regressions(result(1))).containsExactlyInAnyOrder("VALUE $[0].model_version", "VALUE $[1].model_version",
                "VALUE $[2].model_version");

        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, score, CallOptions.DEFAULT, ask("gone")))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND: no such id");
        ExchangeResult failed = result(2);
        assertThat(regressions(failed)).as("gRPC's status differs as a status does").containsExactly("STATUS grpc-status");
        assertThat(failed.differences().get(0).primary().asText()).isEqualTo("5");
        assertThat(failed.differences().get(0).candidate().asText()).isEqualTo("3");
    }

    @Test
    void withoutAProtosetTheMessagesAreComparedAsBytesAndTheDifferenceSaysWhy() throws Exception {
        ManagedChannel channel = channel(proxyPort(""));
        ClientCalls.blockingUnaryCall(channel, score, CallOptions.DEFAULT, ask("7"));
        ExchangeResult r = result(0);
        assertThat(regressions(r)).containsExactly("VALUE body");
        assertThat(r.differences().get(0).primary().asText()).contains("gRPC messages not decoded: the suite names no protoset");
    }
}
