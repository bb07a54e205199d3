package dev.shadowparity.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The one timer a connection's handler keeps: arming it again replaces the last. On the handler's loop only. */
final class RestartableTimer {

    private ScheduledFuture<?> timer;

    /** {@code expiry} runs on {@code executor} after {@code after}, unless armed again or cancelled first. */
    void arm(EventExecutor executor, Duration after, Runnable expiry) {
        cancel();
        timer = executor.schedule(() -> {
            timer = null;
            expiry.run();
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    boolean armed() {
        return timer != null;
    }
}
