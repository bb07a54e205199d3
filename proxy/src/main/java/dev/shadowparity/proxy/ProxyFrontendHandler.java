package dev.shadowparity.proxy;

import dev.shadowparity.upstream.PendingRequest;
import dev.shadowparity.upstream.ResponseSink;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.Exchange;
import dev.shadowparity.core.Outcome;
import dev.shadowparity.core.RecordedRequest;
import dev.shadowparity.core.RecordedResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Last in the client-facing pipeline (after the HTTP codec and aggregator): answers each request from the
 * primary and starts its mirrors at the same moment. One request per connection is served at a time:
 * {@code AUTO_READ} is off, the socket is read once more while an answer is relayed (to hear of a client that
 * went away) and again once the answer is written, and requests that arrived pipelined wait in {@link #waiting},
 * so they are answered in order.
 * All state is touched only on the connection's event loop.
 */
final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {

    private final ProxyContext proxy;
    private final ClientTimeouts timeouts;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    /** The answer being relayed, if any. */
    private ClientRelay relay;

    ProxyFrontendHandler(ProxyContext proxy, ClientTimeouts timeouts) {
        this.proxy = proxy;
        this.timeouts = timeouts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (busy) {
            waiting.add(request);
        } else {
            serve(ctx, request);
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        timeouts.answering();
        proxy.counters().inProgress.incrementAndGet();
        try {
            forward(ctx, request);
        } finally {
            request.release();
        }
        if (relay != null) {
            // Read on while the answer is relayed: that is how NIO learns of a client that went away (epoll hears it
            // anyway), so its primary connection is cut at once. A request pipelined behind waits in its turn.
            ctx.read();
        }
    }

    /** After an answer is written: the next pipelined request if one waits, else read the socket again. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest queued = waiting.poll();
        if (queued != null) {
            serve(ctx, queued);
        } else {
            timeouts.waitingForRequest();
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientRelay gone = relay;
        if (gone != null) {
            gone.clientGone();
        }
        FullHttpRequest r;
        while ((r = waiting.poll()) != null) {
            r.release();
        }
        ctx.fireChannelInactive();
    }

    private void forward(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // The decoder cannot resynchronise after a bad message: answer, then close the connection.
            Throwable cause = request.decoderResult().cause();
            proxy.counters().rejected.increment();
            if (cause instanceof TooLongHttpHeaderException) {
                answerError(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large", false);
            } else if (cause instanceof TooLongHttpLineException) {
                answerError(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long", false);
            } else {
                answerError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request", false);
            }
            return;
        }
        toOriginForm(request);
        Refusal refusal = Refusal.of(request);
        if (refusal != null) {
            // Answered here and sent to no backend; the connection stays usable when the framing is sound.
            proxy.counters().rejected.increment();
            answerError(ctx, refusal.status(), refusal.message(), refusal.keepAlive() && HttpUtil.isKeepAlive(request));
            return;
        }
        proxy.counters().requests.increment();
        Instant receivedAt = Instant.now();
        long start = System.nanoTime();
        String clientAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "unknown";
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String method = ForwardedRequests.methodUpper(request);
        String path = ForwardedRequests.pathOf(request.uri());

        PendingExchange exchange = null;
        boolean eligible = proxy.policy().eligible(method, path);
        boolean sampled = eligible && proxy.policy().sampled(request);
        if (sampled || eligible && proxy.setup().captureAll()) {
            int size = request.content().readableBytes();
            long limit = proxy.setup().settings().captureLimit().bytes();
            if (size > limit) {
                proxy.counters().notMirrored.increment();
                String reason = "too-large (request body over the capture limit of " + proxy.setup().settings().captureLimit() + ")";
                EndpointKey endpoint = proxy.routes().endpointOf(method, path);
                proxy.ledger().recordSkipped(endpoint, reason);
                if (proxy.setup().captureAll()) {
                    // Published too, so the workers' merged verdict counts it as this proxy's own ledger does.
                    BackendReply skipped = new BackendReply.NoResponse(Outcome.SKIPPED, reason, java.time.Duration.ZERO);
                    proxy.sink().submitKeyed(new Exchange(proxy.nextExchangeId(), endpoint, receivedAt,
                            new RecordedRequest(method, request.uri(), ForwardedRequests.headers(request.headers()), null),
                            skipped, skipped, null), proxy.policy().sessionKey(request, connectionKey(ctx)));
                }
            } else {
                String connection = connectionKey(ctx);
                exchange = startMirrors(request, method, path, receivedAt, clientAddress,
                        proxy.policy().orderKey(request, connection), proxy.policy().sessionKey(request, connection), sampled);
            }
        } else {
            proxy.counters().notMirrored.increment();
        }

        FullHttpRequest toPrimary = ForwardedRequests.forBackend(request, request.content().retainedDuplicate(),
                proxy.setup().backends().primary(), clientAddress, null, proxy.setup().settings().preserveHost(),
                proxy.setup().settings().clientScheme());
        // The primary's connection lives on this connection's event loop: every piece of its answer is
        // relayed from here, with no thread hop, as it arrives.
        relay = new ClientRelay(ctx, keepAlive, request.protocolVersion().equals(HttpVersion.HTTP_1_0),
                method.equals("HEAD"), start, exchange);
        ClientRelay started = relay;
        started.upstreamRequest = proxy.primary().stream(toPrimary, proxy.setup().settings().primaryTimeout(),
                ctx.channel().eventLoop(), started);
    }

    /** This connection's mirrors keep their order under {@code orderBy: client-connection}. */
    private static String connectionKey(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        // An HTTP/2 stream's connection is its parent: all of one connection's streams share a key.
        return (ch instanceof Http2StreamChannel && ch.parent() != null ? ch.parent() : ch).id().asLongText();
    }

    /**
     * Sends the mirrors of a sampled request; a request captured but not sampled (a publishing proxy's) is recorded
     * with no mirror sent, for a worker to send.
     */
    private PendingExchange startMirrors(FullHttpRequest request, String method, String path, Instant receivedAt,
                                         String clientAddress, String orderKey, String sessionKey, boolean mirror) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        RecordedRequest recorded = new RecordedRequest(method, request.uri(),
                ForwardedRequests.headers(request.headers()), body);
        EndpointKey endpoint = proxy.routes().endpointOf(method, path);
        CompletableFuture<BackendReply> candidate;
        CompletableFuture<BackendReply> secondary;
        if (mirror) {
            candidate = proxy.candidate().send(request, body, clientAddress, orderKey);
            secondary = proxy.secondary() == null ? null : proxy.secondary().send(request, body, clientAddress, orderKey);
            proxy.counters().mirrored.increment();
        } else {
            candidate = CompletableFuture.completedFuture(BackendReply.notSent());
            secondary = proxy.secondary() == null ? null : CompletableFuture.completedFuture(BackendReply.notSent());
            proxy.counters().notMirrored.increment();
        }
        return new PendingExchange(proxy.nextExchangeId(), endpoint, receivedAt, recorded, candidate, secondary, sessionKey);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ClientRelay r = relay;
        if (r != null && ctx.channel().isWritable()) {
            r.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Relays the primary's answer to the client piece by piece as it arrives, copying it (up to the
     * capture limit) when the request was mirrored, and pausing the primary while the client cannot keep up.
     */
    private final class ClientRelay implements ResponseSink {
        private final ChannelHandlerContext ctx;
        private boolean keepAlive;
        private final boolean http10;
        private final boolean headRequest;
        private final long start;
        private final PendingExchange exchange;
        private Channel upstream;
        private int status;
        private dev.shadowparity.core.Headers headers;
        /**
         * The answer's copy, {@link #copied} bytes of it so far: sized by its Content-Length when it has one, so a
         * body is copied once, straight from the socket's buffer, and used as it is (a stream's growth, its copy
         * through a heap buffer and its {@code toByteArray} were three copies and a few allocations each answer).
         */
        private byte[] copy;
        private int copied;
        private boolean tooLargeToCompare;
        /** The request to the primary, to cut it should the client go away. */
        PendingRequest upstreamRequest;
        private boolean clientGone;

        ClientRelay(ChannelHandlerContext ctx, boolean keepAlive, boolean http10, boolean headRequest, long start,
                    PendingExchange exchange) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
            this.http10 = http10;
            this.headRequest = headRequest;
            this.start = start;
            this.exchange = exchange;
        }

        @Override
        public void head(HttpResponse head, Channel upstream) {
            this.upstream = upstream;
            if (exchange != null) {
                status = head.status().code();
                headers = ForwardedRequests.headers(head.headers());
                long length = mayHaveBody(head) ? HttpUtil.getContentLength(head, -1L) : 0;
                // No length, or one past the limit (it will be refused as too large when it passes): start small.
                copy = new byte[(int) Math.min(length < 0 || length > captureLimit() ? 1024 : length, largestCopy())];
            }
            boolean lengthKnown = HttpUtil.isContentLengthSet(head);
            ForwardedRequests.stripHopByHop(head.headers());
            if (!lengthKnown && mayHaveBody(head)) {
                if (http10) {
                    keepAlive = false; // HTTP/1.0 has no chunks: the end of the body is the end of the connection
                } else {
                    HttpUtil.setTransferEncodingChunked(head, true);
                }
            }
            HttpUtil.setKeepAlive(head, keepAlive);
            head.setProtocolVersion(HttpVersion.HTTP_1_1);
            if (head instanceof FullHttpResponse) {
                // Head and end in one (an HTTP/2 answer of one HEADERS frame: gRPC's trailers-only error): end()
                // writes it once, whole, so an HTTP/2 client gets it as one frame too.
                return;
            }
            // Not flushed yet: the body usually arrived in the same read, and end() or readComplete()
            // flushes head and body in one write to the socket.
            ctx.write(head);
        }

        private boolean mayHaveBody(HttpResponse head) {
            int code = head.status().code();
            return !headRequest && code >= 200 && code != 204 && code != 304;
        }

        @Override
        public void content(HttpContent content) {
            capture(content);
            ctx.write(content);
            if (!ctx.channel().isWritable()) {
                // Pause before flushing: the flush may make the channel writable again at once, and the
                // resume that fires then must find the primary already paused.
                upstream.config().setAutoRead(false);
                ctx.flush();
            }
        }

        @Override
        public void readComplete() {
            ctx.flush();
        }

        void resume() {
            if (upstream != null && !upstream.config().isAutoRead()) {
                upstream.config().setAutoRead(true);
            }
        }

        private long captureLimit() {
            return proxy.setup().settings().captureLimit().bytes();
        }

        /** The most an answer's copy holds: the capture limit, or the largest array a JVM allocates. */
        private long largestCopy() {
            return Math.min(captureLimit(), Integer.MAX_VALUE - 8);
        }

        private void capture(HttpContent content) {
            if (copy == null || tooLargeToCompare) {
                return;
            }
            ByteBuf b = content.content();
            int n = b.readableBytes();
            if ((long) copied + n > captureLimit()) {
                tooLargeToCompare = true;
                copy = null;
                return;
            }
            if (copied + n > copy.length) {
                copy = java.util.Arrays.copyOf(copy, (int) Math.min(Math.max(copied + n, 2L * copy.length), largestCopy()));
            }
            b.getBytes(b.readerIndex(), copy, copied, n);
            copied += n;
        }

        @Override
        public void end(HttpContent last) {
            capture(last);
            relay = null;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            proxy.counters().primaryLatency.record(elapsed);
            if (exchange != null && headers != null && last instanceof io.netty.handler.codec.http.LastHttpContent l) {
                headers = dev.shadowparity.upstream.Answers.withTrailers(headers, l.trailingHeaders()); // gRPC's status
            }
            if (exchange != null) {
                exchange.complete(proxy, tooLargeToCompare
                        ? new BackendReply.NoResponse(Outcome.SKIPPED, "primary: too-large (the answer passed the capture limit of "
                                + proxy.setup().settings().captureLimit() + ")", elapsed)
                        : new BackendReply.Responded(new RecordedResponse(status, headers,
                                copied == copy.length ? copy : java.util.Arrays.copyOf(copy, copied)), elapsed));
            }
            writeThenReadNext(ctx, last, keepAlive);
        }

        /**
         * The client closed its connection before its answer was relayed whole. Nobody will read the rest: the
         * primary's connection is cut now rather than held until the primary's timeout, and the exchange is recorded
         * as not compared, for that reason, not as the primary's failure.
         */
        void clientGone() {
            clientGone = true;
            if (upstreamRequest != null) {
                proxy.primary().cancel(upstreamRequest, new java.io.IOException("the client closed its connection"));
            }
        }

        @Override
        public void failed(Throwable cause, boolean headSeen) {
            relay = null;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (clientGone) {
                proxy.counters().clientAborts.increment();
                proxy.counters().inProgress.decrementAndGet();
                if (exchange != null) {
                    exchange.complete(proxy, new BackendReply.NoResponse(Outcome.SKIPPED,
                            "client aborted before the primary's answer was relayed whole", elapsed));
                }
                return;
            }
            boolean timeout = cause instanceof TimeoutException;
            if (exchange != null) {
                exchange.complete(proxy, new BackendReply.NoResponse(timeout ? Outcome.TIMEOUT : Outcome.FAILED,
                        "primary: " + cause.getMessage(), elapsed));
            }
            proxy.counters().primaryErrors.increment();
            if (headSeen) {
                // Part of the answer is out: the only honest signal left is to cut the connection.
                proxy.counters().inProgress.decrementAndGet();
                ctx.close();
                return;
            }
            answerError(ctx, timeout ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY,
                    timeout ? "primary did not answer in time" : "primary unreachable", keepAlive);
        }
    }

    /**
     * {@code GET http://shop.example/api/x HTTP/1.1} (absolute form, as clients send to a forward proxy) becomes
     * {@code GET /api/x} with {@code Host: shop.example}: backends get the origin form, the endpoint is named by the
     * path, and the target's authority replaces any Host field (RFC 9112 section 3.2.2).
     */
    private static void toOriginForm(FullHttpRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/") || uri.equals("*") || request.method().equals(HttpMethod.CONNECT)) {
            return;
        }
        java.net.URI target;
        try {
            target = new java.net.URI(uri);
        } catch (java.net.URISyntaxException e) {
            return; // not a URI at all: the backend answers it as it would
        }
        String scheme = target.getScheme();
        if (scheme == null || target.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        request.setUri(target.getRawQuery() == null ? path : path + "?" + target.getRawQuery());
        // The host and port only: user:password@ in a target is never forwarded.
        request.headers().set(HttpHeaderNames.HOST, target.getPort() < 0 ? target.getHost() : target.getHost() + ":" + target.getPort());
    }

    /** A well-formed request this reverse proxy will not forward, and how it is answered. */
    private record Refusal(HttpResponseStatus status, String message, boolean keepAlive) {

        static Refusal of(FullHttpRequest request) {
            HttpVersion version = request.protocolVersion();
            if (version.majorVersion() != 1) {
                // "PRI * HTTP/2.0" is an HTTP/2 client's preface: its frames follow, so the connection cannot go on.
                return new Refusal(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                        "HTTP/" + version.majorVersion() + "." + version.minorVersion() + " is not supported here; speak HTTP/1.1", false);
            }
            if (request.method().equals(HttpMethod.CONNECT)) {
                return new Refusal(HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "CONNECT is not forwarded: this is a reverse proxy, not a tunnel", true);
            }
            int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
            if (version.minorVersion() >= 1 && hosts == 0) {
                return new Refusal(HttpResponseStatus.BAD_REQUEST, "an HTTP/1.1 request needs a Host header (RFC 9112 section 3.2)", true);
            }
            if (hosts > 1) {
                return new Refusal(HttpResponseStatus.BAD_REQUEST, "more than one Host header (RFC 9112 section 3.2)", false);
            }
            return null;
        }
    }

    private void answerError(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        byte[] body = ("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "'") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpUtil.setKeepAlive(r, keepAlive);
        writeThenReadNext(ctx, r, keepAlive);
    }

    /** Writes the end of an answer, then closes the connection or serves the next request on it. */
    private void writeThenReadNext(ChannelHandlerContext ctx, HttpObject last, boolean keepAlive) {
        ctx.writeAndFlush(last).addListener((ChannelFutureListener) f -> {
            proxy.counters().inProgress.decrementAndGet();
            if (!f.isSuccess() || !keepAlive) {
                f.channel().close();
            } else if (!(ctx.channel() instanceof Http2StreamChannel)) {
                next(ctx);
            } // an HTTP/2 stream carries one request: it ends with its answer
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.http2.Http2Exception h2 && ctx.channel() instanceof Http2StreamChannel) {
            // A stream's request the conversion could not read: reset with the protocol's code (and so counted), the
            // connection serves on.
            ctx.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2ResetFrame(h2.error()))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.close();
    }

    /** The mirrored half of an exchange, waiting for the primary's reply to become an {@link Exchange}. */
    private record PendingExchange(long id, EndpointKey endpoint, Instant receivedAt, RecordedRequest request,
                                   CompletableFuture<BackendReply> candidate, CompletableFuture<BackendReply> secondary,
                                   String sessionKey) {

        void complete(ProxyContext proxy, BackendReply primary) {
            CompletableFuture<?> all = secondary == null ? candidate : CompletableFuture.allOf(candidate, secondary);
            all.whenComplete((ignored, error) -> proxy.sink().submitKeyed(new Exchange(id, endpoint, receivedAt, request,
                    primary, candidate.join(), secondary == null ? null : secondary.join()), sessionKey));
        }
    }
}
