package dev.shadowparity.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Collects a whole response (up to a bound) and completes a future with it; the future's taker releases it. */
final class AggregatingSink implements ResponseSink {

    private final CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
    private final String name;
    private final int maxBytes;
    private HttpResponse head;
    private CompositeByteBuf body;

    AggregatingSink(String name, int maxBytes) {
        this.name = name;
        this.maxBytes = maxBytes;
    }

    CompletableFuture<FullHttpResponse> result() {
        return result;
    }

    @Override
    public void head(HttpResponse head, Channel upstream) {
        this.head = head;
        this.body = Unpooled.compositeBuffer(1024);
    }

    @Override
    public void content(HttpContent content) {
        add(content.content());
    }

    @Override
    public void end(HttpContent last) {
        add(last.content());
        if (body == null) {
            return;
        }
        FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(), body,
                head.headers(), last instanceof io.netty.handler.codec.http.LastHttpContent l ? l.trailingHeaders()
                        : io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        body = null;
        if (!result.complete(full)) {
            full.release();
        }
    }

    private void add(ByteBuf piece) {
        if (body == null) {
            piece.release();
            return;
        }
        if (body.readableBytes() + piece.readableBytes() > maxBytes) {
            piece.release();
            failed(new IOException(name + " response is larger than " + maxBytes + " bytes"), true);
            return;
        }
        body.addComponent(true, piece);
    }

    @Override
    public void failed(Throwable cause, boolean headSeen) {
        if (body != null) {
            body.release();
            body = null;
        }
        result.completeExceptionally(cause);
    }
}
