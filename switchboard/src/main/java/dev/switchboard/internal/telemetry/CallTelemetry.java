package dev.switchboard.internal.telemetry;

import dev.switchboard.internal.chain.CallMetrics;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.common.io.CountingInputStream;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * OpenTelemetry for every call, in the chain next to {@link CallMetrics}, so every protocol is measured in one place
 * and once: gRFC A66's metrics ({@link ServerInstruments}) and one SERVER span, named {@code package.Service/Method},
 * whose parent is the W3C trace context of the call's headers (read with the OpenTelemetry instance's own
 * propagators). Each listener callback runs with the span's context current, so service code's own instrumented
 * outgoing calls continue the trace, on whichever thread the chain's executor runs it.
 */
public final class CallTelemetry implements ServerInterceptor {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final ServerInstruments instruments;
    private final Map<String, RpcAttributes.OfMethod> methods = new ConcurrentHashMap<>();

    private CallTelemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(ServerInstruments.SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.instruments = new ServerInstruments(openTelemetry);
    }

    /** The interceptor, or null when {@code openTelemetry} is (telemetry off: nothing in the chain). */
    public static CallTelemetry of(OpenTelemetry openTelemetry) {
        return openTelemetry == null ? null : new CallTelemetry(openTelemetry);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        String protocol = CallMetrics.protocolOf(call, headers);
        Context parent = propagator.extract(Context.root(), headers, MetadataGetter.INSTANCE);
        RpcAttributes.OfMethod attributes = methods.computeIfAbsent(method + '|' + protocol,
                k -> new RpcAttributes.OfMethod(method, protocol));
        SpanBuilder builder = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAllAttributes(attributes.span);
        RpcAttributes.peer(builder, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        Span span = builder.startSpan();
        instruments.started(attributes.started);
        RpcCall rpc = new RpcCall(span, attributes, instruments);
        // The parent context keeps the caller's baggage; the span goes on top of it.
        Context context = parent.with(span);
        ServerCall.Listener<ReqT> listener;
        try (Scope ignored = context.makeCurrent()) {
            listener = next.startCall(new TracedCall<>(call, rpc), headers);
        } catch (RuntimeException | Error e) {
            rpc.threw(e);
            rpc.end(Status.UNKNOWN);
            throw e;
        }
        return new TracedListener<>(listener, context, rpc);
    }

    private static final class TracedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
        private final RpcCall rpc;

        TracedCall(ServerCall<ReqT, RespT> delegate, RpcCall rpc) {
            super(delegate);
            this.rpc = rpc;
        }

        @Override
        public void sendMessage(RespT message) {
            rpc.sent(message);
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            // Recorded before the status leaves, so that a client that has it finds the call measured. A call whose
            // Context is already cancelled (the client left, or its deadline passed, while service code ran) is
            // recorded as that: the status service code closes it with then never reaches the client.
            io.grpc.Context context = io.grpc.Context.current();
            if (context.isCancelled()) {
                rpc.cancelled(context);
            } else {
                rpc.end(status);
            }
            super.close(status, trailers);
        }
    }

    /** Makes the span's context current around each callback, and sees what service code throws. */
    private static final class TracedListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
        private final Context context;
        private final RpcCall rpc;

        TracedListener(ServerCall.Listener<ReqT> delegate, Context context, RpcCall rpc) {
            super(delegate);
            this.context = context;
            this.rpc = rpc;
        }

        @Override
        public void onMessage(ReqT message) {
            try (Scope ignored = context.makeCurrent()) {
                if (message instanceof InputStream raw) {
                    CountingInputStream counted = new CountingInputStream(raw);
                    @SuppressWarnings("unchecked")
                    ReqT same = (ReqT) counted;
                    super.onMessage(same);
                    rpc.receivedBytes(counted.getCount());
                } else {
                    rpc.received(message);
                    super.onMessage(message);
                }
            } catch (RuntimeException | Error e) {
                rpc.threw(e);
                throw e;
            }
        }

        @Override
        public void onHalfClose() {
            traced(super::onHalfClose);
        }

        @Override
        public void onReady() {
            traced(super::onReady);
        }

        /** Runs a callback of service code with the span's context current, seeing what it throws. */
        private void traced(Runnable callback) {
            try (Scope ignored = context.makeCurrent()) {
                callback.run();
            } catch (RuntimeException | Error e) {
                rpc.threw(e);
                throw e;
            }
        }

        @Override
        public void onCancel() {
            rpc.cancelled(io.grpc.Context.current());
            try (Scope ignored = context.makeCurrent()) {
                super.onCancel();
            }
        }

        @Override
        public void onComplete() {
            // Completed without a close through this call: grpc-java ended it after service code threw.
            rpc.end(Status.UNKNOWN);
            try (Scope ignored = context.makeCurrent()) {
                super.onComplete();
            }
        }
    }
}
