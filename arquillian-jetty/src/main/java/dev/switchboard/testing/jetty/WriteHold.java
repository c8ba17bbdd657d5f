package dev.switchboard.testing.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.Callback;

/**
 * What {@link BatchingEndPoint} holds, for an endpoint of any kind (the socket's, or TLS's decrypted one): on an HTTP/2
 * connection, from a fill that returned bytes until a fill that returns none (or one that brings the bytes read since
 * the hold to {@value #MAX_BYTES}), or close, the first write it is given. Why that is sound: {@link BatchingEndPoint}.
 */
final class WriteHold {

    /** How an endpoint writes past its hold: its superclass's {@code write}. */
    @FunctionalInterface
    interface Writer {
        void write(Callback callback, ByteBuffer... buffers);
    }

    /**
     * Bytes read after which a held write goes anyway: a client uploading more than its flow-control window waits for
     * the window updates the server writes, and holding them until the socket is drained would turn its upload into
     * stop-and-wait; within a few requests' worth the updates leave while the client still has window to send with.
     */
    static final int MAX_BYTES = 16 * 1024;

    private final Writer writer;
    private final LongAdder writes = new LongAdder();
    /** From a fill that returned bytes on an HTTP/2 connection to the release. Guarded by this. */
    private boolean reading;
    private Callback heldCallback;
    private ByteBuffer[] heldBuffers;
    /** Bytes read since the held write was held. */
    private long bytesSinceHeld;

    WriteHold(Writer writer) {
        this.writer = writer;
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
        boolean more = filled > 0 && http2;
        boolean release;
        synchronized (this) {
            release = !more || heldCallback != null && (bytesSinceHeld += filled) >= MAX_BYTES;
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
        synchronized (this) {
            if (reading && heldCallback == null) {
                heldCallback = callback;
                heldBuffers = buffers;
                bytesSinceHeld = 0;
                return;
            }
        }
        writes.increment();
        writer.write(callback, buffers);
    }

    /** Issues the held write, if any; on close it fails its callback (the flusher then fails what queued behind it). */
    void release() {
        Callback callback;
        ByteBuffer[] buffers;
        synchronized (this) {
            reading = false;
            callback = heldCallback;
            buffers = heldBuffers;
            heldCallback = null;
            heldBuffers = null;
        }
        if (callback != null) {
            writes.increment();
            writer.write(callback, buffers);
        }
    }
}
