package dev.switchboard.jetty.front;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * What {@link BatchingEndPoint} holds, for an endpoint of any kind (the socket's, or TLS's decrypted one), on an HTTP/2
 * connection: from a fill that returned bytes until a fill that returns none (or one that brings the bytes read since
 * the hold to {@value #MAX_BYTES}), or close, the first write it is given; and between reads, a small write (up to
 * {@value #MAX_DEFERRED_BYTES} bytes) until a task of its own, handed to the connection's {@link Deferral}, issues
 * it. Why that is sound: {@link BatchingEndPoint}.
 */
final class WriteHold {

    /** How an endpoint writes past its hold: its superclass's {@code write}. */
    @FunctionalInterface
    interface Writer {
        void write(Callback callback, ByteBuffer... buffers);
    }

    /**
     * Where a write made between reads is issued: {@code release} run later, off the calling thread — on the
     * connection's selector when the write's callback is {@code nonBlocking} (as Jetty completes such writes itself),
     * else on the server's pool.
     */
    @FunctionalInterface
    interface Deferral {
        void later(Runnable release, boolean nonBlocking);
    }

    /**
     * Bytes read after which a held write goes anyway: a client uploading more than its flow-control window waits for
     * the window updates the server writes, and holding them until the socket is drained would turn its upload into
     * stop-and-wait; within a few requests' worth the updates leave while the client still has window to send with.
     */
    static final int MAX_BYTES = 16 * 1024;

    /**
     * The largest write deferred between reads. Deferring costs the writer a hand-off and gathers the small answers
     * of many calls into one write; a large write gains little from company, and a blocking writer streaming a large
     * body would pay the hand-off once per write.
     */
    static final int MAX_DEFERRED_BYTES = 16 * 1024;

    /**
     * Set while a write is made that may be deferred ({@link #deferrable}): writes whose writers do not wait for
     * them. A servlet writing its answer waits for each write, so deferring it would make it wait for a hand-off as
     * well, and gains little (measured when every write was deferred, Switchboard's JSON gateway still writing that
     * way: JSON over h2c 21.3 k calls/s deferred, 26.7 k not; bench/NOTES.md). Those answers are deferred only once
     * their writer no longer waits for them ({@link InlineGrpcFront#DEFERRABLE_ATTRIBUTE}).
     */
    private static final ThreadLocal<Boolean> DEFERRABLE = new ThreadLocal<>();

    private final Writer writer;
    /** Null: writes between reads go at once. */
    private final Deferral deferral;
    private final LongAdder writes = new LongAdder();
    /** Whether the connection is HTTP/2's, as of the last fill: nothing is held otherwise. */
    private volatile boolean http2;
    /** From a fill that returned bytes on an HTTP/2 connection to the release. Guarded by this. */
    private boolean reading;
    /** The write held, if any. Guarded by this. */
    private Held held;
    /** Bytes read since the held write was held. Guarded by this. */
    private long bytesSinceHeld;
    /** A deferred release is handed out and has not started. Guarded by this. */
    private boolean releaseQueued;
    /** The thread running a deferred release: its writes (the flusher's next passes) go at once. Guarded by this. */
    private Thread releasing;
    /** Whether {@link #releasing} is the selector's thread, which must not complete a blocking callback. */
    private boolean releasingNonBlockingOnly;

    WriteHold(Writer writer) {
        this(writer, null);
    }

    WriteHold(Writer writer, Deferral deferral) {
        this.writer = writer;
        this.deferral = deferral;
    }

    /** A write held: what the endpoint's {@code write} was given. */
    private record Held(Callback callback, ByteBuffer[] buffers) {
    }

    /** Makes {@code write}; what of it reaches an endpoint between reads may be deferred there. */
    static void deferrable(Runnable write) {
        Boolean before = DEFERRABLE.get();
        DEFERRABLE.set(Boolean.TRUE);
        try {
            write.run();
        } finally {
            if (before == null) {
                DEFERRABLE.remove();
            }
        }
    }

    /** Writes issued past the hold (held ones once). For tests. */
    long writes() {
        return writes.sum();
    }

    /**
     * After each fill. A fill that returned nothing (the producer is about to wait for more) releases what was held;
     * so does one that brings the bytes read since a write was held to {@value #MAX_BYTES}. (Not every fill: TLS's
     * decrypted endpoint returns one record per fill, often one request.) From a fill that returned bytes for HTTP/2,
     * writes are held.
     */
    void filled(int filled, Connection connection) {
        filled(filled, connection instanceof HTTP2Connection);
    }

    /** {@link #filled(int, Connection)}, {@code http2} saying whether the connection is HTTP/2's. */
    void filled(int filled, boolean http2) {
        this.http2 = http2;
        boolean more = filled > 0 && http2;
        boolean release;
        synchronized (this) {
            release = !more || held != null && (bytesSinceHeld += filled) >= MAX_BYTES;
        }
        if (release) {
            release();
        }
        if (more) {
            synchronized (this) {
                reading = true;
            }
        }
    }

    void write(Callback callback, ByteBuffer... buffers) {
        boolean nonBlocking = Invocable.getInvocationType(callback) == Invocable.InvocationType.NON_BLOCKING;
        boolean deferred;
        boolean handOut;
        boolean onSelector;
        synchronized (this) {
            if (reading && held == null) {
                hold(callback, buffers);
                return;
            }
            deferred = deferrable(nonBlocking, buffers);
            handOut = deferred && !releaseQueued;
            // On the selector only if this write's callbacks may run there; a blocking one written by the selector's
            // own release goes to the pool.
            onSelector = nonBlocking && Thread.currentThread() != releasing;
            if (deferred) {
                hold(callback, buffers);
                releaseQueued = true;
            }
        }
        if (handOut) {
            deferral.later(() -> releaseDeferred(onSelector), onSelector);
        }
        if (!deferred) {
            writes.increment();
            writer.write(callback, buffers);
        }
    }

    /**
     * Whether a write made now, between reads, waits for a deferred release. Not the release's own next writes: those
     * are the flusher's passes over what queued meanwhile, issued at once — unless the release runs on the selector
     * and this write's callbacks may block (then it goes to the pool, whatever its size).
     */
    private boolean deferrable(boolean nonBlocking, ByteBuffer... buffers) {
        if (deferral == null || !http2 || held != null) {
            return false;
        }
        if (Thread.currentThread() == releasing) {
            return releasingNonBlockingOnly && !nonBlocking;
        }
        if (DEFERRABLE.get() == null) {
            return false;
        }
        long bytes = 0;
        for (ByteBuffer buffer : buffers) {
            bytes += buffer.remaining();
        }
        return bytes <= MAX_DEFERRED_BYTES;
    }

    /** A deferred release: issues the held write; the flusher's next passes, run by it, write at once. */
    private void releaseDeferred(boolean onSelector) {
        Held write;
        synchronized (this) {
            releaseQueued = false;
            write = take();
            if (write == null) {
                return;
            }
            releasing = Thread.currentThread();
            releasingNonBlockingOnly = onSelector;
        }
        try {
            issue(write);
        } finally {
            synchronized (this) {
                releasing = null;
            }
        }
    }

    /** Issues the held write, if any; on close it fails its callback (the flusher then fails what queued behind it). */
    void release() {
        Held write;
        synchronized (this) {
            reading = false;
            write = take();
        }
        if (write != null) {
            issue(write);
        }
    }

    /** Holds a write; the bytes read from now on count towards its release by {@link #MAX_BYTES}. Called holding this. */
    private void hold(Callback callback, ByteBuffer[] buffers) {
        held = new Held(callback, buffers);
        bytesSinceHeld = 0;
    }

    /** The held write, no longer held. Called holding this. */
    private Held take() {
        Held write = held;
        held = null;
        return write;
    }

    private void issue(Held write) {
        writes.increment();
        writer.write(write.callback(), write.buffers());
    }
}
