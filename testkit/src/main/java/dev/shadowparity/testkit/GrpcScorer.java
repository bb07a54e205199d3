package dev.shadowparity.testkit;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC service for migration tests, {@code ml.v1.Scorer}, built from descriptors in code (no protoc): a unary
 * {@code Score} and a server-streaming {@code Watch}. {@link #legacy} and {@link #rewrite} are its old and new
 * implementations on real grpc-java servers: the rewrite reports {@code model_version} 2 instead of 1, drifts its
 * floats by 1e-5 (inside any sane tolerance) and answers an unknown id with INVALID_ARGUMENT instead of NOT_FOUND.
 * Registered as an extension ({@code @RegisterExtension final GrpcScorer scorer = new GrpcScorer();}), both are
 * running during each test ({@link #legacyPort}, {@link #rewritePort}) and stopped after it.
 */
public final class GrpcScorer implements org.junit.jupiter.api.extension.BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterEachCallback {

    public final Descriptors.Descriptor request;
    public final Descriptors.Descriptor reply;
    public final MethodDescriptor<DynamicMessage, DynamicMessage> score;
    public final MethodDescriptor<DynamicMessage, DynamicMessage> watch;
    private final FileDescriptorProto file;
    private Server legacyServer;
    private Server rewriteServer;
    private final Descriptors.FileDescriptor descriptor;

    public GrpcScorer() {
        file = FileDescriptorProto.newBuilder().setName("ml/v1/scorer.proto").setPackage("ml.v1").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("ScoreRequest")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, false)))
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
        try {
            descriptor = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
            request = descriptor.findMessageTypeByName("ScoreRequest");
            reply = descriptor.findMessageTypeByName("ScoreReply");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
        score = method("ml.v1.Scorer/Score", MethodDescriptor.MethodType.UNARY);
        watch = method("ml.v1.Scorer/Watch", MethodDescriptor.MethodType.SERVER_STREAMING);
    }

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        legacyServer = legacy();
        rewriteServer = rewrite();
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) throws InterruptedException {
        stop(legacyServer);
        stop(rewriteServer);
    }

    /** The port of the legacy implementation running for this test. */
    public int legacyPort() {
        return legacyServer.getPort();
    }

    /** The port of the rewrite running for this test. */
    public int rewritePort() {
        return rewriteServer.getPort();
    }

    /** {@code message} as a gRPC body: the uncompressed flag, its length, the message. */
    public static byte[] framed(byte[] message) {
        byte[] out = new byte[5 + message.length];
        out[1] = (byte) (message.length >>> 24);
        out[2] = (byte) (message.length >>> 16);
        out[3] = (byte) (message.length >>> 8);
        out[4] = (byte) message.length;
        System.arraycopy(message, 0, out, 5, message.length);
        return out;
    }

    /** The descriptor set, as {@code protoc --descriptor_set_out} writes it, at {@code file}. */
    public Path writeProtoset(Path file) {
        try {
            return Files.write(file, FileDescriptorSet.newBuilder().addFile(this.file).build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A request for {@code id}. */
    public DynamicMessage ask(String id) {
        return DynamicMessage.newBuilder(request).setField(request.findFieldByName("id"), id).build();
    }

    /** What the legacy ({@code rewritten} false) or the rewrite answers {@code req} with, message {@code n} of a stream. */
    public DynamicMessage answer(DynamicMessage req, boolean rewritten, int n) {
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

    /** A new legacy server (besides the one the extension runs). */
    public Server legacy() {
        return start(false, false);
    }

    /** A new rewrite server (besides the one the extension runs). */
    public Server rewrite() {
        return start(true, false);
    }

    /** The legacy implementation offering gRPC server reflection ({@code grpc.reflection.v1}), as most servers do. */
    public Server legacyWithReflection() {
        return start(false, true);
    }

    private Server start(boolean rewritten, boolean reflection) {
        io.grpc.ServiceDescriptor schema = io.grpc.ServiceDescriptor.newBuilder("ml.v1.Scorer")
                .setSchemaDescriptor((io.grpc.protobuf.ProtoFileDescriptorSupplier) () -> descriptor)
                .addMethod(score).addMethod(watch).build();
        ServerServiceDefinition service = ServerServiceDefinition.builder(schema)
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
        try {
            NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service);
            if (reflection) {
                b.addService(io.grpc.protobuf.services.ProtoReflectionServiceV1.newInstance());
            }
            return b.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops {@code server} now. */
    public static void stop(Server server) throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
