package dev.switchboard.it.services;

import dev.switchboard.GrpcHealth;
import dev.switchboard.GrpcService;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import jakarta.inject.Inject;

/** A {@code @Dependent} service bean (through the stereotype) that binds its implementation with an interceptor. */
@GrpcService
public class EchoService implements BindableService {

    @Inject
    GrpcHealth health;

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(new EchoImpl(health), new SeenHeaders());
    }
}
