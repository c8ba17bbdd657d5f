package dev.switchboard.internal.grpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.WritableBuffer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The response side of a {@link UnaryStream}, and the sink grpc-core writes it through: headers, the one message and
 * trailers are kept until the call closes, then written at once — blocking before the dispatch returns
 * ({@link #leaveDispatch}), or with a non-blocking {@link WriteListener} in the async cycle ({@link #drain}). So a
 * unary call costs the container one write, and a slow client holds no thread.
 *
 * <p>Its lock guards the state of the whole exchange, the {@link RequestReader}'s included; the stream keeps none of
 * its own. Abstract because grpc-core's {@code AbstractServerStream.Sink} is protected: {@link UnaryStream} makes this
 * class its sink by a subclass that only names the interface, so the response costs no object beyond the sink.
 */
abstract class UnaryResponse {

    private static final Logger LOG = Logger.getLogger(UnaryResponse.class.getName());
    private static final String CONTENT_TYPE = "application/grpc";

    private final UnaryStream stream;
    private final HttpServletRequest req;
    private final HttpServletResponse resp;

    // Guarded by this: the response as the call produced it, and how far writing it got.
    private Metadata responseHeaders;
    private final List<FrameBuffer> frames = new ArrayList<>(1);
    private byte[] body;
    private int bodyLength;
    private boolean responded;
    private boolean written;
    private boolean completed;
    /** Null while the stream serves in the dispatch; set before the container's dispatch returns. */
    private AsyncContext async;
    /** While the stream serves in the dispatch: the answer waits for {@link #leaveDispatch}, which writes it blocking. */
    private boolean dispatching;

    UnaryResponse(UnaryStream stream, HttpServletRequest req, HttpServletResponse resp) {
        this.stream = stream;
        this.req = req;
        this.resp = resp;
    }

    /** Either goes asynchronous now ({@code inDispatch} false), or holds any answer for {@link #leaveDispatch}. */
    synchronized void begin(boolean inDispatch, long asyncTimeoutMillis) throws IOException {
        if (inDispatch) {
            dispatching = true;
        } else {
            goAsync(asyncTimeoutMillis);
        }
    }

    /** Whether the call has its answer (or has been aborted): what is still to come of the request is not read. */
    synchronized boolean responded() {
        return responded;
    }

    /** The dispatch ends: the answer written blocking if the call has one, else the exchange goes asynchronous. */
    void leaveDispatch(long asyncTimeoutMillis) {
        byte[] answer;
        int answerLength;
        synchronized (this) {
            dispatching = false;
            if (!responded) {
                try {
                    goAsync(asyncTimeoutMillis);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "gRPC call could not go asynchronous", e);
                    stream.abort(Status.INTERNAL.withDescription("the call could not continue asynchronously: " + e).withCause(e));
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
        SerializedServerStream.State state = stream.transportState();
        try {
            if (answerLength > 0) {
                resp.getOutputStream().write(answer, 0, answerLength);
                int sent = answerLength;
                state.runOnTransportThread(() -> state.onSentBytes(sent));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "gRPC response not written", e);
            stream.abort(Status.UNAVAILABLE.withDescription("response not written: " + e).withCause(e));
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

    /** The transport ends the call with {@code status} (the stream has told grpc-core): answered so, once. */
    synchronized void abort(Status status) {
        if (!responded) {
            // The servlet API cannot reset a stream: answer with the status instead, as grpc-servlet does.
            responded = true;
            commit(new Metadata(), status, false);
        }
        finish();
    }

    /** Sets status, headers and trailers on the servlet response and prepares the body. Holds the lock. */
    private void commit(Metadata trailers, Status status, boolean headersSent) {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(CONTENT_TYPE);
        if (!headersSent) {
            // Trailers-only: grpc-status and the rest go in the headers, no body.
            ResponseMetadata.putStatus(trailers, status);
            addHeaders(trailers);
            return;
        }
        addHeaders(responseHeaders);
        Map<String, String> trailerFields = new HashMap<>();
        ResponseMetadata.forEachField(trailers, (name, value) -> trailerFields.merge(name, value, (a, b) -> a + "," + b));
        resp.setTrailerFields(() -> trailerFields);
        bodyLength = FrameBuffer.length(frames);
        body = FrameBuffer.body(frames, bodyLength);
        frames.clear();
    }

    private void addHeaders(Metadata metadata) {
        if (metadata != null) {
            ResponseMetadata.forEachField(metadata, resp::addHeader);
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
            SerializedServerStream.State state = stream.transportState();
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
            stream.abort(Status.UNAVAILABLE.withDescription("response not written: " + e).withCause(e));
        } catch (RuntimeException e) {
            // Not the client's doing. Escaping into the container's write callback, it would make Undertow close the
            // stream without a word (the client reads RST_STREAM STREAM_CLOSED as INTERNAL) and leave the call open.
            LOG.log(Level.WARNING, "gRPC response not written: the container refused it", e);
            stream.abort(Status.INTERNAL.withDescription("response not written: " + e).withCause(e));
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

    /** Sink: the response's headers, sent with the body. */
    public void writeHeaders(Metadata headers, boolean flush) {
        synchronized (this) {
            responseHeaders = headers;
        }
    }

    /** Sink: a message frame, kept until the call closes. */
    public void writeFrame(WritableBuffer frame, boolean flush, int numMessages) {
        if (frame == null) {
            return;
        }
        int size = frame.readableBytes();
        if (size > 0) {
            stream.sendingBytes(size);
        }
        synchronized (this) {
            if (!responded) {
                frames.add((FrameBuffer) frame);
            }
        }
    }

    /** Sink: the call closes; its answer is written now, or when the container is ready for it. */
    public void writeTrailers(Metadata trailers, boolean headersSent, Status status) {
        synchronized (this) {
            if (responded) {
                return;
            }
            responded = true;
            commit(trailers, status, headersSent);
            drain();
        }
    }

    /** Sink: grpc-core ends the call. */
    public void cancel(Status status) {
        // grpc-core cancels (a deadline passed, the server shut down): the call ends, the client gets the status.
        stream.abort(status);
    }

    private final class ResponseWriter implements WriteListener {
        @Override
        public void onWritePossible() {
            synchronized (UnaryResponse.this) {
                drain();
            }
        }

        @Override
        public void onError(Throwable t) {
            stream.abort(Status.CANCELLED.withDescription("response not written: " + t).withCause(t));
        }
    }

    /** The client went away (reset) or the container's backstop timeout fired. */
    private final class ExchangeListener implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stream.abort(Status.DEADLINE_EXCEEDED.withDescription("the container's async timeout passed"));
        }

        @Override
        public void onError(AsyncEvent event) {
            stream.abort(Status.CANCELLED.withDescription("the client went away").withCause(event.getThrowable()));
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
