package dev.shadowparity.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A mirror's answer is kept up to the capture limit and within the shared buffer; past either it is read and dropped. */
class AggregatingSinkTest {

    private static HttpResponse head(Long contentLength) {
        HttpResponse h = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        if (contentLength != null) {
            h.headers().set("Content-Length", contentLength);
        }
        return h;
    }

    private static void piece(AggregatingSink sink, int bytes) {
        sink.content(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[bytes])));
    }

    @Test
    void anAnswerWithinTheLimitIsKeptAndHoldsItsBytesUntilTheTakerFreesThem() throws Exception {
        MirrorBuffer buffer = new MirrorBuffer(1000);
        AggregatingSink sink = new AggregatingSink(800, buffer);
        sink.head(head(null), null);
        piece(sink, 300);
        piece(sink, 300);
        sink.end(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[100])));
        FullHttpResponse r = sink.result().get();
        assertThat(r.content().readableBytes()).isEqualTo(700);
        assertThat(buffer.held()).isEqualTo(700);
        buffer.free(700);
        r.release();
        assertThat(buffer.held()).isZero();
    }

    @Test
    void anAnswerPastTheLimitIsReadToItsEndAndDroppedSayingHowMuchCame() {
        MirrorBuffer buffer = new MirrorBuffer(10_000);
        AggregatingSink sink = new AggregatingSink(500, buffer);
        sink.head(head(null), null);
        piece(sink, 400);
        piece(sink, 400);
        assertThat(buffer.held()).as("what was kept is given back at once").isZero();
        assertThat(sink.result()).isNotDone();
        piece(sink, 5000);
        sink.end(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[200])));
        assertThat(sink.result()).isCompletedExceptionally();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> sink.result().get());
        assertThat(e.getCause()).isInstanceOf(AggregatingSink.TooLarge.class)
                .hasMessage("the answer passed the capture limit of 500");
        assertThat(((AggregatingSink.TooLarge) e.getCause()).seen).isEqualTo(6000);
    }

    @Test
    void aDeclaredLengthPastTheLimitIsNotBufferedAtAll() {
        MirrorBuffer buffer = new MirrorBuffer(10_000);
        AggregatingSink sink = new AggregatingSink(500, buffer);
        sink.head(head(200L << 20), null);
        piece(sink, 400);
        assertThat(buffer.held()).isZero();
        sink.end(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER));
        assertThat(sink.result()).isCompletedExceptionally();
    }

    @Test
    void answersTogetherStayWithinTheSharedBufferAndTheOneThatDoesNotFitIsDropped() throws Exception {
        MirrorBuffer buffer = new MirrorBuffer(1000);
        AggregatingSink first = new AggregatingSink(800, buffer);
        AggregatingSink second = new AggregatingSink(800, buffer);
        first.head(head(null), null);
        second.head(head(null), null);
        piece(first, 600);
        piece(second, 300);
        piece(second, 300); // 1200 would be held: this answer is the one dropped
        assertThat(buffer.held()).isEqualTo(600);
        second.end(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER));
        first.end(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> second.result().get());
        assertThat(e.getCause()).hasMessage("the mirrors' answers in memory reached mirror.maxBuffered (1000)");
        assertThat(first.result().get().content().readableBytes()).isEqualTo(600);
        first.failed(new java.io.IOException("late"), true); // a failure after completion frees nothing twice
        assertThat(buffer.held()).isEqualTo(600);
    }
}
