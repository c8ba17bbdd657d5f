package dev.switchboard.it.services;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.testing.integration.TestServiceImpl;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** grpc-java's official interop TestService, with its own interceptors, deployed as an ordinary CDI bean. */
@ApplicationScoped
public class InteropTestService implements BindableService {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(new TestServiceImpl(executor), TestServiceImpl.interceptors());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
