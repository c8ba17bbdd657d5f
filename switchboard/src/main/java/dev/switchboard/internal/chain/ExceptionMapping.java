package dev.switchboard.internal.chain;

import java.util.Map;

import dev.switchboard.GrpcExceptionMapper;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Applies the application's {@link GrpcExceptionMapper}s, innermost around the service, to what service code throws
 * from a callback or passes to {@code onError}. What no mapper handles goes on unchanged (grpc-java makes it
 * {@code UNKNOWN} and logs it).
 */
public final class ExceptionMapping implements ServerInterceptor {

    private final Map<Class<?>, GrpcExceptionMapper<?>> mappers;

    ExceptionMapping(Map<Class<?>, GrpcExceptionMapper<?>> mappers) {
        this.mappers = Map.copyOf(mappers);
    }

    public boolean isEmpty() {
        return mappers.isEmpty();
    }

    /** The mapped status for {@code error}, or null when no mapper handles it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    StatusRuntimeException map(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            GrpcExceptionMapper mapper = mappers.get(type);
            if (mapper != null) {
                return mapper.toStatus(error);
            }
        }
        return null;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        MappingCall<ReqT, RespT> mapping = new MappingCall<>(call);
        return new MappingListener<>(next.startCall(mapping, headers), mapping);
    }

    /** Maps the cause of an error status, as {@code responseObserver.onError(exception)} sends it. */
    private final class MappingCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
        private boolean closed;

        MappingCall(ServerCall<ReqT, RespT> delegate) {
            super(delegate);
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (closed) {
                return;
            }
            closed = true;
            StatusRuntimeException mapped = status.isOk() || status.getCause() == null ? null : map(status.getCause());
            if (mapped == null) {
                super.close(status, trailers);
            } else {
                Metadata merged = mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers();
                merged.merge(trailers);
                super.close(mapped.getStatus(), merged);
            }
        }

        /** A mapped exception thrown from a callback: the call ends with its status. */
        boolean closeMapped(RuntimeException e) {
            StatusRuntimeException mapped = map(e);
            if (mapped == null) {
                return false;
            }
            synchronized (this) {
                if (!closed) {
                    closed = true;
                    super.close(mapped.getStatus(), mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers());
                }
            }
            return true;
        }
    }

    private static final class MappingListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
        private final MappingCall<ReqT, ?> call;

        MappingListener(ServerCall.Listener<ReqT> delegate, MappingCall<ReqT, ?> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(ReqT message) {
            try {
                super.onMessage(message);
            } catch (RuntimeException e) {
                if (!call.closeMapped(e)) {
                    throw e;
                }
            }
        }

        @Override
        public void onHalfClose() {
            try {
                super.onHalfClose();
            } catch (RuntimeException e) {
                if (!call.closeMapped(e)) {
                    throw e;
                }
            }
        }

        @Override
        public void onReady() {
            try {
                super.onReady();
            } catch (RuntimeException e) {
                if (!call.closeMapped(e)) {
                    throw e;
                }
            }
        }
    }
}
