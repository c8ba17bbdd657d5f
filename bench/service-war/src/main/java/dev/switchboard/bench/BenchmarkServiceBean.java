package dev.switchboard.bench;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.benchmarks.qps.AsyncServer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * grpc-java's own benchmark service ({@code grpc.testing.BenchmarkService}, the implementation its
 * {@code AsyncServer} serves on Netty) as a CDI bean: the very same code answers on A (Netty) and B (Switchboard).
 */
@ApplicationScoped
public class BenchmarkServiceBean implements BindableService {

    private final AsyncServer.BenchmarkServiceImpl impl = new AsyncServer.BenchmarkServiceImpl();

    @Override
    public ServerServiceDefinition bindService() {
        return impl.bindService();
    }
}
