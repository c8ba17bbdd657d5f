package dev.switchboard.internal.gateway;

import java.io.IOException;
import java.util.ArrayDeque;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * Writes a streamed response from a queue with non-blocking writes (a {@link WriteListener}), flushing each chunk as
 * it goes, so that neither a service nor any thread of Switchboard's waits for a slow reader: what the connection
 * cannot take yet stays queued until the container says it can ({@code onWritePossible}), on whichever thread that
 * is. The service sees {@link #isReady()} turn false when more than {@link #HIGH_WATER} bytes wait, and
 * {@code onReady} runs once the reader has caught up below {@link #LOW_WATER} — gRPC's flow control, over plain HTTP.
 * (A pool of writer threads doing blocking writes held one thread per slow reader; bounding that pool would let as
 * many slow readers stall every other stream.)
 *
 * <p>One thread at a time writes ({@code draining}); one that finds another writing leaves it a note ({@code again})
 * instead of waiting. Events are never raised while this object's lock is held.
 */
final class StreamWriter implements WriteListener {

    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 16 * 1024;

    /** What the writer tells its call. */
    interface Events {
        void onReady();

        void onWriteFailed(IOException e);

        void onFinished();
    }

    private final ServletOutputStream out;
    private final Events events;

    // guarded by this
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean finishing;
    private boolean finished;
    private boolean failed;
    private boolean reportedNotReady;
    /** The container has called onWritePossible once: writing may begin. */
    private boolean writable;
    private boolean draining;
    private boolean again;
    private boolean unflushed;

    StreamWriter(ServletOutputStream out, Events events) {
        this.out = out;
        this.events = events;
    }

    /** Hands the response's output to this writer; the request must be asynchronous. */
    void start() {
        out.setWriteListener(this);
    }

    synchronized boolean isReady() {
        boolean ready = !failed && queuedBytes < HIGH_WATER;
        if (!ready) {
            reportedNotReady = true;
        }
        return ready;
    }

    void write(byte[] chunk) {
        enqueue(chunk, false);
    }

    /** Writes the last chunk; {@code onFinished} runs once everything is written. */
    void finish(byte[] last) {
        enqueue(last, true);
    }

    private void enqueue(byte[] chunk, boolean last) {
        synchronized (this) {
            if (failed || finishing) {
                return;
            }
            if (chunk.length > 0) {
                queue.add(chunk);
                queuedBytes += chunk.length;
            }
            finishing = last;
        }
        drain();
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            writable = true;
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        fail(t instanceof IOException io ? io : new IOException(t));
    }

    /** Writes while the connection takes it; returns when it does not (onWritePossible resumes) or nothing is left. */
    private void drain() {
        synchronized (this) {
            if (!writable || failed || finished) {
                return;
            }
            if (draining) {
                again = true;
                return;
            }
            draining = true;
        }
        while (true) {
            boolean notify = false;
            boolean done = false;
            try {
                // isReady() false obliges the container to call onWritePossible when the write or flush has gone out.
                while (out.isReady()) {
                    byte[] chunk;
                    synchronized (this) {
                        again = false;
                        chunk = queue.poll();
                        if (chunk == null && !unflushed) {
                            done = finishing && !finished;
                            finished = done;
                            break;
                        }
                        if (chunk == null) {
                            unflushed = false;
                        } else {
                            unflushed = true;
                            queuedBytes -= chunk.length;
                            if (reportedNotReady && queuedBytes < LOW_WATER) {
                                reportedNotReady = false;
                                notify = true;
                            }
                        }
                    }
                    if (chunk == null) {
                        out.flush();
                    } else {
                        out.write(chunk);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                synchronized (this) {
                    draining = false;
                }
                fail(e instanceof IOException io ? io : new IOException(e));
                return;
            }
            boolean more;
            synchronized (this) {
                more = again && !done;
                again = false;
                if (!more) {
                    draining = false;
                }
            }
            if (notify) {
                events.onReady();
            }
            if (done) {
                events.onFinished();
                return;
            }
            if (!more) {
                return;
            }
        }
    }

    private void fail(IOException e) {
        synchronized (this) {
            if (failed || finished) {
                return;
            }
            failed = true;
            queue.clear();
        }
        events.onWriteFailed(e);
    }
}
