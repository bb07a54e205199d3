package dev.shadowparity.upstream;

import dev.shadowparity.core.config.ByteSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Collects a whole response and completes a future with it; the future's taker releases it and frees its bytes
 * from the {@link MirrorBuffer}. An answer past {@code maxBytes} (its {@code Content-Length} says so, or its pieces
 * do), or one whose bytes the buffer cannot take, stops being kept: the rest is read and discarded, so the
 * connection stays usable, and the future fails with {@link TooLarge} naming why and how much was seen.
 */
public final class AggregatingSink implements ResponseSink {

    /** An answer read to its end but not kept. */
    /** An answer past the byte limit, or one that did not fit in the buffer: read to its end and dropped. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        /** The bytes of the answer seen, which its size class is told by. */
        public final long seen;

        TooLarge(String why, long seen) {
            super(why);
            this.seen = seen;
        }
    }

    private final CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
    private final long maxBytes;
    private final MirrorBuffer buffer;
    private HttpResponse head;
    private CompositeByteBuf body;
    /** Bytes taken from the buffer for {@link #body}. */
    private long reserved;
    /** Why the answer is being discarded, once it is. */
    private String discarding;
    private long seen;

    public AggregatingSink(long maxBytes, MirrorBuffer buffer) {
        this.maxBytes = maxBytes;
        this.buffer = buffer;
    }

    public CompletableFuture<FullHttpResponse> result() {
        return result;
    }

    @Override
    public void head(HttpResponse head, Channel upstream) {
        this.head = head;
        this.body = Unpooled.compositeBuffer(1024);
        if (HttpUtil.getContentLength(head, -1L) > maxBytes) {
            discard(overLimit());
        }
    }

    @Override
    public void content(HttpContent content) {
        add(content.content());
    }

    @Override
    public void end(HttpContent last) {
        add(last.content());
        if (discarding != null) {
            result.completeExceptionally(new TooLarge(discarding, seen));
            return;
        }
        if (body == null) {
            return; // failed meanwhile
        }
        FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(), body,
                head.headers(), last instanceof LastHttpContent l ? l.trailingHeaders() : EmptyHttpHeaders.INSTANCE);
        body = null;
        long handed = reserved;
        reserved = 0; // the taker frees them now
        if (!result.complete(full)) {
            buffer.free(handed);
            full.release();
        }
    }

    private void add(ByteBuf piece) {
        int n = piece.readableBytes();
        seen += n;
        if (discarding != null || body == null) {
            piece.release();
            return;
        }
        if (body.readableBytes() + (long) n > maxBytes) {
            piece.release();
            discard(overLimit());
            return;
        }
        if (!buffer.reserve(n)) {
            piece.release();
            discard("the mirrors' answers in memory reached mirror.maxBuffered (" + new ByteSize(buffer.max()) + ")");
            return;
        }
        reserved += n;
        body.addComponent(true, piece);
    }

    private String overLimit() {
        return "the answer passed the capture limit of " + new ByteSize(maxBytes);
    }

    private void discard(String why) {
        discarding = why;
        releaseBody();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        buffer.free(reserved);
        reserved = 0;
    }

    @Override
    public void failed(Throwable cause, boolean headSeen) {
        releaseBody();
        result.completeExceptionally(cause);
    }
}
