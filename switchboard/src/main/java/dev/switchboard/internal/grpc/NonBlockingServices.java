package dev.switchboard.internal.grpc;

import java.util.Set;
import java.util.concurrent.Executor;

import dev.switchboard.internal.container.InlineFirstExecutor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;

/**
 * The services whose calls promised never to block ({@code @GrpcService(nonBlocking = true)}, context-param
 * {@code switchboard.non-blocking-services}): their callbacks run on the container's thread that delivers each, as
 * with the {@code direct} executor, while every other service's keep the deployment's executor.
 *
 * <p>Why per call and in two steps: grpc-core lets a server move a call to another executor
 * ({@link ServerCallExecutorSupplier}, {@link #getExecutor}), but only from its method lookup, which runs on the server's
 * executor — with the inline-first executor behind a Jetty-native front, on Switchboard's pool. {@link #starting} has
 * that lookup run on the thread that starts the call instead ({@link InlineFirstExecutor#startingHere}); from there on
 * the call's callbacks run in place. Health, reflection and services without the promise are left alone.
 */
public final class NonBlockingServices implements ServerCallExecutorSupplier {

    private static final NonBlockingServices NONE = new NonBlockingServices(Set.of());

    private final Set<String> names;

    private NonBlockingServices(Set<String> names) {
        this.names = names;
    }

    /** {@code names}: full gRPC service names ({@code package.Service}). */
    public static NonBlockingServices of(Set<String> names) {
        return names.isEmpty() ? NONE : new NonBlockingServices(Set.copyOf(names));
    }

    public static NonBlockingServices none() {
        return NONE;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether the full method name {@code method} ({@code package.Service/Method}) is of a service with the promise. */
    public boolean covers(String method) {
        if (names.isEmpty()) {
            return false;
        }
        String service = MethodDescriptor.extractFullServiceName(method);
        return service != null && names.contains(service);
    }

    /**
     * Runs {@code start}, which hands a call for {@code method} to grpc-core: for a service with the promise, so that
     * its method lookup runs on this thread (and with it the move to {@link InlineFirstExecutor#IN_PLACE}). Returns
     * whether it was such a service's.
     */
    public <E extends Exception> boolean starting(String method, InlineFirstExecutor.Block<E> start) throws E {
        if (covers(method)) {
            InlineFirstExecutor.startingHere(start);
            return true;
        }
        start.run();
        return false;
    }

    @Override
    public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
        return covers(call.getMethodDescriptor().getFullMethodName()) ? InlineFirstExecutor.IN_PLACE : null;
    }
}
