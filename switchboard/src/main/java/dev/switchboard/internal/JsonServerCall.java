package dev.switchboard.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A gRPC server call whose transport is one HTTP exchange carrying JSON. Service code and interceptors see an
 * ordinary {@link ServerCall}; this class turns what they send into the HTTP response: for a unary method one JSON
 * object (or the JSON error body), for a server-streaming method one JSON object per line (NDJSON), flushed as each
 * message is sent, ending with an {@code {"error": {...}}} line if the call fails after its first message.
 *
 * <p>Closing is serialized with sending, as gRPC requires; listener callbacks run in the {@link #context} like
 * grpc-java's {@code ServerImpl} runs them, and the context is cancelled when the call ends.
 */
final class JsonServerCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {

    private static final Logger LOG = Logger.getLogger(JsonServerCall.class.getName());
    static final String NDJSON = "application/x-ndjson";

    private final MethodDescriptor<ReqT, RespT> method;
    private final Attributes attributes;
    private final String authority;
    private final JsonCodec codec;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final Context.CancellableContext context;
    private final boolean streaming;

    private ServerCall.Listener<ReqT> listener;
    private RespT unaryResponse;
    private boolean streamStarted;
    private boolean closed;
    private volatile boolean cancelled;

    JsonServerCall(MethodDescriptor<ReqT, RespT> method, Attributes attributes, String authority, JsonCodec codec,
            HttpServletResponse response, AsyncContext async, Context.CancellableContext context) {
        this.method = method;
        this.attributes = attributes;
        this.authority = authority;
        this.codec = codec;
        this.response = response;
        this.async = async;
        this.context = context;
        this.streaming = method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING;
    }

    /** Runs the call: starts it through {@code handler} (interceptors and service), then delivers the request. */
    void start(io.grpc.ServerCallHandler<ReqT, RespT> handler, Metadata headers, ReqT request) {
        Context previous = context.attach();
        try {
            listener = handler.startCall(this, headers);
            listener.onReady();
            if (!isClosed()) {
                listener.onMessage(request);
            }
            if (!isClosed()) {
                listener.onHalfClose();
            }
        } catch (RuntimeException | Error e) {
            // As grpc-java's ServerImpl: logged here, and the caller learns no more than a gRPC client would.
            LOG.log(Level.WARNING, "Service code threw during " + method.getFullMethodName() + " (over JSON); the caller gets UNKNOWN", e);
            closeQuietly(Status.UNKNOWN.withDescription("Application error processing RPC").withCause(e));
        } finally {
            context.detach(previous);
        }
    }

    @Override
    public void request(int numMessages) {
        // The single request message is delivered by start(); there is nothing more to ask for.
    }

    @Override
    public void sendHeaders(Metadata headers) {
        // Response metadata over JSON arrives with the JSON gateway's header mapping.
    }

    @Override
    public synchronized void sendMessage(RespT message) {
        if (closed) {
            throw new IllegalStateException("call is closed");
        }
        if (!streaming) {
            if (unaryResponse != null) {
                throw new IllegalStateException("a unary call sends one message");
            }
            unaryResponse = message;
            return;
        }
        try {
            if (!streamStarted) {
                streamStarted = true;
                response.setStatus(200);
                response.setContentType(NDJSON);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            Writer out = response.getWriter();
            codec.print((Message) message, out);
            out.write('\n');
            out.flush();
            if (response.getWriter().checkError()) {
                throw new IOException("the client went away");
            }
        } catch (IOException e) {
            clientGone(e);
        }
    }

    @Override
    public void close(Status status, Metadata trailers) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("call already closed");
            }
            closed = true;
            try {
                writeFinal(status);
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not write the response of " + method.getFullMethodName(), e);
                cancelled = true;
            } finally {
                finish();
            }
        }
        notifyListener(status.isOk() && !cancelled);
    }

    private void writeFinal(Status status) throws IOException {
        if (status.isOk() && !streaming) {
            if (unaryResponse == null) {
                HttpResponses.jsonError(response, Status.INTERNAL.withDescription("No response message was sent"));
                return;
            }
            response.setStatus(200);
            response.setContentType(HttpResponses.JSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer out = response.getWriter();
            codec.print((Message) unaryResponse, out);
            out.flush();
        } else if (streaming && streamStarted) {
            if (!status.isOk()) {
                JsonObject line = new JsonObject();
                line.add("error", JsonParser.parseString(JsonErrorBody.of(status)));
                Writer out = response.getWriter();
                out.write(line.toString());
                out.write('\n');
                out.flush();
            }
        } else if (streaming && status.isOk()) {
            response.setStatus(200);
            response.setContentType(NDJSON);
        } else {
            HttpResponses.jsonError(response, status);
        }
    }

    private void finish() {
        if (async != null) {
            async.complete();
        }
    }

    private void notifyListener(boolean completed) {
        Context previous = context.attach();
        try {
            if (completed) {
                listener.onComplete();
            } else {
                listener.onCancel();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of " + method.getFullMethodName() + " threw after the call ended", e);
        } finally {
            context.detach(previous);
            context.cancel(null);
        }
    }

    private void closeQuietly(Status status) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        close(status, new Metadata());
    }

    private void clientGone(IOException e) {
        LOG.log(Level.FINE, "client went away during " + method.getFullMethodName(), e);
        cancelled = true;
        context.cancel(Status.CANCELLED.withDescription("client went away").asRuntimeException());
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isReady() {
        return !cancelled;
    }

    @Override
    public boolean isCancelled() {
        return cancelled || context.isCancelled();
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
