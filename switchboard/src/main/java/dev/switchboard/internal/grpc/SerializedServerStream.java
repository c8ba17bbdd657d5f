package dev.switchboard.internal.grpc;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.common.util.concurrent.MoreExecutors;

import io.grpc.Attributes;
import io.grpc.Status;
import io.grpc.internal.AbstractServerStream;
import io.grpc.internal.SerializingExecutor;
import io.grpc.internal.StatsTraceContext;
import io.grpc.internal.TransportTracer;

/**
 * What Switchboard's own server streams share — unary on the servlet API ({@link UnaryStream}) and on a native
 * exchange ({@link NativeUnaryStream}), streaming on a native exchange ({@link NativeStreamingStream}): grpc-core's
 * inbound side, run serialized on whichever container thread delivers ({@link State}), the stream's attributes and
 * authority, and {@link #abort}, which a request the deframer refuses ends the call with.
 */
abstract class SerializedServerStream extends AbstractServerStream {

    private static final Logger LOG = Logger.getLogger(SerializedServerStream.class.getName());

    /**
     * What grpc-core's stream reports its messages to. grpc-core's transports keep one per connection, for channelz;
     * Switchboard serves no channelz, so nothing reads it, and keeps one for all its streams — one per stream cost
     * each call and each open stream ≈ 200 bytes (bench/NOTES.md, 2026-12-07). Streams on different threads report
     * to it at once, and only its received-message count is atomic: the other counts may lose updates, which is
     * harmless while nothing reads them (side by side it cost nothing measurable).
     */
    private static final TransportTracer TRACER = new TransportTracer();

    private final State state;
    private final Attributes attributes;
    private final String authority;

    SerializedServerStream(int maxInboundMessageSize, StatsTraceContext stats, Attributes attributes, String authority) {
        super(FrameBuffer::new, stats);
        this.state = new State(maxInboundMessageSize, stats);
        this.attributes = attributes;
        this.authority = authority;
    }

    /** Cancels the call from the transport's side (client gone, I/O failed, request refused) and ends the exchange. */
    abstract void abort(Status status);

    /**
     * The deframer has taken {@code numBytes} more of the request out of what the stream gave it (on the serialized
     * inbound side). A unary stream ignores it: the container's HTTP/2 window covers its one unread message.
     */
    void bytesRead(int numBytes) {
    }

    @Override
    protected final State transportState() {
        return state;
    }

    @Override
    public final Attributes getAttributes() {
        return attributes;
    }

    @Override
    public final String getAuthority() {
        return authority;
    }

    @Override
    public final int streamId() {
        return -1;
    }

    /** grpc-core's inbound side of the stream, run serialized on whichever container thread delivers. */
    final class State extends AbstractServerStream.TransportState {
        private final SerializingExecutor serializer = new SerializingExecutor(MoreExecutors.directExecutor());

        State(int maxMessageSize, StatsTraceContext stats) {
            super(maxMessageSize, stats, TRACER);
        }

        @Override
        public void runOnTransportThread(Runnable r) {
            serializer.execute(r);
        }

        @Override
        public void bytesRead(int numBytes) {
            SerializedServerStream.this.bytesRead(numBytes);
        }

        @Override
        public void deframeFailed(Throwable cause) {
            LOG.log(Level.FINE, "gRPC request could not be read", cause);
            abort(Status.fromThrowable(cause));
        }
    }
}
