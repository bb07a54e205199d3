package dev.shadowparity.upstream;

import dev.shadowparity.core.config.BackendConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/** A gRPC call as an HTTP/2 exchange on an {@link Upstream}: the request's form, and where its status is read. */
public final class GrpcCalls {

    private GrpcCalls() {}

    /**
     * {@code POST target} to {@code backend} with {@code body} (length-prefixed messages): its Host, {@code te: trailers}
     * (the one TE HTTP/2 allows, which gRPC servers expect) and length; {@code Content-Type} is the caller's.
     */
    public static FullHttpRequest request(BackendConfig backend, String target, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target,
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, backend.hostHeader())
                .set(HttpHeaderNames.TE, "trailers")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    /** The call's {@code grpc-status}: in the trailers, or in the headers of a trailers-only answer; {@code null} if none. */
    public static String status(FullHttpResponse response) {
        return response.trailingHeaders().get("grpc-status", response.headers().get("grpc-status"));
    }

    /** The call's {@code grpc-message}, wherever its status was; empty if none. */
    public static String message(FullHttpResponse response) {
        return response.trailingHeaders().get("grpc-message", response.headers().get("grpc-message", ""));
    }
}
