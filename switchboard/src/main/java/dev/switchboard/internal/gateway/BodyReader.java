package dev.switchboard.internal.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Status;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads a whole request body without holding a thread while the client sends it. What has arrived is read at once,
 * in the request's dispatch, without blocking ({@code available()}): the usual small request is complete by then and
 * costs nothing more. Only a body still on its way makes the request asynchronous: a {@link ReadListener} collects the
 * rest as it comes, on no thread in between, and a time budget ends a client that sends too slowly (408) — a blocking
 * read would hold a container thread for as long as the client trickles, and a few hundred such clients hold them all.
 */
final class BodyReader implements ReadListener {

    private static final Logger LOG = Logger.getLogger(BodyReader.class.getName());

    /** What becomes of the body. */
    interface Sink {
        /**
         * The whole body, {@code length} bytes of {@code bytes}. {@code cycle}: null when it was read within the
         * dispatch (which may go on to serve the call there), else the asynchronous cycle the read began, and this
         * runs on {@code later}.
         */
        void body(byte[] bytes, int length, AsyncCycle cycle) throws IOException;

        /**
         * The body could not be read: answer {@code httpStatus} with {@code status} (413 too large, 408 too slow, 400
         * truncated), or, with {@code httpStatus} 0, nothing (the client went away); then complete {@code cycle} if
         * not null.
         */
        void failed(int httpStatus, Status status, AsyncCycle cycle) throws IOException;
    }

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final int maxBytes;
    private final long declared;
    private final Duration budget;
    private final Executor later;
    private final ScheduledExecutorService timer;
    private final Sink sink;
    /** Keep nothing, only count (a body read only so that the connection stays usable). */
    private final boolean discard;

    // guarded by this
    private byte[] buffer;
    private int length;
    private boolean done;
    private AsyncCycle cycle;
    private ScheduledFuture<?> deadline;

    private BodyReader(HttpServletRequest req, HttpServletResponse resp, int maxBytes, Duration budget, Executor later,
            ScheduledExecutorService timer, Sink sink, boolean discard) {
        this.req = req;
        this.resp = resp;
        this.maxBytes = maxBytes;
        this.declared = req.getContentLengthLong();
        this.budget = budget;
        this.later = later;
        this.timer = timer;
        this.sink = sink;
        this.discard = discard;
    }

    /**
     * Reads the body of {@code req} (at most {@code maxBytes}, within {@code budget}; zero: no budget) and hands it
     * to {@code sink}: in this dispatch when it has all arrived, else later on {@code later}.
     */
    static void read(HttpServletRequest req, HttpServletResponse resp, int maxBytes, Duration budget, Executor later,
            ScheduledExecutorService timer, Sink sink) throws IOException {
        new BodyReader(req, resp, maxBytes, budget, later, timer, sink, false).start();
    }

    /** As {@link #read}, keeping nothing: for a request answered with an error whose body must still be consumed. */
    static void discard(HttpServletRequest req, HttpServletResponse resp, int maxBytes, Duration budget, Executor later,
            ScheduledExecutorService timer, Sink sink) throws IOException {
        new BodyReader(req, resp, maxBytes, budget, later, timer, sink, true).start();
    }

    private void start() throws IOException {
        if (declared > maxBytes) {
            sink.failed(413, tooLarge(), null);
            return;
        }
        ServletInputStream in = req.getInputStream();
        synchronized (this) {
            try {
                while (true) {
                    if (declared >= 0 && length == declared) {
                        break;
                    }
                    int available = in.available();
                    if (available > 0) {
                        if (append(in, available) < 0) {
                            break;
                        }
                    } else if (in.isFinished() || available < 0) {
                        break;
                    } else {
                        goAsync(in);
                        return;
                    }
                }
            } catch (TooLargeException e) {
                done = true;
            }
            done = true;
        }
        if (length > maxBytes) {
            sink.failed(413, tooLarge(), null);
        } else {
            sink.body(bytes(), length, null);
        }
    }

