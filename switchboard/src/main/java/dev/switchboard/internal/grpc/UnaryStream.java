package dev.switchboard.internal.grpc;

import dev.switchboard.internal.container.ServletContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.common.util.concurrent.MoreExecutors;

import io.grpc.Attributes;
import io.grpc.InternalStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.AbstractServerStream;
import io.grpc.internal.GrpcUtil;
import io.grpc.internal.ReadableBuffers;
import io.grpc.internal.SerializingExecutor;
import io.grpc.internal.StatsTraceContext;
import io.grpc.internal.TransportFrameUtil;
import io.grpc.internal.TransportTracer;
import io.grpc.internal.WritableBuffer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One unary gRPC call on the servlet API (see {@link UnaryTransport}). Reads the request with a non-blocking
 * {@link ReadListener} into grpc-core's deframer; keeps what the call writes (headers, the one message, trailers)
 * until the call closes, then writes the whole response at once with a non-blocking {@link WriteListener} — so a
 * unary call costs the container one write, and a slow client holds no thread.
 *
 * <p>On containers where an async cycle costs thread hand-offs (Undertow: every non-blocking read, write and
 * completion is a task on an I/O thread), {@link #serveInDispatch} serves the call the way a plain servlet does
 * instead: it reads the request that has arrived on the container's request thread, lets the call run there, and
 * writes its answer blocking before the dispatch returns. Only a call whose body is still on its way, or that has not
 * answered by then, goes asynchronous — never a blocking read, which a client sending slowly would hold the thread
 * with. A body has its {@link BodyBudget} to arrive once the dispatch is over, else the call ends with
 * DEADLINE_EXCEEDED.
 *
 * <p>Threads: servlet callbacks arrive on container threads, the call's writes on whichever thread runs service code;
 * grpc-core's inbound side runs serialized ({@link #runOnTransportThread}), the response under this object's lock.
 *
 * <p>Over ~400 lines: its seams are the request reading (non-blocking and in-dispatch, with the body budget), the
 * response collection and writing, and grpc-core's transport state; they are split out with the package layout of
 * issue #18 (internal.grpc), not before, so that the move happens once.
 */
final class UnaryStream extends AbstractServerStream {

    private static final Logger LOG = Logger.getLogger(UnaryStream.class.getName());
    private static final String CONTENT_TYPE = "application/grpc";

    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final State state;
    private final Sink sink = new Sink();
    private final Attributes attributes;
    private final String authority;

    // Guarded by this: the response as the call produced it, and how far writing it got.
    private Metadata responseHeaders;
    private final List<FrameBuffer> frames = new ArrayList<>(1);
    private byte[] body;
    private int bodyLength;
    private boolean responded;
    private boolean written;
    private boolean completed;
    /** Null while {@link #serveInDispatch} has the exchange; set before the container's dispatch returns. */
    private AsyncContext async;
    /** While {@link #serveInDispatch} runs: the answer waits for {@link #leaveDispatch}, which writes it blocking. */
    private boolean dispatching;

    private final BodyBudget bodyBudget;

    UnaryStream(HttpServletRequest req, HttpServletResponse resp, int maxInboundMessageSize, StatsTraceContext stats,
            Attributes attributes, String authority, BodyBudget bodyBudget) {
        super(FrameBuffer::new, stats);
        this.bodyBudget = bodyBudget;
        this.req = req;
        this.resp = resp;
        this.state = new State(maxInboundMessageSize, stats);
        this.attributes = attributes;
        this.authority = authority;
    }

    /**
     * Before grpc-core has the stream (an interceptor may answer from {@code startCall}): either goes asynchronous now
     * ({@code inDispatch} false; {@code asyncTimeoutMillis} is the container's backstop, 0 none), or holds any answer
     * for {@link #serveInDispatch} to write.
     */
    void begin(boolean inDispatch, long asyncTimeoutMillis) throws IOException {
        synchronized (this) {
            if (inDispatch) {
                dispatching = true;
            } else {
                goAsync(asyncTimeoutMillis);
            }
        }
    }

    /** After grpc-core has the stream, asynchronous: start reading and watching the exchange. */
    void start(UnaryTransport.ClientReset reset, ServletContainer container, Executor offReadCallback,
            boolean readInDispatch) throws IOException {
        state.runOnTransportThread(state::onStreamAllocated);
        // A client's reset must reach the call while it runs: the servlet API's onError waits for the dispatch running
        // inline service code (Jetty), or never comes (Undertow).
        container.watchReset(req, reset.context(), failure -> {
            Status cancelled = Status.CANCELLED.withDescription("the client went away").withCause(failure);
            reset.cancel(cancelled.asRuntimeException());
            abort(cancelled);
        });
        RequestReader reader = new RequestReader(offReadCallback);
        req.getInputStream().setReadListener(reader);
        if (readInDispatch) {
            reader.readNow();
        }
        reader.budget();
    }

    /**
     * After grpc-core has the stream, {@link #begin begun} in the dispatch: serves the call there, as a plain servlet
     * would — the request read blocking, the call's service code on this thread (the executor permitting), the answer
     * written blocking before returning. A call that has not answered by then continues asynchronously, as one
     * {@link #start started} so. Only when the dispatch may run service code (see UnaryTransport#serve).
     */
    void serveInDispatch(UnaryTransport.ClientReset reset, ServletContainer container, long asyncTimeoutMillis,
            Executor offReadCallback) throws IOException {
        state.runOnTransportThread(state::onStreamAllocated);
        if (reset.context() != null) {
            // While service code runs here, a client's reset reaches nothing the servlet API sees (Undertow).
            container.watchReset(req, reset.context(), reset::cancel);
        }
        boolean whole = true;
        try {
            whole = readArrived();
        } catch (IOException e) {
            abort(Status.CANCELLED.withDescription("request not read: " + e).withCause(e));
        }
        leaveDispatch(asyncTimeoutMillis);
        if (!whole) {
            // The rest of the body is on its way: read it as it comes, on no thread in between.
            RequestReader reader = new RequestReader(offReadCallback);
            req.getInputStream().setReadListener(reader);
            reader.budget();
        }
    }

    /**
     * What has arrived of the request into the deframer, without blocking; the end of the body runs the call
     * (halfClose) on this thread. False when more is to come.
     */
    private boolean readArrived() throws IOException {
        ServletInputStream in = req.getInputStream();
        while (true) {
            synchronized (this) {
                if (responded) {
                    return true; // the deframer refused the request (too large, malformed): the rest stays unread
                }
            }
            // available() reads what the connection has without blocking (Undertow), and says 0 at the end too
            if (in.available() > 0) {
                if (!readChunk(in)) {
                    break;
                }
            } else if (in.isFinished()) {
                break;
            } else {
                return false;
            }
        }
        deliverEnd();
        return true;
    }

    /**
     * One read into the deframer, in a buffer of its own (the deframer may keep it until the message is complete);
     * false at the end of the body. Sized by what the container has ready: most requests are a few bytes, and a
     * fixed 512-byte minimum was the largest allocation of a small call.
     */
    private boolean readChunk(ServletInputStream in) throws IOException {
        int available = in.available();
        byte[] chunk = new byte[available > 0 ? Math.min(available, 64 * 1024) : 512];
        int n = in.read(chunk);
        if (n < 0) {
            return false;
        }
        if (n > 0) {
            state.runOnTransportThread(() -> state.inboundDataReceived(ReadableBuffers.wrap(chunk, 0, n), false));
        }
        return true;
    }

    /** The end of the request to the deframer: the call's half-close, which starts a unary service. */
    private void deliverEnd() {
        state.runOnTransportThread(() -> state.inboundDataReceived(ReadableBuffers.empty(), true));
    }

    /** The dispatch ends: the answer written blocking if the call has one, else the exchange goes asynchronous. */
    private void leaveDispatch(long asyncTimeoutMillis) {
        byte[] answer;
        int answerLength;
        synchronized (this) {
            dispatching = false;
            if (!responded) {
                try {
                    goAsync(asyncTimeoutMillis);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "gRPC call could not go asynchronous", e);
                    abort(Status.INTERNAL.withDescription("the call could not continue asynchronously: " + e).withCause(e));
                }
                return;
            }
            if (completed || written) {
                return; // aborted: what commit set goes out when the dispatch returns
            }
            written = true;
            // taken under the lock: an abort from another thread (a deadline) releases the body (finish)
            answer = body;
            answerLength = bodyLength;
        }
        try {
            if (answerLength > 0) {
                resp.getOutputStream().write(answer, 0, answerLength);
                int sent = answerLength;
                state.runOnTransportThread(() -> state.onSentBytes(sent));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "gRPC response not written", e);
            abort(Status.UNAVAILABLE.withDescription("response not written: " + e).withCause(e));
            return;
        }
        synchronized (this) {
            finish();
        }
        state.runOnTransportThread(state::complete);
    }

    /** Starts the async cycle; the answer is then written by {@link #drain} when the container is ready. Holds the lock. */
    private void goAsync(long asyncTimeoutMillis) throws IOException {
        async = req.startAsync(req, resp);
        async.setTimeout(asyncTimeoutMillis);
        async.addListener(new ExchangeListener());
        resp.getOutputStream().setWriteListener(new ResponseWriter());
    }

    @Override
    protected State transportState() {
        return state;
    }

    @Override
    protected Sink abstractServerStreamSink() {
        return sink;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public String getAuthority() {
        return authority;
    }

    @Override
    public int streamId() {
        return -1;
    }

    /** Cancels the call from the transport's side (client gone, I/O failed) and ends the exchange. */
    private void abort(Status status) {
        state.runOnTransportThread(() -> state.transportReportStatus(status));
        synchronized (this) {
            if (!responded) {
                // The servlet API cannot reset a stream: answer with the status instead, as grpc-servlet does.
                responded = true;
                commit(new Metadata(), status, false);
            }
            finish();
        }
    }

    /** Sets status, headers and trailers on the servlet response and prepares the body. Holds the lock. */
    private void commit(Metadata trailers, Status status, boolean headersSent) {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(CONTENT_TYPE);
        if (!headersSent) {
            // Trailers-only: grpc-status and the rest go in the headers, no body.
            addStatus(trailers, status);
            addHeaders(trailers);
            return;
        }
        addHeaders(responseHeaders);
        Map<String, String> trailerFields = new HashMap<>();
        forEachHeader(trailers, (name, value) -> trailerFields.merge(name, value, (a, b) -> a + "," + b));
        resp.setTrailerFields(() -> trailerFields);
        if (frames.size() == 1) {
            // The usual case (a message up to 1 MiB): write the framer's buffer as it is, no copy.
            body = frames.get(0).bytes;
            bodyLength = frames.get(0).length;
        } else {
            for (FrameBuffer frame : frames) {
                bodyLength += frame.length;
            }
            body = new byte[bodyLength];
            int at = 0;
            for (FrameBuffer frame : frames) {
                System.arraycopy(frame.bytes, 0, body, at, frame.length);
                at += frame.length;
            }
        }
        frames.clear();
    }

    private static void addStatus(Metadata trailers, Status status) {
        // AbstractServerStream.close has put the status in already; cancellations made here have not.
        if (!trailers.containsKey(InternalStatus.CODE_KEY)) {
            trailers.put(InternalStatus.CODE_KEY, status);
            if (status.getDescription() != null) {
                trailers.put(InternalStatus.MESSAGE_KEY, status.getDescription());
            }
        }
    }

    private void addHeaders(Metadata metadata) {
        if (metadata == null) {
            return;
        }
        // The transport's own headers are not the application's to set.
        metadata.discardAll(GrpcUtil.CONTENT_TYPE_KEY);
        metadata.discardAll(GrpcUtil.TE_HEADER);
        metadata.discardAll(GrpcUtil.USER_AGENT_KEY);
        forEachHeader(metadata, resp::addHeader);
    }

    private static void forEachHeader(Metadata metadata, java.util.function.BiConsumer<String, String> action) {
        byte[][] serialized = TransportFrameUtil.toHttp2Headers(metadata);
        for (int i = 0; i < serialized.length; i += 2) {
            action.accept(new String(serialized[i], StandardCharsets.US_ASCII), new String(serialized[i + 1], StandardCharsets.US_ASCII));
        }
    }

    /** Writes the prepared body when the container is ready for it, then completes. Holds the lock. */
    private void drain() {
        if (!responded || completed || dispatching) {
            return;
        }
        try {
            // isReady() == false obliges the container to call onWritePossible later, which drains again. It is asked
            // before every step, the last one included: onWritePossible also comes once when the listener is set, and
            // that call may arrive while the body's write is still under way (a reply larger than the client's
            // HTTP/2 window waits for its WINDOW_UPDATEs); completing then makes Jetty reset the stream.
            ServletOutputStream out = resp.getOutputStream();
            if (!out.isReady()) {
                return;
            }
            if (!written) {
                written = true;
                if (bodyLength > 0) {
                    out.write(body, 0, bodyLength);
                    int sent = bodyLength;
                    state.runOnTransportThread(() -> state.onSentBytes(sent));
                    if (!out.isReady()) {
                        return;
                    }
                }
            }
            finish();
            state.runOnTransportThread(state::complete);
        } catch (IOException e) {
            LOG.log(Level.FINE, "gRPC response not written", e);
            abort(Status.UNAVAILABLE.withDescription("response not written: " + e).withCause(e));
        }
    }

    /** Ends the exchange once (in the dispatch: the container ends it when the dispatch returns). Holds the lock. */
    private void finish() {
        if (!completed) {
            completed = true;
            body = null;
            if (async != null) {
                async.complete();
            }
        }
    }

    /** What grpc-core writes through: collected, then written by {@link #drain} when the call closes. */
    private final class Sink implements AbstractServerStream.Sink {
        @Override
        public void writeHeaders(Metadata headers, boolean flush) {
            synchronized (UnaryStream.this) {
                responseHeaders = headers;
            }
        }

        @Override
        public void writeFrame(WritableBuffer frame, boolean flush, int numMessages) {
            if (frame == null) {
                return;
            }
            int size = frame.readableBytes();
            if (size > 0) {
                onSendingBytes(size);
            }
            synchronized (UnaryStream.this) {
                if (!responded) {
                    frames.add((FrameBuffer) frame);
                }
            }
        }

        @Override
        public void writeTrailers(Metadata trailers, boolean headersSent, Status status) {
            synchronized (UnaryStream.this) {
                if (responded) {
                    return;
                }
                responded = true;
                commit(trailers, status, headersSent);
                drain();
            }
        }

        @Override
        public void cancel(Status status) {
            // grpc-core cancels (a deadline passed, the server shut down): the call ends, the client gets the status.
            abort(status);
        }
    }

    /** grpc-core's inbound side of the stream, run serialized on whichever container thread delivers. */
    final class State extends AbstractServerStream.TransportState {
        private final SerializingExecutor serializer = new SerializingExecutor(MoreExecutors.directExecutor());

        State(int maxMessageSize, StatsTraceContext stats) {
            super(maxMessageSize, stats, new TransportTracer());
        }

        @Override
        public void runOnTransportThread(Runnable r) {
            serializer.execute(r);
        }

        @Override
        public void bytesRead(int numBytes) {
            // No flow control to give back: the container's HTTP/2 window covers the unread request.
        }

        @Override
        public void deframeFailed(Throwable cause) {
            LOG.log(Level.FINE, "gRPC request could not be read", cause);
            abort(Status.fromThrowable(cause));
        }
    }

    /**
     * Request body → deframer; no buffer held between reads. Where the request's end is delivered decides where
     * inline service code runs: within the dispatch of {@link #start} (the body was there already, the usual case),
     * Jetty tells a client's reset at once; in a later read callback Jetty holds that news until the callback returns
     * (its read callbacks and failure listeners are serialized), so the end is then handed to {@code offReadCallback}.
     */
    private final class RequestReader implements ReadListener {
        private final Executor offReadCallback;
        private volatile boolean ended;

        private java.util.concurrent.ScheduledFuture<?> late;

        RequestReader(Executor offReadCallback) {
            this.offReadCallback = offReadCallback;
        }

        /** Unless the body has all arrived: the call ends with DEADLINE_EXCEEDED if it has not within the budget. */
        void budget() {
            synchronized (UnaryStream.this) {
                if (!ended && !responded) {
                    late = bodyBudget.schedule(() -> {
                        synchronized (UnaryStream.this) {
                            if (ended) {
                                return;
                            }
                            ended = true;
                        }
                        abort(Status.DEADLINE_EXCEEDED.withDescription(bodyBudget.late()));
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
            read();
        }

        /** Reads while the container has data; true at the end of the body. */
        private boolean read() throws IOException {
            ServletInputStream in = req.getInputStream();
            while (!ended && in.isReady()) {
                if (!readChunk(in)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void onAllDataRead() {
            end(false);
        }

        private void end(boolean inDispatch) {
            synchronized (UnaryStream.this) {
                if (ended) {
                    return;
                }
                ended = true;
                if (late != null) {
                    late.cancel(false);
                }
            }
            if (inDispatch || offReadCallback == null) {
                deliverEnd();
            } else {
                offReadCallback.execute(UnaryStream.this::deliverEnd);
            }
        }

        @Override
        public void onError(Throwable t) {
            abort(Status.CANCELLED.withDescription("request not read: " + t).withCause(t));
        }
    }

    private final class ResponseWriter implements WriteListener {
        @Override
        public void onWritePossible() {
            synchronized (UnaryStream.this) {
                drain();
            }
        }

        @Override
        public void onError(Throwable t) {
            abort(Status.CANCELLED.withDescription("response not written: " + t).withCause(t));
        }
    }

    /** The client went away (reset) or the container's backstop timeout fired. */
    private final class ExchangeListener implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            abort(Status.DEADLINE_EXCEEDED.withDescription("the container's async timeout passed"));
        }

        @Override
        public void onError(AsyncEvent event) {
            abort(Status.CANCELLED.withDescription("the client went away").withCause(event.getThrowable()));
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The time a request body has to arrive once the call has left the dispatch; zero: no limit. */
    record BodyBudget(java.time.Duration budget, java.util.concurrent.ScheduledExecutorService timer) {
        java.util.concurrent.ScheduledFuture<?> schedule(Runnable onLate) {
            return budget.isZero() ? null : timer.schedule(onLate, budget.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        String late() {
            return "the request body did not arrive within " + budget.toSeconds() + " s";
        }
    }

    /** grpc-core's framer writes into these; sized by its hint (the message size, at most 1 MiB per buffer). */
    private static final class FrameBuffer implements WritableBuffer {
        final byte[] bytes;
        int length;

        FrameBuffer(int capacityHint) {
            bytes = new byte[Math.min(capacityHint, 1024 * 1024)];
        }

        @Override
        public void write(byte[] src, int srcIndex, int count) {
            System.arraycopy(src, srcIndex, bytes, length, count);
            length += count;
        }

        @Override
        public void write(byte b) {
            bytes[length++] = b;
        }

        @Override
        public int writableBytes() {
            return bytes.length - length;
        }

        @Override
        public int readableBytes() {
            return length;
        }

        @Override
        public void release() {
        }
    }
}
