package dev.shadowparity.upstream;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;

/**
 * One request of an {@link Upstream} waiting for, or using, a connection (or an HTTP/2 stream); touched only from its
 * event loop. Outside this package it is a handle: what {@link Upstream#cancel} takes.
 *
 * <p>Who owns {@code request}: this object, until it is written on a fresh connection (the write takes it). On a
 * reused connection a duplicate is written and the request is kept, to be sent once more should that connection
 * turn out to have been closed by the backend. {@link #releaseRequest} gives up what is still owned, once.
 */
public final class PendingRequest {

    final FullHttpRequest request;
    final Duration timeout;
    final ResponseSink sink;
    /** The event loop the request lives on, and its connection. */
    final EventLoop loop;
    ScheduledFuture<?> timer;
    /** The connection carrying this request once dispatched. */
    Channel channel;
    HttpResponse head;
    /** The sink has heard the end, or a failure: nothing more reaches it. */
    boolean done;
    /** Written as a duplicate on a reused connection; the request is still ours, for a resend. */
    boolean keptForResend;
    private boolean released;

    PendingRequest(FullHttpRequest request, Duration timeout, ResponseSink sink, EventLoop loop) {
        this.request = request;
        this.timeout = timeout;
        this.sink = sink;
        this.loop = loop;
    }

    /** (Re)starts the clock: {@code expiry} runs on the loop after {@code timeout} unless it is armed again first. */
    void armTimer(Runnable expiry) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = loop.schedule(expiry, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The request is about to be written as it is: the write owns it from now on. */
    void handedToWrite() {
        released = true;
    }

    /** Releases the request if it is still ours (never written, or kept for a resend). */
    void releaseRequest() {
        if (!released) {
            released = true;
            request.release();
        }
        keptForResend = false;
    }

    /** Gives up before or without an answer: the request released, the timer stopped, the sink told why. */
    void abandon(Throwable cause) {
        releaseRequest();
        if (timer != null) {
            timer.cancel(false);
        }
        fail(cause);
    }

    void fail(Throwable cause) {
        if (!done) {
            done = true;
            sink.failed(cause, head != null);
        }
    }
}