    /** The rest of the body arrives asynchronously. Holds the lock. */
    private void goAsync(ServletInputStream in) {
        cycle = AsyncCycle.begin(req, resp);
        if (!budget.isZero()) {
            deadline = timer.schedule(this::outOfTime, budget.toNanos(), TimeUnit.NANOSECONDS);
        }
        // The container calls onDataAvailable once this dispatch has returned.
        in.setReadListener(this);
    }

    @Override
    public void onDataAvailable() throws IOException {
        ServletInputStream in = req.getInputStream();
        synchronized (this) {
            try {
                // isReady() false obliges the container to call again when more has arrived.
                while (!done && in.isReady()) {
                    if (append(in, 0) < 0) {
                        return; // the end: onAllDataRead follows
                    }
                }
            } catch (TooLargeException e) {
                end(413, tooLarge());
            }
        }
    }

    @Override
    public void onAllDataRead() {
        synchronized (this) {
            if (done) {
                return;
            }
            if (declared >= 0 && length < declared) {
                end(400, Status.INVALID_ARGUMENT.withDescription("The request body is shorter than its Content-Length"));
                return;
            }
            done = true;
            cancelDeadline();
        }
        later.execute(() -> {
            try {
                sink.body(bytes(), length, cycle);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "request not served after its body arrived", e);
                cycle.complete();
            }
        });
    }

    @Override
    public void onError(Throwable t) {
        LOG.log(Level.FINE, "request body not read", t);
        synchronized (this) {
            // A body that stalls until the container's idle timeout is as late as one past the budget; any other
            // failure means the client is gone, and there is no one to answer.
            end(isTimeout(t) ? 408 : 0, isTimeout(t) ? late() : Status.CANCELLED.withDescription("The client went away"));
        }
    }

    private void outOfTime() {
        synchronized (this) {
            end(408, late());
        }
    }

    /** Ends reading with an error, answered on {@code later} (a write must not hold the caller: a timer, an I/O thread). Holds the lock. */
    private void end(int httpStatus, Status status) {
        if (done) {
            return;
        }
        done = true;
        buffer = null;
        cancelDeadline();
        AsyncCycle ended = cycle;
        later.execute(() -> {
            try {
                sink.failed(httpStatus, status, ended);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "error response not written", e);
                ended.complete();
            }
        });
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /**
     * One read into the buffer (at least {@code hint} bytes of room when positive); the bytes read, or -1 at the end.
     * Holds the lock.
     */
    private int append(ServletInputStream in, int hint) throws IOException {
        if (discard) {
            byte[] scratch = buffer != null ? buffer : (buffer = new byte[8192]);
            int n = in.read(scratch, 0, scratch.length);
            if (n > 0) {
                length += n;
                if (length > maxBytes) {
                    throw new TooLargeException();
                }
            }
            return n;
        }
        int room = buffer == null ? 0 : buffer.length - length;
        if (room == 0 || room < hint) {
            grow(hint);
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n > 0) {
            length += n;
            if (length > maxBytes) {
                throw new TooLargeException();
            }
        }
        return n;
    }

    /** Room for the declared length at once, else doubling; one byte past the limit, to tell a body over it. */
    private void grow(int hint) {
        int wanted;
        if (buffer == null && declared >= 0) {
            wanted = (int) declared;
        } else {
            long doubled = Math.max(8192L, (buffer == null ? 0L : buffer.length) * 2L);
            wanted = (int) Math.min(Math.max(doubled, (long) length + hint), (long) maxBytes + 1);
        }
        wanted = Math.max(wanted, length + 1);
        buffer = buffer == null ? new byte[wanted] : Arrays.copyOf(buffer, wanted);
    }

    private synchronized byte[] bytes() {
        return buffer == null || discard ? new byte[0] : buffer;
    }

    private Status tooLarge() {
        return Status.RESOURCE_EXHAUSTED.withDescription("The request is larger than " + maxBytes + " bytes");
    }

    private Status late() {
        return Status.DEADLINE_EXCEEDED.withDescription("The request body did not arrive within " + budget.toSeconds() + " s");
    }

    /** Whether a read failed because the container's idle timeout passed. */
    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException
                    || c.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(null, null);
        }
    }
}
