package dev.shadowparity.comparators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.shadowparity.core.Headers;
import dev.shadowparity.core.RecordedResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A gRPC answer's body, read for comparison. The body is a run of length-prefixed messages (a flag byte, a 4-byte
 * length, the message; compressed by {@code grpc-encoding} when the flag says so). With the suite's protoset naming
 * the call's method, each message is decoded by the method's output type to JSON: a unary call's one message as an
 * object, a server-streaming call's messages as an array, so paths read {@code $.score} and {@code $[*].score}. Without
 * it the bytes are compared, and the difference says why they were not decoded.
 */
final class GrpcMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Says, in the shown exchange, that the JSON body was decoded from gRPC messages and by which type. */
    static final String DECODED_HEADER = "X-Parity-Grpc-Decoded";

    private final Protoset protoset;
    private final long limit;

    /** @param protoset the suite's, or {@code null} */
    GrpcMessages(Protoset protoset, long limit) {
        this.protoset = protoset;
        this.limit = limit;
    }

    static boolean isGrpc(RecordedResponse r) {
        String type = r.contentType().toLowerCase(Locale.ROOT);
        return type.startsWith("application/grpc") && !type.startsWith("application/grpc-web");
    }

    /** {@code d} as compared: a gRPC answer's messages as JSON where the protoset knows the method; others as they are. */
    ContentDecoding.Decoded decode(ContentDecoding.Decoded d, String path) {
        RecordedResponse r = d.response();
        if (d.problem() != null || !isGrpc(r) || r.body().length == 0) {
            return d;
        }
        if (protoset == null) {
            return note(d, "gRPC messages not decoded: the suite names no protoset");
        }
        Descriptors.MethodDescriptor method = protoset.method(path).orElse(null);
        if (method == null) {
            return note(d, "gRPC messages not decoded: " + protoset.source() + " declares no method " + path);
        }
        Descriptors.Descriptor type = method.getOutputType();
        List<byte[]> messages;
        try {
            messages = frames(r.body(), r.headers().first("grpc-encoding").orElse(null));
        } catch (IOException e) {
            return new ContentDecoding.Decoded(r, "grpc", "not gRPC messages: " + e.getMessage(), false);
        }
        ArrayNode decoded = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            try {
                decoded.add(ProtoJson.of(DynamicMessage.parseFrom(type, messages.get(i))));
            } catch (InvalidProtocolBufferException e) {
                return new ContentDecoding.Decoded(r, "grpc", "message " + (i + 1) + " does not decode as " + type.getFullName()
                        + ": " + e.getMessage(), false);
            }
        }
        JsonNode body = method.isServerStreaming() || decoded.size() != 1 ? decoded : decoded.get(0);
        Headers.Builder headers = Headers.builder();
        for (Headers.Header h : r.headers().entries()) {
            if (!h.name().equalsIgnoreCase("Content-Type")) {
                headers.add(h.name(), h.value());
            }
        }
        headers.add("Content-Type", "application/json");
        headers.add(DECODED_HEADER, type.getFullName());
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ContentDecoding.Decoded(new RecordedResponse(r.status(), headers.build(), json),
                d.codings() == null ? "grpc" : d.codings() + ", grpc", null, false);
    }

    private static ContentDecoding.Decoded note(ContentDecoding.Decoded d, String why) {
        return new ContentDecoding.Decoded(d.response(), d.codings(), d.problem(), d.overLimit(), why);
    }

    /** The messages of a gRPC body, each decompressed where its flag says so. */
    private List<byte[]> frames(byte[] body, String encoding) throws IOException {
        List<byte[]> out = new ArrayList<>();
        long total = 0;
        for (GrpcFraming.Frame f : GrpcFraming.split(body)) {
            byte[] message = f.message();
            if (f.compressed()) {
                if (encoding == null || encoding.equalsIgnoreCase("identity")) {
                    throw new IOException("message " + (out.size() + 1) + " is compressed, and no grpc-encoding says how");
                }
                message = ContentDecoding.decodeOne(encoding.toLowerCase(Locale.ROOT), message, limit);
            }
            total += message.length;
            if (total > limit) {
                throw new IOException("the decoded messages exceed the limit of " + limit + " bytes");
            }
            out.add(message);
        }
        return out;
    }
}
