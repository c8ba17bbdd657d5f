package dev.switchboard.internal.jetty;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.grpc.NativeExchange;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A {@link NativeExchange} on Jetty 12.1's core API: the body read chunk by chunk with {@code Request.read}/{@code
 * demand} (each chunk handed over and released at once, nothing buffered here; no demand while the receiver wants no
 * more, which leaves the rest in the client's HTTP/2 window), the answer as response headers, a trailers supplier and
 * {@code Response.write}s — one last one for a unary call, one per send of a streamed answer, whose callback Jetty
 * completes when the client's window took the bytes —, the exchange ended by completing Jetty's {@code Callback}.
 * <p>
 * Everything here runs on Jetty's threads, inside its I/O callbacks: what Switchboard's receivers throw is logged and
 * ends the exchange (the client sees its stream reset), never thrown back into Jetty.
 */
final class JettyExchange implements NativeExchange {

    private static final Logger LOG = Logger.getLogger(JettyExchange.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** The largest body HTTP/2 always sends as one DATA frame: the least SETTINGS_MAX_FRAME_SIZE a peer may set. */
    static final int ONE_FRAME = 16_384;

    private final Request request;
    private final Response response;
    private final Callback callback;
    /** Whether Jetty's callback is completed (answered or reset): it must be, exactly once. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Whether Switchboard used this exchange at all ({@link JettyGrpcHandler} may still pass the request on if not). */
    private volatile boolean touched;
    private Body body;
    /** A streamed answer's trailers, once {@link #finish} has them. */
    private volatile HttpFields trailers;
    /** Whether reading stopped because the receiver wanted no more ({@link #resumeReading} demands again). */
    private final AtomicBoolean paused = new AtomicBoolean();

    JettyExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    boolean touched() {
        return touched;
    }

    @Override
    public void read(Body receiver) {
        touched = true;
        this.body = receiver;
        readAvailable();
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public void resumeReading() {
        if (paused.compareAndSet(true, false)) {
            demand();
        }
    }

    /**
     * Asks Jetty to call {@link #readAvailable} when there is more. As a blocking task unless the receiver says its
     * callbacks never block: then Jetty may call it on the thread that parses the connection's frames, saving a hand-off
     * to its pool per read.
     */
    private void demand() {
        if (body.mayBlock()) {
            request.demand(this::readAvailable);
        } else {
            request.demand(Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::readAvailable));
        }
    }

    /**
     * Whether to stop reading because the receiver wants no more: then marked paused — and unpaused again at once if
     * it changed its mind meanwhile, since its {@link #resumeReading} may have come before the mark.
     */
    private boolean pause() {
        if (body.wantsMore()) {
            return false;
        }
        paused.set(true);
        return !body.wantsMore() || !paused.compareAndSet(true, false);
    }

    /**
     * Hands over what Jetty has read, then asks to be called again when there is more. Jetty calls the demand
     * callback once per demand, one at a time, so this never runs twice at once.
     */
    private void readAvailable() {
        try {
            while (!ended.get()) {
                if (pause()) {
                    return;
                }
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    demand();
                    return;
                }
                Throwable failure = chunk.getFailure();
                if (failure != null) {
                    // the client reset the stream, the connection failed or timed out: the receiver decides, nothing to
                    // log. An idle timeout while Switchboard waits for the client comes as a transient failure: the
                    // exchange may still answer.
                    if (!chunk.isLast() && failure instanceof TimeoutException timeout) {
                        body.idle(timeout);
                    } else {
                        body.failed(failure);
                    }
                    return;
                }
                try {
                    ByteBuffer bytes = chunk.getByteBuffer();
                    if (bytes.hasRemaining()) {
                        body.data(bytes);
                    }
                } finally {
                    chunk.release();
                }
                if (chunk.isLast()) {
                    body.end();
                    return;
                }
            }
        } catch (Throwable e) {
            fail("reading a request body", e);
        }
    }

    @Override
    public void respond(List<String> headers, byte[] bytes, int length, List<String> trailers, Consumer<Throwable> done) {
        touched = true;
        try {
            response.setStatus(200);
            addAll(response.getHeaders(), headers);
            if (trailers != null) {
                HttpFields.Mutable fields = HttpFields.build();
                addAll(fields, trailers);
                response.setTrailersSupplier(() -> fields);
            }
            ByteBuffer content = length == 0 ? EMPTY : ByteBuffer.wrap(bytes, 0, length);
            // Non-blocking callbacks, so that Jetty completes them on the thread that wrote, not through its pool.
            Callback last = Callback.from(Invocable.InvocationType.NON_BLOCKING, () -> complete(null, done),
                    failure -> complete(failure, done));
            if (trailers == null || length <= ONE_FRAME) {
                // One last write: Jetty queues HEADERS, DATA and the trailing HEADERS at once; with no trailers, a
                // trailers-only answer (HEADERS with END_STREAM).
                response.write(true, content, last);
            } else {
                // Jetty 12.1's HTTP/2 flusher sends the frames of one write in a single pass over its queue, one DATA
                // frame per entry and pass: the trailers of a body longer than a frame would overtake the rest of it
                // (grpc-java then fails the call: "content-length header" mismatch). So the trailers go once the body is
                // written.
                response.write(false, content, Callback.from(Invocable.InvocationType.NON_BLOCKING,
                        () -> response.write(true, EMPTY, last), failure -> complete(failure, done)));
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "Switchboard could not answer a gRPC call on Jetty's core API", e);
            complete(e, done);
        }
    }

    /**
     * Tells Switchboard the write's outcome, then ends the exchange: Jetty recycles the request once its callback is
     * completed, and Switchboard may still look at the servlet request when it is told.
     */
    private void complete(Throwable failure, Consumer<Throwable> done) {
        boolean first = ended.compareAndSet(false, true);
        try {
            done.accept(failure);
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "Switchboard failed after answering a gRPC call on Jetty's core API", e);
        }
        if (first) {
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
        }
    }

    @Override
    public void begin(List<String> headers) {
        touched = true;
        response.setStatus(200);
        addAll(response.getHeaders(), headers);
        // Jetty's HTTP/2 takes the supplier when the headers leave, with the first send; it asks for the trailers
        // with the last write.
        response.setTrailersSupplier(() -> trailers);
    }

    @Override
    public void send(byte[] bytes, int length, Consumer<Throwable> done) {
        touched = true;
        ByteBuffer content = length == 0 ? EMPTY : ByteBuffer.wrap(bytes, 0, length);
        // Non-blocking: Jetty completes it where the write completed — often the thread that parses the connection,
        // when a WINDOW_UPDATE lets the rest go — and Switchboard hands on from there whatever may block.
        response.write(false, content, Callback.from(Invocable.InvocationType.NON_BLOCKING, () -> done.accept(null),
                failure -> complete(failure, done)));
    }

    @Override
    public void finish(List<String> trailers, Consumer<Throwable> done) {
        touched = true;
        HttpFields.Mutable fields = HttpFields.build();
        addAll(fields, trailers);
        this.trailers = fields;
        // Alone, after every send has completed: the trailers of a write can overtake its body (see respond).
        response.write(true, EMPTY, Callback.from(Invocable.InvocationType.NON_BLOCKING, () -> complete(null, done),
                failure -> complete(failure, done)));
    }

    @Override
    public void reset(Throwable cause) {
        touched = true;
        if (ended.compareAndSet(false, true)) {
            // An abort: Jetty resets the HTTP/2 stream (closes an HTTP/1.1 connection) instead of writing an error page.
            callback.failed(new Request.Handler.AbortException("gRPC call ended unanswered", cause));
        }
    }

    @Override
    public void watchFailure(Consumer<Throwable> onFailure) {
        touched = true;
        request.addFailureListener(failure -> {
            if (ended.get()) {
                return;
            }
            try {
                onFailure.accept(failure);
            } catch (Throwable e) {
                fail("handling a client's reset", e);
            }
        });
    }

    /** Switchboard's own failure on a Jetty thread: logged, and the exchange ends (the client sees a reset). */
    private void fail(String during, Throwable e) {
        LOG.log(Level.WARNING, "Switchboard failed " + during + " on Jetty's core API; resetting the call", e);
        reset(e);
    }

    private static void addAll(HttpFields.Mutable fields, List<String> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            fields.add(pairs.get(i), pairs.get(i + 1));
        }
    }
}
