package dev.switchboard.internal.chain;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The outermost interceptor of every service, on both protocols: it knows which calls are in flight so that an
 * undeploy can refuse new calls, give the running ones a grace period and then end the rest with
 * {@code UNAVAILABLE}.
 */
public final class CallTracker implements ServerInterceptor {

    private final Set<TrackedCall<?, ?>> live = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (draining) {
            call.close(Status.UNAVAILABLE.withDescription("The server is shutting down"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        // A context of the call's own, cancelled when the call is cut at shutdown: service code that blocks on the
        // container's thread (inline-first) keeps that thread's dispatch open, and until it returns the container
        // cannot complete the response, so the transport would never cancel the call's context for it.
        Context.CancellableContext context = Context.current().withCancellation();
        TrackedCall<ReqT, RespT> tracked = new TrackedCall<>(call, context);
        live.add(tracked);
        try {
            return new TrackingListener<>(Contexts.interceptCall(context, tracked, headers, next), tracked);
        } catch (RuntimeException | Error e) {
            live.remove(tracked);
            throw e;
        }
    }

    /** Number of calls in flight. */
    public int inFlight() {
        return live.size();
    }

    /**
     * Refuses new calls, waits up to {@code grace} for the calls in flight, then closes what is left with
     * {@code UNAVAILABLE}. Returns how many calls had to be cut short.
     */
    public int drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int cut = 0;
        for (TrackedCall<?, ?> call : live) {
            if (call.forceClose(Status.UNAVAILABLE.withDescription("The server shut down before the call completed"))) {
                cut++;
            }
        }
        live.clear();
        return cut;
    }

    /** Serializes close against a forced close at shutdown, so a call is closed exactly once. */
    private final class TrackedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
        private final Context.CancellableContext context;
        private boolean closed;
        private volatile boolean forced;

        TrackedCall(ServerCall<ReqT, RespT> delegate, Context.CancellableContext context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public synchronized void sendMessage(RespT message) {
            if (!forced) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (forced) {
                return;
            }
            closed = true;
            live.remove(this);
            super.close(status, trailers);
        }

        /** Cut calls count as cancelled: service code that polls this (as streaming code does) stops. */
        @Override
        public boolean isCancelled() {
            return forced || super.isCancelled();
        }

        synchronized boolean forceClose(Status status) {
            if (closed) {
                return false;
            }
            closed = true;
            forced = true;
            context.cancel(status.asRuntimeException());
            super.close(status, new Metadata());
            return true;
        }

        void ended() {
            live.remove(this);
        }
    }

    /** Forgets a call once it has ended, however it ended (the client may cancel without any close). */
    private static final class TrackingListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
        private final TrackedCall<ReqT, ?> call;

        TrackingListener(ServerCall.Listener<ReqT> delegate, TrackedCall<ReqT, ?> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onCancel() {
            call.ended();
            super.onCancel();
        }

        @Override
        public void onComplete() {
            call.ended();
            super.onComplete();
        }
    }
}
