package dev.switchboard.internal.grpc;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Status;
import io.grpc.internal.ReadableBuffers;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a unary call's request body into grpc-core's deframer without blocking; no buffer is held between reads.
 * Where the request's end is delivered decides where inline service code runs: within the dispatch of
 * {@link UnaryStream#start} (the body was there already, the usual case), Jetty tells a client's reset at once; in a
 * later read callback Jetty holds that news until the callback returns (its read callbacks and failure listeners are
 * serialized), so the end is then handed to {@code offReadCallback}. A body that has not all arrived has its
 * {@link BodyBudget}.
 *
 * <p>The static methods read what has arrived within the dispatch ({@link UnaryStream#serveInDispatch}), where no
 * listener is set unless more is to come. Shares the lock of the stream's {@link UnaryResponse}.
 */
final class RequestReader implements ReadListener {

    private static final Logger LOG = Logger.getLogger(RequestReader.class.getName());

    private final UnaryStream stream;
    private final Executor offReadCallback;
    private volatile boolean ended;
    // guarded by the response's lock
    private ScheduledFuture<?> late;

    RequestReader(UnaryStream stream, Executor offReadCallback) {
        this.stream = stream;
        this.offReadCallback = offReadCallback;
    }

    /**
     * What has arrived of the request into the deframer, without blocking; the end of the body runs the call
     * (halfClose) on this thread. False when more is to come.
     */
    static boolean readArrived(UnaryStream stream) throws IOException {
        ServletInputStream in = stream.req.getInputStream();
        while (true) {
            if (stream.response().responded()) {
                return true; // the deframer refused the request (too large, malformed): the rest stays unread
            }
            // available() reads what the connection has without blocking (Undertow), and says 0 at the end too
            if (in.available() > 0) {
                if (!readChunk(stream, in)) {
                    break;
                }
            } else if (in.isFinished()) {
                break;
            } else {
                return false;
            }
        }
        deliverEnd(stream);
        return true;
    }

    /**
     * One read into the deframer, in a buffer of its own (the deframer may keep it until the message is complete);
     * false at the end of the body. Sized by what the container has ready: most requests are a few bytes, so a fixed
     * minimum would be the largest allocation of a small call.
     */
    private static boolean readChunk(UnaryStream stream, ServletInputStream in) throws IOException {
        int available = in.available();
        byte[] chunk = new byte[available > 0 ? Math.min(available, 64 * 1024) : 512];
        int n = in.read(chunk);
        if (n < 0) {
            return false;
        }
        if (n > 0) {
            SerializedServerStream.State state = stream.transportState();
            state.runOnTransportThread(() -> state.inboundDataReceived(ReadableBuffers.wrap(chunk, 0, n), false));
        }
        return true;
    }

    /** The end of the request to the deframer: the call's half-close, which starts a unary service. */
    private static void deliverEnd(UnaryStream stream) {
        SerializedServerStream.State state = stream.transportState();
        state.runOnTransportThread(() -> state.inboundDataReceived(ReadableBuffers.empty(), true));
    }

    /** Unless the body has all arrived: the call ends with DEADLINE_EXCEEDED if it has not within the budget. */
    void budget() {
        UnaryResponse response = stream.response();
        synchronized (response) {
            if (!ended && !response.responded()) {
                late = stream.bodyBudget.schedule(() -> {
                    synchronized (response) {
                        if (ended) {
                            return;
                        }
                        ended = true;
                    }
                    stream.abort(Status.DEADLINE_EXCEEDED.withDescription(stream.bodyBudget.late()));
                });
            }
        }
    }

    /** Reads what is there now, in the dispatch (non-blocking mode allows reading whenever isReady() is true). */
    void readNow() throws IOException {
        if (read()) {
            end(true);
        }
    }

    @Override
    public void onDataAvailable() throws IOException {
        try {
            read();
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    /**
     * A read callback failed with what is not the client's doing. Escaping into the container, it would end the
     * stream without a word (Undertow closes its channel) and leave the call open: the call ends with INTERNAL instead.
     */
    private void refused(RuntimeException e) {
        LOG.log(Level.WARNING, "gRPC request not read: the container refused it", e);
        stream.abort(Status.INTERNAL.withDescription("request not read: " + e).withCause(e));
    }

    /** Reads while the container has data; true at the end of the body. */
    private boolean read() throws IOException {
        ServletInputStream in = stream.req.getInputStream();
        while (!ended && in.isReady()) {
            if (!readChunk(stream, in)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onAllDataRead() {
        try {
            end(false);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    private void end(boolean inDispatch) {
        synchronized (stream.response()) {
            if (ended) {
                return;
            }
            ended = true;
            if (late != null) {
                late.cancel(false);
            }
        }
        if (inDispatch || offReadCallback == null) {
            deliverEnd(stream);
        } else {
            offReadCallback.execute(() -> deliverEnd(stream));
        }
    }

    @Override
    public void onError(Throwable t) {
        stream.abort(Status.CANCELLED.withDescription("request not read: " + t).withCause(t));
    }
}
