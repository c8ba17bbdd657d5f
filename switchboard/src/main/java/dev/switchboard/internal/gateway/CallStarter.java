package dev.switchboard.internal.gateway;

import dev.switchboard.internal.chain.CallMetrics;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.chain.CallerIdentity;
import dev.switchboard.internal.container.ServletContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Starts a {@link GatewayCall} for an {@link Exchange} that {@link GatewayDispatcher} has worked out: the call's
 * headers, deadline and {@link Context}, the transport attributes the interceptors read (addresses, caller, protocol),
 * how a client's reset reaches the call, and on which executor its service code runs. A streamed request is then
 * read by a {@link StreamedBodyReader}. One instance per dispatcher: it holds the executors and the container.
 */
final class CallStarter {

    private final GatewaySettings settings;
    private final Executor callbacks;
    /** Where service code of calls that may stay on the container's thread runs: see GatewayDispatcher's constructor. */
    private final Executor inlineCallbacks;
    private final ScheduledExecutorService timer;
    private final ServletContainer container;

    CallStarter(GatewaySettings settings, Executor callbacks, Executor inlineCallbacks, ScheduledExecutorService timer) {
        this.settings = settings;
        this.callbacks = callbacks;
        this.inlineCallbacks = inlineCallbacks;
        this.timer = timer;
        this.container = settings.container();
    }

    /**
     * {@code inDispatch}: whether service code may run within the container's dispatch; {@code begun}: the async
     * cycle when the call starts from a read callback (the body has been read), else null.
     */
    void start(Routes.Route route, HttpServletRequest req, HttpServletResponse resp, Exchange exchange, boolean inDispatch,
            AsyncCycle begun) throws IOException, HttpError {
        start(route.method(), route, req, resp, exchange, inDispatch, begun);
    }

    @SuppressWarnings("unchecked")
    private <ReqT, RespT> void start(ServerMethodDefinition<ReqT, RespT> method, Routes.Route route, HttpServletRequest req,
            HttpServletResponse resp, Exchange exchange, boolean inDispatch, AsyncCycle begun) throws IOException, HttpError {
        Metadata headers;
        Long timeout;
        try {
            headers = HttpMetadata.fromRequest(req);
            timeout = Timeouts.nanos(req);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        }
        Context.CancellableContext context = timeout == null ? route.parent().withCancellation()
                : route.parent().withDeadlineAfter(timeout, TimeUnit.NANOSECONDS, timer);
        // Deadlines belong to the call's Context, as for gRPC: the cycle has no timeout of the container's.
        AsyncCycle cycle = begun != null ? begun : AsyncCycle.begin(req, resp);
        ClientGone clientGone = new ClientGone(context);
        cycle.listen(clientGone);
        AsyncContext async = cycle.context();
        // Where the servlet API never hears of a reset, every call is watched; elsewhere only those that need it.
        boolean watched = container.resetsInvisibleToServletApi() && container.watchReset(req, context, clientGone::cancel);
        Attributes.Builder attributeBuilder = Attributes.newBuilder();
        CallerIdentity caller = CallerIdentity.of(req);
        if (caller != null) {
            attributeBuilder.set(CallerHandoff.ATTRIBUTE, caller);
        }
        Attributes attributes = attributeBuilder
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(req.getRemoteAddr(), req.getRemotePort()))
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress(req.getLocalAddr(), req.getLocalPort()))
                .set(CallMetrics.PROTOCOL, route.protocol())
                .build();
        boolean inline = inDispatch && method.getMethodDescriptor().getType() == MethodType.UNARY && inlineCallbacks != callbacks
                && (req.getProtocol().startsWith("HTTP/1") || watched || container.watchReset(req, context, clientGone::cancel));
        if (begun != null && !watched) {
            // Started after the dispatch, from a read callback: Jetty tells a reset of a request whose body has been
            // read to its failure listeners, not to the AsyncListener.
            container.watchReset(req, context, clientGone::cancel);
        }
        GatewayCall<ReqT, RespT> call = new GatewayCall<>(method.getMethodDescriptor(), attributes,
                req.getServerName() + ":" + req.getServerPort(), exchange.wire(), resp, async, container, context,
                inline ? inlineCallbacks : callbacks);
        if (exchange.single() != null) {
            call.startWith(method.getServerCallHandler(), headers, (ReqT) exchange.single());
            return;
        }
        call.start(method.getServerCallHandler(), headers);
        Message prototype = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getMethodDescriptor()
                .getRequestMarshaller()).getMessagePrototype();
        readStream(call, exchange, prototype, req);
    }

    /** Reads a streamed request body without blocking, one message per request(n) of the service. */
    private <ReqT> void readStream(GatewayCall<ReqT, ?> call, Exchange exchange, Message prototype, HttpServletRequest req)
            throws IOException {
        StreamedBodyReader<ReqT> reader = new StreamedBodyReader<>(req.getInputStream(), call, exchange.stream(), exchange.codec(),
                prototype, settings.maxRequestBytes(), settings.requestBody(), timer, callbacks);
        if (exchange.whole() != null) {
            reader.feedWhole(exchange.whole());
        } else {
            reader.start();
        }
    }

    /** A client that disconnects cancels the call's Context, so the service sees it. */
    private record ClientGone(Context.CancellableContext context) implements AsyncListener {
        @Override
        public void onError(AsyncEvent event) {
            cancel(event.getThrowable());
        }

        void cancel(Throwable failure) {
            context.cancel(Status.CANCELLED.withDescription("The client went away").withCause(failure).asRuntimeException());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            context.cancel(Status.CANCELLED.withDescription("The request timed out").asRuntimeException());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
