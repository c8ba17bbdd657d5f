package dev.switchboard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

/**
 * A MicroProfile Health readiness check that reports the gRPC health: UP while the server ({@code ""}) is SERVING,
 * with each service's status as data. Registered only where MicroProfile Health is on the class path (WildFly, Open
 * Liberty, SmallRye Health), so that {@code /health/ready} and {@code grpc.health.v1} agree.
 */
final class ReadinessCheck implements HealthCheck {

    static final String NAME = "switchboard-grpc";
    private static final String API = "org.eclipse.microprofile.health.HealthCheck";

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

    /** Adds the check as a {@code @Readiness} bean when MicroProfile Health is there; does nothing otherwise. */
    static void registerIfAvailable(AfterBeanDiscovery event, HealthRegistry health, Iterable<String> services) {
        try {
            Class.forName(API, false, ReadinessCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        event.addBean().beanClass(ReadinessCheck.class).types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(jakarta.inject.Singleton.class)
                .createWith(c -> new ReadinessCheck(health, services));
    }
}
