package dev.switchboard.internal.grpc;

import dev.switchboard.internal.container.ServletContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import com.google.common.util.concurrent.ListenableFuture;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InternalChannelz.SocketStats;
import io.grpc.InternalInstrumented;
import io.grpc.InternalLogId;
import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import io.grpc.internal.InternalServer;
import io.grpc.internal.ServerImplBuilder;
import io.grpc.internal.ServerListener;
import io.grpc.internal.ServerStream;
import io.grpc.internal.ServerTransport;
import io.grpc.internal.ServerTransportListener;
import io.grpc.internal.SharedResourceHolder;
import io.grpc.internal.StatsTraceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Switchboard's own gRPC transport (the {@code switchboard.grpc-transport} value {@code switchboard}): grpc-core's
 * server (the same services, interceptors, executor and limits as grpc-servlet's) with streams of ours. On the
 * servlet API it serves unary calls ({@link UnaryStream}), reading the request without a per-call transport or read
 * buffer and writing headers, message and trailers as one response; below it, on a container's native exchange,
 * unary and streaming calls ({@link NativeUnaryStream}, {@link NativeStreamingStream}).
 *
 * <p>Why: measured on Jetty 12.1 (bench/NOTES.md), a plain servlet answering the same unary call by hand serves
 * about 1.8× what grpc-servlet does; most of the difference is grpc-servlet's per-call machinery (a write queue, a
 * transport and a 4 KB read buffer per call, URL parsing, flushes). On the servlet API streaming calls stay on
 * grpc-servlet, which handles flow control and interactive streams there; a unary call has one message each way,
 * which this class can serve without either. Below the servlet API, where the exchange streams (Jetty's core API,
 * Undertow's exchange), the same grpc-core server serves streaming calls too ({@link #serveNativeStreaming}).
 *
 * <p>grpc-core's transport interfaces ({@code io.grpc.internal}) are public but not a stable API; grpc-servlet uses
 * the same ones, and the grpc-java version is pinned with it.
 */
public final class SwitchboardTransport {

    private final ScheduledExecutorService scheduler = SharedResourceHolder.get(GrpcUtil.TIMER_SERVICE);
    private final Endpoint endpoint = new Endpoint();
    private final Server server;
    private final ServerTransportListener listener;
    private final Attributes attributes;
    private final int maxInboundMessageSize;
    private final Executor offReadCallback;
    private final boolean blockingDispatch;
    private final ServletContainer container;
    private final BodyBudget bodyBudget;
    private final NonBlockingServices nonBlocking;
    private List<? extends ServerStreamTracer.Factory> tracerFactories = List.of();

    /**
     * {@code executor} null means direct (service code on the delivering thread). {@code offReadCallback}: where a
     * request whose end arrives in a later read callback starts its service code when {@code executor} would run it
     * inline there (see {@link UnaryStream}); null to run it in place. Where the container
     * serves a call best within its dispatch, blocking, as a plain servlet ({@link UnaryStream#serveInDispatch}), it
     * is served so, rather than with non-blocking reads and writes; only calls whose dispatch may run service code
     * (see {@link #serve}). {@code nonBlocking}: the services whose calls run in place whatever {@code executor} is.
     */
    public SwitchboardTransport(List<ServerServiceDefinition> definitions, Executor executor, Executor offReadCallback,
            NonBlockingServices nonBlocking, ServletContainer container, int maxInboundMessageSize,
            java.time.Duration bodyBudget) {
        this.bodyBudget = new BodyBudget(bodyBudget, scheduler);
        this.nonBlocking = nonBlocking;
        this.container = container;
        this.maxInboundMessageSize = maxInboundMessageSize;
        this.offReadCallback = offReadCallback;
        this.blockingDispatch = container.prefersBlockingDispatch();
        ServerImplBuilder builder = new ServerImplBuilder(factories -> {
            tracerFactories = factories;
            return endpoint;
        });
        builder.maxInboundMessageSize(maxInboundMessageSize);
        if (executor == null) {
            builder.directExecutor();
        } else {
            builder.executor(executor);
            if (!nonBlocking.isEmpty()) {
                builder.callExecutor(nonBlocking);
            }
        }
        definitions.forEach(builder::addService);
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            // Starting binds nothing here (the container owns the sockets); grpc-core declares it anyway.
            throw new IllegalStateException("could not start gRPC's server core", e);
        }
        // One "transport" for all calls, as with grpc-servlet: the container owns the connections.
        this.listener = endpoint.serverListener.transportCreated(new ContainerTransport(scheduler));
        this.attributes = listener.transportReady(Attributes.EMPTY);
    }

    /**
     * Serves one unary call; the request has been checked to be a gRPC POST for {@code method}. {@code readInDispatch}:
     * whether a request already there may be read, and its service code started, within the container's dispatch —
     * not where the container's own CDI request context is active in the dispatch (see SwitchboardRuntime), beside
     * which the call's own cannot be activated.
     */
    public void serve(HttpServletRequest req, HttpServletResponse resp, String method, boolean readInDispatch) throws IOException {
        // GrpcRequestCheck has made sure grpc-timeout and the -bin headers parse.
        Metadata headers = headers(req);
        Long timeoutNanos = headers.get(GrpcUtil.TIMEOUT_KEY);
        // Deadlines are grpc-core's (a cancelled Context); the container's async timeout is only a backstop.
        long asyncTimeoutMillis = timeoutNanos == null ? 0 : timeoutNanos / 1_000_000 + 5_000;
        ClientReset reset = new ClientReset();
        UnaryStream stream = new UnaryStream(req, resp, maxInboundMessageSize, stats(method, headers, reset), streamAttributes(req),
                req.getServerName() + ":" + req.getServerPort(), bodyBudget);
        boolean answerInDispatch = readInDispatch && blockingDispatch;
        stream.begin(answerInDispatch, asyncTimeoutMillis);
        Executor afterRead = offReadCallback(created(stream, method, headers));
        if (answerInDispatch) {
            stream.serveInDispatch(reset, container, asyncTimeoutMillis, afterRead);
        } else {
            stream.start(reset, container, afterRead, readInDispatch);
        }
    }

    /** Hands the call to grpc-core, a promised one so that it starts on this thread; whether it was promised. */
    private boolean created(ServerStream stream, String method, Metadata headers) {
        return nonBlocking.starting(method, () -> listener.streamCreated(stream, method, headers));
    }

    /**
     * None for a service that promised never to block: its code returns at once, so the container's news of a reset
     * that waits for the read callback to return waits no longer than it would on the pool.
     */
    private Executor offReadCallback(boolean promised) {
        return promised ? null : offReadCallback;
    }

    /**
     * Serves one unary call on a transport below the servlet API ({@link NativeDispatch}): {@code req} is the servlet
     * view of the request, checked as {@link #serve}'s; {@code onEnd} runs once when the exchange is over.
     */
    void serveNative(HttpServletRequest req, NativeExchange exchange, String method, Runnable onEnd) {
        Metadata headers = headers(req);
        ClientReset reset = new ClientReset();
        NativeUnaryStream stream = new NativeUnaryStream(exchange, maxInboundMessageSize, stats(method, headers, reset),
                streamAttributes(req), req.getServerName() + ":" + req.getServerPort(), bodyBudget, onEnd);
        stream.start(reset, offReadCallback(created(stream, method, headers)));
    }

    /**
     * Serves one streaming call (client, server or bidirectional) on a transport below the servlet API that
     * {@link NativeExchange#streams streams}; as {@link #serveNative} otherwise.
     */
    void serveNativeStreaming(HttpServletRequest req, NativeExchange exchange, String method, Runnable onEnd) {
        Metadata headers = headers(req);
        ClientReset reset = new ClientReset();
        NativeStreamingStream stream = new NativeStreamingStream(exchange, maxInboundMessageSize,
                stats(method, headers, reset), streamAttributes(req), req.getServerName() + ":" + req.getServerPort(), onEnd);
        created(stream, method, headers);
        stream.start(reset);
    }

    private StatsTraceContext stats(String method, Metadata headers, ClientReset reset) {
        List<ServerStreamTracer.Factory> tracers = new ArrayList<>(tracerFactories.size() + 1);
        tracers.addAll(tracerFactories);
        tracers.add(reset);
        return StatsTraceContext.newServerContext(tracers, method, headers);
    }

    /**
     * Lets a client's reset cancel the call's {@link Context} at once, even while its service code runs inline on the
     * container's thread: grpc-core derives the call's Context from the one this tracer hands it, so cancelling ours
     * cancels the call's. (The stream's own cancellation reaches grpc-core through its serialized inbound side, which
     * that inline service code is still occupying.)
     */
    static final class ClientReset extends ServerStreamTracer.Factory {
        private volatile Context.CancellableContext context;

        @Override
        public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
            return new ServerStreamTracer() {
                @Override
                public Context filterContext(Context parent) {
                    Context.CancellableContext cancellable = parent.withCancellation();
                    context = cancellable;
                    return cancellable;
                }
            };
        }

        /** The Context grpc-core derived the call's from; null before the call started. */
        Context.CancellableContext context() {
            return context;
        }

        void cancel(Throwable cause) {
            Context.CancellableContext current = context;
            if (current != null) {
                current.cancel(cause);
            }
        }
    }

    /** Addresses as literal IPs (no name lookups), as {@code Grpc.TRANSPORT_ATTR_*} promise. */
    private Attributes streamAttributes(HttpServletRequest req) {
        return attributes.toBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(req.getRemoteAddr(), req.getRemotePort()))
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new InetSocketAddress(req.getLocalAddr(), req.getLocalPort()))
                .build();
    }

    /** All request headers as grpc-core expects them (it reads grpc-timeout, grpc-encoding and the rest itself). */
    private static Metadata headers(HttpServletRequest req) {
        List<byte[]> pairs = new ArrayList<>();
        Enumeration<String> names = req.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            boolean binary = name.endsWith(Metadata.BINARY_HEADER_SUFFIX);
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
                String value = values.nextElement();
                pairs.add(name.getBytes(StandardCharsets.US_ASCII));
                pairs.add(binary ? GrpcRequestCheck.decodeBinary(value) : value.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return InternalMetadata.newMetadata(pairs.toArray(new byte[0][]));
    }

    /** New calls are refused from now on; calls in flight continue (their draining is {@code CallTracker}'s). */
    public void shutdown() {
        server.shutdown();
        listener.transportTerminated();
        SharedResourceHolder.release(GrpcUtil.TIMER_SERVICE, scheduler);
    }

    /** grpc-core's view of the container's listening side: nothing to bind, only the listener to keep. */
    private static final class Endpoint implements InternalServer {
        private ServerListener serverListener;

        @Override
        public void start(ServerListener listener) {
            this.serverListener = listener;
        }

        @Override
        public void shutdown() {
            if (serverListener != null) {
                serverListener.serverShutdown();
            }
        }

        @Override
        public SocketAddress getListenSocketAddress() {
            return new SocketAddress() {
                private static final long serialVersionUID = 1L;

                @Override
                public String toString() {
                    return "servlet container";
                }
            };
        }

        @Override
        public List<? extends SocketAddress> getListenSocketAddresses() {
            return Collections.emptyList();
        }

        @Override
        public InternalInstrumented<SocketStats> getListenSocketStats() {
            return null;
        }

        @Override
        public List<InternalInstrumented<SocketStats>> getListenSocketStatsList() {
            return null;
        }
    }

    /** The one transport grpc-core sees; it only lends grpc-core a timer for deadlines. */
    private static final class ContainerTransport implements ServerTransport {
        private final InternalLogId logId = InternalLogId.allocate(ContainerTransport.class, null);
        private final ScheduledExecutorService scheduler;

        ContainerTransport(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void shutdownNow(Status reason) {
        }

        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            return scheduler;
        }

        @Override
        public ListenableFuture<SocketStats> getStats() {
            return null;
        }

        @Override
        public InternalLogId getLogId() {
            return logId;
        }
    }
}
