package dev.switchboard.internal.chain;

import dev.switchboard.internal.observe.ClientFaults;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Request messages parsed where a failure can be answered properly. grpc-core (1.79) parses each request message in
 * {@code ServerCallImpl}'s listener with the method's request marshaller; what that throws — a message that inflates
 * past the size limit ({@code RESOURCE_EXHAUSTED} from the deframer's size-enforcing stream) or is not protobuf
 * ({@code INTERNAL}) — reaches {@code ServerImpl}'s {@code JumpToApplicationThreadServerStreamListener}, which closes
 * the call as {@code UNKNOWN} "Application error processing RPC" and rethrows, and {@code SerializingExecutor} logs
 * it at SEVERE with its stack: a cheap way for any client to fill a disk with one gzip bomb per call.
 *
 * <p>So the methods grpc-core sees take the request as its raw {@link InputStream} (as grpc-java's
 * {@code ServerInterceptors.useInputStreamMessages} does), and the wrapped handler parses it with the method's own
 * marshaller inside the listener, before any of the application's code: a failure closes the call with the
 * parser's status (no cause, so no stack trace travels on), cancels the call for the service, and is logged by
 * {@link ClientFaults}. Applied inside Switchboard's outermost interceptors (metrics, call tracking), so they see
 * the call end with that status; the application's interceptors and services see the original method.
 */
public final class RequestParsing {

    private static final MethodDescriptor.Marshaller<InputStream> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            // Read within the listener's onMessage, before grpc-core closes it.
            return stream;
        }
    };

    private RequestParsing() {
    }

    /** The same service, its request messages parsed by {@link #parsing}. */
    public static ServerServiceDefinition inListener(ServerServiceDefinition definition) {
        ServiceDescriptor original = definition.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
            ServerMethodDefinition<InputStream, ?> wrapped = wrap(method);
            methods.add(wrapped);
            descriptor.addMethod(wrapped.getMethodDescriptor());
        }
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <ReqT, RespT> ServerMethodDefinition<InputStream, RespT> wrap(ServerMethodDefinition<ReqT, RespT> method) {
        MethodDescriptor<ReqT, RespT> original = method.getMethodDescriptor();
        MethodDescriptor<InputStream, RespT> raw = original.toBuilder(RAW, original.getResponseMarshaller()).build();
        ServerCallHandler<ReqT, RespT> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(raw, (call, headers) -> parsing(original, handler, call, headers));
    }

    private static <ReqT, RespT> ServerCall.Listener<InputStream> parsing(MethodDescriptor<ReqT, RespT> method,
            ServerCallHandler<ReqT, RespT> handler, ServerCall<InputStream, RespT> call, Metadata headers) {
        ServerCall<ReqT, RespT> original = new ForwardingServerCall<>() {
            @Override
            @SuppressWarnings("unchecked")
            protected ServerCall<ReqT, RespT> delegate() {
                // Only the request type differs, and nothing of a ServerCall takes a request.
                return (ServerCall<ReqT, RespT>) (ServerCall<?, RespT>) call;
            }

            @Override
            public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
                return method;
            }
        };
        return new ParsingListener<>(method, call, handler.startCall(original, headers));
    }

    /** Parses each message for the service's listener; after a failure, the service hears only its cancellation. */
    private static final class ParsingListener<ReqT> extends ServerCall.Listener<InputStream> {
        private final MethodDescriptor<ReqT, ?> method;
        private final ServerCall<InputStream, ?> call;
        private final ServerCall.Listener<ReqT> delegate;
        /** Only grpc-core's serialized callbacks touch it. */
        private boolean failed;

        ParsingListener(MethodDescriptor<ReqT, ?> method, ServerCall<InputStream, ?> call, ServerCall.Listener<ReqT> delegate) {
            this.method = method;
            this.call = call;
            this.delegate = delegate;
        }

        @Override
        public void onMessage(InputStream message) {
            if (failed) {
                return;
            }
            ReqT request;
            try {
                request = method.parseRequest(message);
            } catch (RuntimeException e) {
                failed = true;
                Status status = statusOf(e);
                ClientFaults.report("gRPC request message refused", method.getFullMethodName() + ": " + status.getCode()
                        + " " + status.getDescription());
                call.close(status, new Metadata());
                delegate.onCancel();
                return;
            }
            delegate.onMessage(request);
        }

        /** The parser's own status (grpc-java's marshallers throw one), without its cause: nothing to log. */
        private static Status statusOf(RuntimeException e) {
            if (e instanceof StatusRuntimeException sre) {
                return Status.fromCode(sre.getStatus().getCode()).withDescription(sre.getStatus().getDescription());
            }
            return Status.INTERNAL.withDescription("The request message could not be parsed");
        }

        @Override
        public void onHalfClose() {
            if (!failed) {
                delegate.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            if (!failed) {
                delegate.onCancel();
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                delegate.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (!failed) {
                delegate.onReady();
            }
        }
    }
}
