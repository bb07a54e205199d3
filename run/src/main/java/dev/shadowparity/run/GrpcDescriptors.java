package dev.shadowparity.run;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Protoset;
import dev.shadowparity.comparators.ServerReflection;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.upstream.GrpcCalls;
import dev.shadowparity.upstream.MirrorBuffer;
import dev.shadowparity.upstream.Transport;
import dev.shadowparity.upstream.Upstream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The descriptors a run reads gRPC messages by: the suite's {@code protoset} file, or, with {@code reflection}, the
 * named backend's server reflection, asked once at the run's start over the backend's own HTTP/2 connection.
 */
final class GrpcDescriptors {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private GrpcDescriptors() {}

    /** {@code null} when the suite names neither; a {@link ParityException} says why the descriptors could not be had. */
    static Protoset of(SuiteConfig suite) {
        if (suite.reflection() == null) {
            return ExchangeComparator.protoset(suite);
        }
        String role = suite.reflection();
        BackendConfig backend = switch (role) {
            case "candidate" -> suite.backends().candidate();
            case "secondary" -> suite.backends().secondary();
            default -> suite.backends().primary();
        };
        if (backend == null) {
            throw new ParityException("reflection: " + role + ": the suite has no " + role);
        }
        String who = role + " (" + backend.authority() + ")";
        if (!backend.protocol().isHttp2()) {
            throw new ParityException("reflection: the " + who + " is spoken to in HTTP/1.1; a gRPC server needs protocol: h2c or h2");
        }
        EventLoopGroup loop = Transport.loops("parity-reflection", 1);
        try (Upstream client = Upstream.of(role, backend, 1, suite.proxy().connectTimeout(), CALL_TIMEOUT)) {
            return ServerReflection.fetch(who, (path, body) -> call(client, loop, backend, who, path, body));
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static byte[] call(Upstream client, EventLoopGroup loop, BackendConfig backend, String who, String path,
                               byte[] body) {
        FullHttpRequest request = GrpcCalls.request(backend, backend.targetFor(path), body);
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/grpc");
        FullHttpResponse response;
        try {
            response = client.send(request, CALL_TIMEOUT, loop.next(), 64L << 20, MirrorBuffer.UNBOUNDED)
                    .get(CALL_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ParityException("reflection: cannot ask the " + who + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ParityException("reflection: the " + who + " did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParityException("reflection: interrupted");
        }
        try {
            String status = GrpcCalls.status(response);
            if (!"0".equals(status)) {
                String message = GrpcCalls.message(response);
                throw new ParityException("reflection: the " + who + " answered " + path + " with HTTP " + response.status().code()
                        + ", grpc-status " + status + (message.isEmpty() ? "" : " (" + message + ")")
                        + "; give the suite a protoset instead");
            }
            return ByteBufUtil.getBytes(response.content());
        } finally {
            response.release();
        }
    }
}
