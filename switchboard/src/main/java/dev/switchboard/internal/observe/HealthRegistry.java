package dev.switchboard.internal.observe;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.GrpcHealth;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.services.HealthStatusManager;

/**
 * The deployment's health, served by grpc-services' {@code grpc.health.v1.Health} (through its
 * {@link HealthStatusManager}) and by the JSON health route; the application changes it through {@link GrpcHealth}.
 */
public final class HealthRegistry implements GrpcHealth {

    private final HealthStatusManager manager = new HealthStatusManager();
    private final Map<String, ServingStatus> statuses = new ConcurrentHashMap<>();
    private volatile boolean terminal;

    public BindableService service() {
        return manager.getHealthService();
    }

    @Override
    public void setStatus(String service, ServingStatus status) {
        requireNonNull(service, "service");
        requireNonNull(status, "status");
        if (terminal) {
            return; // shutting down: everything stays NOT_SERVING
        }
        statuses.put(service, status);
        manager.setStatus(service, status);
    }

    @Override
    public ServingStatus status(String service) {
        return statuses.getOrDefault(requireNonNull(service, "service"), ServingStatus.SERVICE_UNKNOWN);
    }

    /** Shutdown has started: every service reports NOT_SERVING from now on. */
    public void enterShutdown() {
        terminal = true;
        statuses.replaceAll((name, status) -> ServingStatus.NOT_SERVING);
        manager.enterTerminalState();
    }
}
