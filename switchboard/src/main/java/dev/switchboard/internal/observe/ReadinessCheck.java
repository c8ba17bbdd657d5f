package dev.switchboard.internal.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

/**
 * A MicroProfile Health readiness check that reports the gRPC health: UP while the server ({@code ""}) is SERVING,
 * with each service's status as data. Registered only where MicroProfile Health is on the class path (WildFly, Open
 * Liberty, SmallRye Health), so that {@code /health/ready} and {@code grpc.health.v1} agree.
 */
final class ReadinessCheck implements HealthCheck {

    static final String NAME = "switchboard-grpc";

    private final HealthRegistry health;
    private final Iterable<String> services;

    ReadinessCheck(HealthRegistry health, Iterable<String> services) {
        this.health = health;
        this.services = services;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String service : services) {
            data.put(service, health.status(service).name());
        }
        boolean up = health.status("") == ServingStatus.SERVING;
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
