package dev.switchboard.internal.gateway;

import dev.switchboard.internal.container.ServletContainer;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Message;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A gRPC server call whose transport is one HTTP exchange over plain HTTP. Service code and interceptors see an
 * ordinary {@link ServerCall}; this class turns what they send into the HTTP response through a
 * {@link ResponseWire} — one message as the body, or a stream written by a {@link StreamWriter} with gRPC's flow
 * control ({@code isReady}/{@code onReady}).
 *
 * <p>As in grpc-java's {@code ServerImpl}: listener callbacks never run concurrently (a sequential executor over the
 * call executor), each runs in the call's {@link Context}, an exception they throw ends the
 * call with {@code UNKNOWN} and is logged, and the context is cancelled when the call ends — by the deadline, by the
 * client going away, or by completion.
 *
 * <p>This class holds the call's state and its order of events under its lock; what goes out on the HTTP response
 * is {@link CallResponses}' (static, so a call is this one object, its sequential executor and, when it streams,
 * its {@link StreamWriter}).
 *
 * <p>A little over 400 lines: what remains is the call's state under one lock and the order of events on it, which
 * reads best in one place; splitting it further would add an object per call on the hot path.
 */
final class GatewayCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {

    private static final Logger LOG = Logger.getLogger(GatewayCall.class.getName());

    private final MethodDescriptor<ReqT, RespT> method;
    private final Attributes attributes;
    private final String authority;
    private final ResponseWire wire;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final ServletContainer container;
    private final Context.CancellableContext context;
    private final Executor serial;
    /** Whether the exchange is HTTP/1.x. */
    private final boolean http1;

    private ServerCall.Listener<ReqT> listener;
    /** The streamed request's reader, told when the service asks for more; null for a single message. */
    private Runnable onDemand;
    // guarded by this
    private Metadata responseHeaders;
    private RespT unaryResponse;
    private StreamWriter stream;
    private int requested;
    /** The request of a call started by {@link #startWith}, until the service asks for it. */
    private ReqT pending;
    /** While {@link #startWith} runs the call inline: its thread; an end on that thread is written after the run. */
    private Thread deferringThread;
    private Runnable deferredEnd;
    private boolean closeCalled;
    private boolean done;
    private int abortHttpStatus;

    GatewayCall(MethodDescriptor<ReqT, RespT> method, Attributes attributes, String authority, ResponseWire wire,
            HttpServletResponse response, AsyncContext async, ServletContainer container, Context.CancellableContext context,
            Executor callbacks) {
        this.http1 = async != null && async.getRequest() != null && async.getRequest().getProtocol().startsWith("HTTP/1");
        this.method = method;
        this.attributes = attributes;
        this.authority = authority;
        this.wire = wire;
        this.response = response;
        this.async = async;
        this.container = container;
        this.context = context;
        // Off the container thread, as grpc-servlet runs gRPC calls: the request's dispatch returns at once, so the
        // container can report a client that goes away (AsyncListener.onError) while service code still runs.
        this.serial = MoreExecutors.newSequentialExecutor(callbacks);
    }

    /** Starts the call through {@code handler} (interceptors, then the service). */
    void start(ServerCallHandler<ReqT, RespT> handler, Metadata headers) {
        context.addListener(c -> contextCancelled(), MoreExecutors.directExecutor());
        callback(() -> {
            listener = handler.startCall(this, headers);
            listener.onReady();
        });
    }

    /**
     * Starts a call whose request is the one message already read: it and the half-close reach the service when it
     * asks for a message ({@link #request}). Unary handlers ask from {@code startCall}, so for them the whole call —
     * start, message, half-close — is one run of the call executor, and the container's thread never waits for it
     * (three separate hand-offs would cost a unary call two more, and the container's thread would wait for the
     * start's).
     */
    void startWith(ServerCallHandler<ReqT, RespT> handler, Metadata headers, ReqT message) {
        synchronized (this) {
            pending = message;
            deferringThread = Thread.currentThread();
        }
        start(handler, headers);
        Runnable end;
        synchronized (this) {
            deferringThread = null;
            end = deferredEnd;
            deferredEnd = null;
        }
        if (end != null) {
            end.run();
        }
    }

    /** Who reads a streamed request: told (outside this call's lock) whenever the service asks for more messages. */
    void onDemand(Runnable reader) {
        synchronized (this) {
            onDemand = reader;
        }
    }

    /** Whether the service has asked for a message not yet delivered; if so, the next {@link #deliverNow} is it. */
    synchronized boolean takeDemand() {
        if (done || requested == 0) {
            return false;
        }
        requested--;
        return true;
    }

    /** Hands one request message to the service, which has asked for it ({@link #takeDemand}). */
    void deliverNow(ReqT message) {
        callback(() -> listener.onMessage(message));
    }

    synchronized boolean ended() {
        return done;
    }

    /** The client has sent all its messages. */
    void halfClose() {
        callback(() -> listener.onHalfClose());
    }

    /** The request could not be read: the call ends with {@code status} (e.g. INVALID_ARGUMENT → 400). */
    void abort(Status status) {
        end(status, null, false);
    }

    /**
     * As {@link #abort(Status)}, with an HTTP status of HTTP's own where the answer is still an HTTP error (413, 408).
     * The request body is then left unread: over HTTP/1.x the connection closes after the answer (Undertow would
     * otherwise wait for the rest of the body before finishing the response).
     */
    void abort(Status status, int httpStatus) {
        if (!response.isCommitted() && http1) {
            response.setHeader("Connection", "close");
        }
        synchronized (this) {
            abortHttpStatus = httpStatus;
        }
        end(status, null, false);
    }

