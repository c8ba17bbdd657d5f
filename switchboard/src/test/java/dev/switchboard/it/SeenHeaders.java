package dev.switchboard.it;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Copies the {@code x-test} header into the call's {@link Context}, so the service can show what an interceptor saw;
 * proves that JSON calls pass through the same interceptors and Context as gRPC calls.
 */
final class SeenHeaders implements ServerInterceptor {

    static final Context.Key<String> VALUE = Context.key("x-test");
    private static final Metadata.Key<String> HEADER = Metadata.Key.of("x-test", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String value = headers.get(HEADER);
        if (value == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(VALUE, "interceptor saw " + value), call, headers, next);
    }
}
