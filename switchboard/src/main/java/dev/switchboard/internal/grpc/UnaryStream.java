package dev.switchboard.internal.grpc;

import dev.switchboard.internal.container.ServletContainer;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import io.grpc.Attributes;
import io.grpc.Status;
import io.grpc.internal.AbstractServerStream;
import io.grpc.internal.StatsTraceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One unary gRPC call on the servlet API (see {@link SwitchboardTransport}): grpc-core's server stream, whose request a
 * {@link RequestReader} reads without blocking into grpc-core's deframer, and whose response a {@link UnaryResponse}
 * keeps until the call closes and then writes at once — so a unary call costs the container one write, and a slow
 * client holds no thread.
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
 * grpc-core's inbound side runs serialized ({@link SerializedServerStream.State#runOnTransportThread}), the exchange's state under the lock of
 * its {@link UnaryResponse}.
 */
final class UnaryStream extends SerializedServerStream {

    private static final Logger LOG = Logger.getLogger(UnaryStream.class.getName());

    final HttpServletRequest req;
    final BodyBudget bodyBudget;
    private final Sink response;

    UnaryStream(HttpServletRequest req, HttpServletResponse resp, int maxInboundMessageSize, StatsTraceContext stats,
            Attributes attributes, String authority, BodyBudget bodyBudget) {
        super(maxInboundMessageSize, stats, attributes, authority);
        this.bodyBudget = bodyBudget;
        this.req = req;
        this.response = new Sink(this, req, resp);
    }

    /**
     * Before grpc-core has the stream (an interceptor may answer from {@code startCall}): either goes asynchronous now
     * ({@code inDispatch} false; {@code asyncTimeoutMillis} is the container's backstop, 0 none), or holds any answer
     * for {@link #serveInDispatch} to write.
     */
    void begin(boolean inDispatch, long asyncTimeoutMillis) throws IOException {
        response.begin(inDispatch, asyncTimeoutMillis);
    }

    /** After grpc-core has the stream, asynchronous: start reading and watching the exchange. */
    void start(SwitchboardTransport.ClientReset reset, ServletContainer container, Executor offReadCallback,
            boolean readInDispatch) throws IOException {
        transportState().runOnTransportThread(transportState()::onStreamAllocated);
        // A client's reset must reach the call while it runs: the servlet API's onError waits for the dispatch running
        // inline service code (Jetty), or never comes (Undertow).
        container.watchReset(req, reset.context(), failure -> {
            Status cancelled = Status.CANCELLED.withDescription("the client went away").withCause(failure);
            reset.cancel(cancelled.asRuntimeException());
            abort(cancelled);
        });
        RequestReader reader = new RequestReader(this, offReadCallback);
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
     * {@link #start started} so. Only when the dispatch may run service code (see SwitchboardTransport#serve).
     */
    void serveInDispatch(SwitchboardTransport.ClientReset reset, ServletContainer container, long asyncTimeoutMillis,
            Executor offReadCallback) throws IOException {
        transportState().runOnTransportThread(transportState()::onStreamAllocated);
        if (reset.context() != null) {
            // While service code runs here, a client's reset reaches nothing the servlet API sees (Undertow).
            container.watchReset(req, reset.context(), reset::cancel);
        }
        boolean whole = true;
        try {
            whole = RequestReader.readArrived(this);
        } catch (IOException e) {
            abort(Status.CANCELLED.withDescription("request not read: " + e).withCause(e));
        }
        response.leaveDispatch(asyncTimeoutMillis);
        if (!whole) {
            // The rest of the body is on its way: read it as it comes, on no thread in between.
            RequestReader reader = new RequestReader(this, offReadCallback);
            req.getInputStream().setReadListener(reader);
            reader.budget();
        }
    }

    /** Cancels the call from the transport's side (client gone, I/O failed) and ends the exchange. */
    @Override
    void abort(Status status) {
        transportState().runOnTransportThread(() -> transportState().transportReportStatus(status));
        response.abort(status);
    }

    UnaryResponse response() {
        return response;
    }

    /** For the response's sink: the bytes grpc-core's framer hands over count toward the stream's outbound stats. */
    void sendingBytes(int size) {
        onSendingBytes(size);
    }

    @Override
    protected Sink abstractServerStreamSink() {
        return response;
    }

    /** The response is the stream's sink: grpc-core's Sink interface is protected, for a stream's body only. */
    private static final class Sink extends UnaryResponse implements AbstractServerStream.Sink {
        Sink(UnaryStream stream, HttpServletRequest req, HttpServletResponse resp) {
            super(stream, req, resp);
        }
    }
}