    @Override
    public void request(int numMessages) {
        ReqT message;
        Runnable reader;
        synchronized (this) {
            requested += numMessages;
            reader = onDemand;
            if (pending == null || requested == 0) {
                message = null;
            } else {
                message = pending;
                pending = null;
                requested--;
            }
        }
        if (message == null) {
            if (reader != null) {
                reader.run();
            }
            return;
        }
        // Queued behind the running callback (startCall, when the service asks from there), so they run next, in order.
        callback(() -> listener.onMessage(message));
        callback(() -> listener.onHalfClose());
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
        if (responseHeaders == null) {
            responseHeaders = headers;
        } else {
            responseHeaders.merge(headers);
        }
    }

    @Override
    public void sendMessage(RespT message) {
        synchronized (this) {
            if (closeCalled) {
                throw new IllegalStateException("call is closed");
            }
            if (done) {
                return;
            }
            if (!wire.streaming()) {
                if (unaryResponse != null) {
                    throw new IllegalStateException("a unary call sends one message");
                }
                unaryResponse = message;
                return;
            }
            try {
                streamStarted().write(wire.frame((Message) message));
            } catch (IOException e) {
                throw new IllegalStateException("could not encode the response of " + method.getFullMethodName(), e);
            }
        }
    }

    @Override
    public void close(Status status, Metadata trailers) {
        synchronized (this) {
            if (closeCalled) {
                throw new IllegalStateException("call already closed");
            }
            closeCalled = true;
        }
        end(CallResponses.closing(status, context), trailers, true);
    }

    /** Ends the exchange once: writes the outcome (if the client can still get it) and tells the listener. */
    private void end(Status status, Metadata trailers, boolean byService) {
        boolean completed = byService && status.isOk();
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            if (wire.streaming() && (stream != null || !wire.httpErrorBeforeFirstMessage() || status.isOk())) {
                streamStarted().finish(wire.end(status, trailers));
                // the listener hears of the end from onFinished, once all is written
                return;
            }
        }
        synchronized (this) {
            if (deferringThread == Thread.currentThread()) {
                // Service code closed the call within startWith's inline run: written once that run is over, so the
                // write (which can wait for the connection) does not hold one of the inline executor's slots, which
                // are for service code.
                boolean outcome = completed;
                deferredEnd = () -> writeAndFinish(status, trailers, outcome);
                return;
            }
        }
        writeAndFinish(status, trailers, completed);
    }

    private void writeAndFinish(Status status, Metadata trailers, boolean completed) {
        try {
            writeSingle(status, trailers);
            boolean bodyUnread;
            synchronized (this) {
                bodyUnread = abortHttpStatus != 0;
            }
            if (bodyUnread) {
                // Undertow sends a response whose request body is still arriving only once its output is closed.
                response.getOutputStream().close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not write the response of " + method.getFullMethodName(), e);
            completed = false;
        }
        finish(completed);
    }

    /** The response as one body: the unary message, or the JSON error. */
    private void writeSingle(Status status, Metadata trailers) throws IOException {
        RespT message;
        Metadata headers;
        int httpStatus;
        synchronized (this) {
            message = unaryResponse;
            headers = responseHeaders;
            httpStatus = abortHttpStatus;
        }
        CallResponses.writeWhole(response, wire, status, headers, trailers, message, httpStatus,
                length -> container.sendsBodyOnCompletion(async == null ? null : async.getRequest(), length));
    }

    /** The stream, begun on first use: status, headers and content type go out before the first message. Holds the lock. */
    private StreamWriter streamStarted() {
        if (stream == null) {
            stream = new StreamWriter(CallResponses.beginStream(response, wire, responseHeaders), new StreamWriter.Events() {
                @Override
                public void onReady() {
                    callback(() -> listener.onReady());
                }

                @Override
                public void onWriteFailed(IOException e) {
                    LOG.log(Level.FINE, "client went away during " + method.getFullMethodName(), e);
                    finish(false);
                }

                @Override
                public void onFinished() {
                    finish(closeCalled());
                }
            });
            stream.start();
        }
        return stream;
    }

    private synchronized boolean closeCalled() {
        return closeCalled;
    }

    /** The exchange is over: release the HTTP request, tell the listener, cancel the context. */
    private void finish(boolean completed) {
        synchronized (this) {
            done = true;
        }
        if (async != null) {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "request already completed", e);
            }
        }
        // Now, not after the listener: service code still running (blocked in a callback, say) must see it.
        context.cancel(null);
        serial.execute(() -> {
            Context previous = context.attach();
            try {
                if (listener != null) {
                    if (completed) {
                        listener.onComplete();
                    } else {
                        listener.onCancel();
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of " + method.getFullMethodName() + " threw after the call ended", e);
            } finally {
                context.detach(previous);
            }
        });
    }

    /** The deadline passed, or the client went away (the context was cancelled from outside). */
    private void contextCancelled() {
        end(CallResponses.cancelled(context), null, false);
    }

    /** Runs a listener callback as ServerImpl does: serialized, in the call's context, an escaping exception ends the call. */
    private void callback(Runnable callback) {
        serial.execute(() -> {
            synchronized (this) {
                if (done) {
                    return;
                }
            }
            Context previous = context.attach();
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "Service code threw during " + method.getFullMethodName()
                        + " (over HTTP); the caller gets UNKNOWN", e);
                end(Status.UNKNOWN.withDescription("Application error processing RPC"), null, false);
            } finally {
                context.detach(previous);
            }
        });
    }

    @Override
    public boolean isReady() {
        synchronized (this) {
            if (done) {
                return false;
            }
            if (stream == null) {
                return true;
            }
        }
        return stream.isReady();
    }

    @Override
    public synchronized boolean isCancelled() {
        return done && !closeCalled;
    }

    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
        return method;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public String getAuthority() {
        return authority;
    }
}
