package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The question behind it (#22): what would answering the calls parsed from one read with one write buy a Jetty
 * server whose handler answers on the parsing thread? Jetty's HTTP/2 parses a whole read, then runs one task per
 * request; each answer goes through {@code HTTP2Flusher}, which gathers only the frames queued while its previous
 * write is pending — so with calls answered inline every answer is a {@code writev} of its own, where Netty flushes
 * once per read.
 * <p>
 * This endpoint holds the first write made by the thread that is parsing this connection's bytes (a {@code fill} that
 * returned data, until the {@code fill} that returns none, which is when the producer is about to wait for more) and
 * issues it once that read is over. Holding it keeps the flusher's write pending, so the answers of the other calls
 * from the same read queue up behind it and go in the flusher's next pass: two writes per read instead of one per
 * call. An experiment for bench/compare (#22), off unless {@code -Dswitchboard.jetty.batch-writes=true}, and meant
 * only behind {@link InlineGrpcFront} ({@code -Dswitchboard.jetty.inline-grpc=true}); bench/core-spike's {@code -batched} variants use it too.
 * It is sound where every task runs on the parsing thread and nothing it runs waits for its own write; a thread that
 * stopped producing while still marked (Jetty's execute-produce-consume hand-off, on a blocking server) would hold an
 * answer until the connection's next read.
 */
public final class BatchingEndPoint extends SocketChannelEndPoint {

    /** The endpoint whose bytes this thread is parsing, if any. */
    private static final ThreadLocal<BatchingEndPoint> PARSING = new ThreadLocal<>();

    private Callback heldCallback;
    private ByteBuffer[] heldBuffers;

    BatchingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** A connector with {@code factories} whose endpoints are {@code BatchingEndPoint}s (also bench/core-spike's). */
    public static ServerConnector connector(Server server, ConnectionFactory... factories) {
        return new ServerConnector(server, factories) {
            @Override
            protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
                BatchingEndPoint endpoint = new BatchingEndPoint(channel, selector, key, getScheduler());
                endpoint.setIdleTimeout(getIdleTimeout());
                return endpoint;
            }
        };
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        int filled;
        try {
            filled = super.fill(buffer);
        } catch (IOException | RuntimeException e) {
            PARSING.remove();
            release();
            throw e;
        }
        if (filled > 0) {
            PARSING.set(this);
        } else {
            PARSING.remove();
            release();
        }
        return filled;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        if (PARSING.get() == this) {
            synchronized (this) {
                if (heldCallback == null) {
                    heldCallback = callback;
                    heldBuffers = buffers;
                    return;
                }
            }
        }
        super.write(callback, buffers);
    }

    private void release() {
        Callback callback;
        ByteBuffer[] buffers;
        synchronized (this) {
            callback = heldCallback;
            buffers = heldBuffers;
            heldCallback = null;
            heldBuffers = null;
        }
        if (callback != null) {
            super.write(callback, buffers);
        }
    }
}
