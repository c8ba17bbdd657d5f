package dev.switchboard.internal.cdi;

import java.util.List;

import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;

/**
 * One discovered service: its gRPC name, the bean class it came from (for messages and the short JSON route's
 * default name), the definition built from the bean's {@code bindService()}, and its own interceptors (outermost
 * first); {@code nonBlocking}: whether its bean promised that its calls never block
 * ({@code @GrpcService(nonBlocking = true)}).
 */
public record ServiceBinding(String serviceName, Class<?> beanClass, String httpName, ServerServiceDefinition definition,
        List<ServerInterceptor> interceptors, boolean nonBlocking) {

    public ServiceBinding withDefinition(ServerServiceDefinition newDefinition) {
        return new ServiceBinding(serviceName, beanClass, httpName, newDefinition, interceptors, nonBlocking);
    }
}
