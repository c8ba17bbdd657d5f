package dev.switchboard.it.services;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Puts what it sees of the request metadata into the call's {@link Context} (the service echoes it), and answers
 * {@code x-echo-header} with a response header and a trailer: proves that calls over HTTP pass through the same
 * interceptors, Context and metadata as gRPC calls.
 */
public final class SeenHeaders implements ServerInterceptor {

    static final Context.Key<Map<String, String>> VALUE = Context.key("seen-headers");
    private static final Metadata.Key<String> TEST = Metadata.Key.of("x-test", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<byte[]> DATA = Metadata.Key.of("x-data-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final Metadata.Key<String> ECHO = Metadata.Key.of("x-echo-header", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ECHOED = Metadata.Key.of("x-echoed", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRAILER = Metadata.Key.of("x-trailer", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Map<String, String> seen = new HashMap<>();
        if (headers.get(TEST) != null) {
            seen.put("x-test", "interceptor saw " + headers.get(TEST));
        }
        if (headers.get(DATA) != null) {
            seen.put("x-data-bin", new String(headers.get(DATA), StandardCharsets.UTF_8));
        }
        for (String key : headers.keys()) {
            if (key.equals("connection") || key.equals("content-length") || key.equals("te") || key.startsWith("grpc-")) {
                seen.put("leaked", key);
            }
        }
        String echo = headers.get(ECHO);
        ServerCall<ReqT, RespT> answered = echo == null ? call : new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(ECHOED, echo);
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                trailers.put(TRAILER, "done " + echo);
                super.close(status, trailers);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(VALUE, seen), answered, headers, next);
    }
}
