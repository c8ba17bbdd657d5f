package dev.switchboard.internal.chain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Attributes;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per method, protocol ({@code grpc}, {@code grpc-web}, {@code connect} or {@code http}) and status: calls, latency (a histogram), messages received and
 * sent, and calls in flight — in Micrometer, so they reach Prometheus or whatever registry the application uses. Also
 * the access log: one line per call at FINE on the logger {@code dev.switchboard.access}.
 */
public final class CallMetrics implements ServerInterceptor {

    /** Set on calls that arrived over plain HTTP: see {@link #protocolOf}. */
    public static final Attributes.Key<String> PROTOCOL = Attributes.Key.create("switchboard.protocol");

    /**
     * The header with which a gRPC-Web call tells its protocol through the gRPC transports, whose stream attributes
     * are grpc-servlet's to set: its value is {@link #grpcWebToken()}, which a client cannot know, so no native gRPC
     * call is counted as gRPC-Web. Removed from the call's metadata here.
     */
    public static final Metadata.Key<String> GRPC_WEB = Metadata.Key.of("switchboard-grpc-web", Metadata.ASCII_STRING_MARSHALLER);
    private static final String GRPC_WEB_TOKEN = java.util.UUID.randomUUID().toString();

    private static final Logger ACCESS = Logger.getLogger("dev.switchboard.access");

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();

    /** The value of {@link #GRPC_WEB}: this process's own. */
    public static String grpcWebToken() {
        return GRPC_WEB_TOKEN;
    }

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one method over one protocol. */
    private final class Meters {
        final String method;
        final String protocol;
        final Timer latency;
        final Counter received;
        final Counter sent;
        final AtomicInteger active = new AtomicInteger();

        Meters(String method, String protocol) {
            this.method = method;
            this.protocol = protocol;
            this.latency = Timer.builder("grpc.server.call.duration").description("Time from call start to close")
                    .tags("method", method, "protocol", protocol).publishPercentileHistogram().register(registry);
            this.received = Counter.builder("grpc.server.messages.received").tags("method", method, "protocol", protocol)
                    .register(registry);
            this.sent = Counter.builder("grpc.server.messages.sent").tags("method", method, "protocol", protocol).register(registry);
            Gauge.builder("grpc.server.calls.active", active, AtomicInteger::get).description("Calls in flight")
                    .tags("method", method, "protocol", protocol).register(registry);
        }

        void ended(Status status, long startNanos, ServerCall<?, ?> call) {
            long nanos = System.nanoTime() - startNanos;
            active.decrementAndGet();
            latency.record(nanos, TimeUnit.NANOSECONDS);
            String code = status.getCode().name();
            calls.computeIfAbsent(method + '|' + protocol + '|' + code, k -> Counter.builder("grpc.server.calls")
                    .description("Calls ended, by status").tags("method", method, "protocol", protocol, "status", code)
                    .register(registry)).increment();
            if (ACCESS.isLoggable(Level.FINE)) {
                ACCESS.fine(method + " " + protocol + " " + code + " " + TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0 + "ms "
                        + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            }
        }
    }

    /**
     * A call's protocol: {@code grpc}, {@code grpc-web}, or what the gateway set in {@link #PROTOCOL} — {@code connect},
     * {@code json} (its method routes) or {@code rest} ({@code google.api.http} rules). Leaves the metadata as it is.
     */
    public static String protocolOf(ServerCall<?, ?> call, Metadata headers) {
        String protocol = call.getAttributes().get(PROTOCOL);
        if (protocol != null) {
            return protocol;
        }
        return GRPC_WEB_TOKEN.equals(headers.get(GRPC_WEB)) ? "grpc-web" : "grpc";
    }

    /** The label here: calls over plain HTTP's two route kinds are one, {@code http}, as these metrics always had it. */
    private static String label(String protocol) {
        return protocol.equals("json") || protocol.equals("rest") ? "http" : protocol;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String protocol = label(protocolOf(call, headers));
        headers.discardAll(GRPC_WEB);
        String method = call.getMethodDescriptor().getFullMethodName();
        Meters m = meters.computeIfAbsent(method + '|' + protocol, k -> new Meters(method, protocol));
        m.active.incrementAndGet();
        long start = System.nanoTime();
        AtomicBoolean recorded = new AtomicBoolean();
        ServerCall<ReqT, RespT> measured = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(RespT message) {
                m.sent.increment();
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (recorded.compareAndSet(false, true)) {
                    m.ended(status, start, call);
                }
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<ReqT> listener;
        try {
            listener = next.startCall(measured, headers);
        } catch (RuntimeException e) {
            if (recorded.compareAndSet(false, true)) {
                m.ended(Status.UNKNOWN, start, call);
            }
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(ReqT message) {
                m.received.increment();
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                if (recorded.compareAndSet(false, true)) {
                    m.ended(Status.CANCELLED, start, call);
                }
                super.onCancel();
            }

            @Override
            public void onComplete() {
                // closed without close(): e.g. grpc-java ended the call after an exception
                if (recorded.compareAndSet(false, true)) {
                    m.ended(Status.UNKNOWN, start, call);
                }
                super.onComplete();
            }
        };
    }
}
