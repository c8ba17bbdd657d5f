package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket endpoint that lets the answers to the requests of one read leave in one write (#22). Jetty's HTTP/2 parses
 * a whole read, then runs one task per request; every answer goes through the connection's {@code HTTP2Flusher},
 * which gathers only the frames queued while its previous write is pending. A call answered at once — on the thread
 * that parsed it, or by a pool thread while nothing else is being written — finds the flusher idle and costs a
 * {@code writev} of its own, which is more than half of a small unary call's server CPU (bench/NOTES.md); Netty
 * flushes once per read.
 * <p>
 * So on an HTTP/2 connection, from a {@code fill} that returned bytes until the connection's next {@code fill} (the
 * producer asking for more, once it has handed out the tasks of what it read) or close, this endpoint holds the first
 * write it is given and issues it then. Holding it keeps the flusher's write pending, so the answers of the other
 * requests of that read queue up behind it and leave in the flusher's next pass: two writes per read instead of one
 * per call.
 * <p>
 * Why that cannot stall an answer: the next {@code fill} does not depend on any task. Jetty's HTTP/2 producer runs a
 * task itself only when the task declares itself non-blocking (and non-blocking tasks do not wait for their own
 * writes); a blocking task gets the producer's thread only after production has passed to another thread
 * (execute-produce-consume), or runs on a pool thread. Either way the producer goes on to its next {@code fill}, which
 * releases the held write, within the time it takes to hand out one read's tasks. HTTP/1.1 is left alone: there the
 * thread that filled runs the request, which may block on its own response. Under TLS the connection on this endpoint
 * is the TLS one, so nothing is held there either.
 */
public final class BatchingEndPoint extends SocketChannelEndPoint {

    /** The system property that turns this off for {@link EmbeddedJetty}'s plaintext connector when "false". */
    public static final String PROPERTY = "switchboard.jetty.batch-writes";

    /** Between a fill that returned bytes and the next fill or close, on an HTTP/2 connection. Guarded by this. */
    private boolean reading;
    private Callback heldCallback;
    private ByteBuffer[] heldBuffers;
    private final LongAdder writes = new LongAdder();

    BatchingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** A connector with {@code factories} whose endpoints are {@code BatchingEndPoint}s (also bench/core-spike's). */
    public static ServerConnector connector(Server server, ConnectionFactory... factories) {
        return new BatchingConnector(server, factories);
    }

    /** Named, so that Jetty's logs ("Started BatchingConnector@…") say which connector it is. */
    private static final class BatchingConnector extends ServerConnector {

        BatchingConnector(Server server, ConnectionFactory... factories) {
            super(server, factories);
        }

        @Override
        protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
            BatchingEndPoint endpoint = new BatchingEndPoint(channel, selector, key, getScheduler());
            endpoint.setIdleTimeout(getIdleTimeout());
            return endpoint;
        }
    }

    /** Whether {@link EmbeddedJetty}'s plaintext connector uses these endpoints: unless {@value #PROPERTY} is false. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Writes this endpoint has issued to its socket (held ones once). For tests. */
    long writes() {
        return writes.sum();
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled = 0;
        try {
            filled = super.fill(buffer);
            return filled;
        } finally {
            // Release what the last read held before this read may hold again: a write that completes at once calls
            // the flusher back on this thread, and its next write (what queued behind the held one) goes out now.
            release();
            if (filled > 0 && getConnection() instanceof HTTP2Connection) {
                synchronized (this) {
                    reading = true;
                }
            }
        }
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        synchronized (this) {
            if (reading && heldCallback == null) {
                heldCallback = callback;
                heldBuffers = buffers;
                return;
            }
        }
        writes.increment();
        super.write(callback, buffers);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        // Closed: the held write fails its callback (the flusher then fails what queued behind it).
        release();
    }

    private void release() {
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
            super.write(callback, buffers);
        }
    }
}
