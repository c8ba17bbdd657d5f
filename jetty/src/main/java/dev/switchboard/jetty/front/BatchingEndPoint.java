package dev.switchboard.jetty.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

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
 * So on an HTTP/2 connection, from a {@code fill} that returned bytes until a {@code fill} that returns none (the
 * producer, having handed out the tasks of all it read, is about to wait for more; or {@value WriteHold#MAX_BYTES}
 * bytes later, for a client that keeps sending: see {@link WriteHold}) or close, this endpoint holds the first write
 * it is given and issues it then. Holding it keeps the flusher's write pending, so the answers of the other requests
 * of that read queue up behind it and leave in the flusher's next pass: two writes per read instead of one per call.
 * <p>
 * Why that cannot stall an answer: the producer's fills do not depend on any task. Jetty's HTTP/2 producer runs a
 * task itself only when the task declares itself non-blocking (and non-blocking tasks do not wait for their own
 * writes); a blocking task gets the producer's thread only after production has passed to another thread
 * (execute-produce-consume), or runs on a pool thread. Either way the producer goes on filling until the socket has
 * no more, which releases the held write, within the time it takes to hand out what the socket had. HTTP/1.1 is left
 * alone: there the thread that filled runs the request, which may block on its own response. Under TLS the
 * connection on this endpoint is the TLS one, and nothing is held here: {@link BatchingSslConnectionFactory} holds on
 * the decrypted side instead.
 * <p>
 * Between reads, a small write made through {@link WriteHold#deferrable} — {@link InlineGrpcFront}'s native gRPC
 * answers, written by Switchboard's pool after their read is over, and the answers nobody waits for of requests it
 * handed to the pool (Switchboard's JSON answers, sent as their request completes) — is held too, and issued by an
 * update of this connection's selector ({@link #later}), which runs before the selector next waits; the answers other
 * threads write meanwhile queue behind it in the flusher and leave in its next pass, made by that same update. That
 * is what Netty does with writes from outside its event loop. Other writers (a servlet's) may wait for each write,
 * and are not deferred: they would wait for the hand-off too. {@value #DEFER_PROPERTY}{@code =false} turns this part off.
 */
public final class BatchingEndPoint extends SocketChannelEndPoint {

    /** The system property that turns these endpoints off in the embedded Jetty's connectors when "false". */
    public static final String PROPERTY = "switchboard.jetty.batch-writes";

    /** The system property that turns off the deferral of writes between reads when "false". */
    public static final String DEFER_PROPERTY = "switchboard.jetty.defer-writes";

    private final ManagedSelector selector;
    private final Executor executor;
    /** {@link #later}, unless {@value #DEFER_PROPERTY} is false: then null, and writes between reads go at once. */
    private final WriteHold.Deferral deferral;
    private final WriteHold hold;

    BatchingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
            Executor executor) {
        super(channel, selector, key, scheduler);
        this.selector = selector;
        this.executor = executor;
        this.deferral = deferring() ? this::later : null;
        this.hold = new WriteHold(super::write, deferral);
    }

    /** Where this connection defers writes between reads, or null; also TLS's decrypted endpoint's on it. */
    WriteHold.Deferral deferral() {
        return deferral;
    }

    /**
     * Runs {@code task} later, off this thread: on this connection's selector if {@code nonBlocking} (the selector
     * runs it before its next select, waking up for it if it is waiting), else on the server's pool.
     */
    private void later(Runnable task, boolean nonBlocking) {
        if (nonBlocking) {
            selector.submit(ignored -> task.run());
        } else {
            executor.execute(task);
        }
    }

    /** A connector with {@code factories} whose endpoints are {@code BatchingEndPoint}s (also bench/core-spike's). */
    public static ServerConnector connector(Server server, ConnectionFactory... factories) {
        return connector(server, -1, -1, factories);
    }

    /** The same with {@code acceptors} and {@code selectors} threads (-1: Jetty's defaults, from the cores). */
    public static ServerConnector connector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        return new BatchingConnector(server, acceptors, selectors, factories);
    }

    /** Named, so that Jetty's logs ("Started BatchingConnector@…") say which connector it is. */
    private static final class BatchingConnector extends ServerConnector {

        BatchingConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
            super(server, acceptors, selectors, factories);
        }

        @Override
        protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
            BatchingEndPoint endpoint = new BatchingEndPoint(channel, selector, key, getScheduler(), getExecutor());
            endpoint.setIdleTimeout(getIdleTimeout());
            return endpoint;
        }
    }

    /** Whether the embedded Jetty's connectors use these endpoints: unless {@value #PROPERTY} is false. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * Whether writes between reads may be deferred: unless {@value #DEFER_PROPERTY} is false. Only writes made
     * through {@link WriteHold#deferrable} are: {@link InlineGrpcFront}'s native gRPC answers, and the answers it
     * was told nobody waits for.
     */
    static boolean deferring() {
        return !"false".equalsIgnoreCase(System.getProperty(DEFER_PROPERTY));
    }

    /** Writes this endpoint has issued to its socket (held ones once). For tests. */
    long writes() {
        return hold.writes();
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled = 0;
        try {
            filled = super.fill(buffer);
            return filled;
        } finally {
            hold.filled(filled, getConnection());
        }
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        hold.write(callback, buffers);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        hold.release();
    }
}
