package dev.switchboard.it.services.telemetry;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A client interceptor as an instrumented gRPC client has one: a CLIENT span per call, child of the current context
 * (in service code: the server span Switchboard made current), whose context goes out in the request's headers
 * through OpenTelemetry's propagators.
 */
public final class TracePropagation implements ClientInterceptor {

    private static final TextMapSetter<Metadata> SETTER = (headers, key, value) ->
            headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

    private final OpenTelemetry openTelemetry;

    TracePropagation(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method, CallOptions options,
            Channel next) {
        Span span = openTelemetry.getTracer("test-client").spanBuilder(method.getFullMethodName()).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current()).startSpan();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current().with(span), headers, SETTER);
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (!status.isOk()) {
                            span.setStatus(StatusCode.ERROR);
                        }
                        span.end();
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
