package dev.switchboard.internal.chain;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Status;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Admission control where a call starts, on the container's thread: at most {@code maxCalls} requests that are calls
 * (gRPC or JSON) in flight; one more is refused at once with a status, before it takes a thread or a queue slot.
 * Cheap (one counter), and it bounds what can wait for Switchboard's bounded pool — whose queue therefore need not
 * be bounded, so that grpc-core never sees a {@code RejectedExecutionException}: its {@code SerializingExecutor}
 * would pass one up to whoever delivered the callback (the container's thread: an error page instead of a status),
 * or, for a message or half-close, log it and drop the callback, and that call would hang until its deadline.
 *
 * <p>A request counts from its dispatch until its exchange ends: at once when the dispatch completed it, else when
 * the container reports the asynchronous cycle complete ({@link AsyncListener#onComplete}, which it always calls,
 * after errors and timeouts too).
 */
public final class CallAdmission {

    private final int maxCalls;
    private final AtomicInteger inFlight = new AtomicInteger();

    public CallAdmission(int maxCalls) {
        this.maxCalls = maxCalls;
    }

    /** Whether the request may start a call; if so, {@link #leaveWhenDone} must follow its dispatch. */
    public boolean enter() {
        if (inFlight.incrementAndGet() > maxCalls) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** At the end of an admitted request's dispatch (in a finally): it stops counting when its exchange ends. */
    public void leaveWhenDone(HttpServletRequest req) {
        if (!req.isAsyncStarted()) {
            inFlight.decrementAndGet();
            return;
        }
        try {
            req.getAsyncContext().addListener(new Leave(inFlight));
        } catch (IllegalStateException e) {
            // completed meanwhile
            inFlight.decrementAndGet();
        }
    }

    /** An admitted request's exchange has ended (for transports that know when: the native ones). */
    public void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** The status of a call refused at the limit. */
    public Status overloaded() {
        return Status.UNAVAILABLE.withDescription("The server has " + maxCalls + " calls in flight, its limit; retry later");
    }

    public int maxCalls() {
        return maxCalls;
    }

    /**
     * Not a subclass of AtomicBoolean, and no constructor without arguments: WildFly tries to make every AsyncListener
     * class of a WAR with such a constructor an EE component, and for this one logged "WFLYEE0007: Not installing optional
     * component" on every deployment.
     */
    private static final class Leave implements AsyncListener {
        private final AtomicBoolean left = new AtomicBoolean();
        private final AtomicInteger count;

        Leave(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (left.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
