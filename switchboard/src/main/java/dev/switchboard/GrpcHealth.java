package dev.switchboard;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

/**
 * The health of the services, as {@code grpc.health.v1.Health} and {@code {base-path}/health} report it; inject it
 * to change a status. Every service is {@code SERVING} once deployment is complete and {@code NOT_SERVING} as soon as
 * shutdown starts. The empty name {@code ""} is the whole server.
 */
public interface GrpcHealth {

    /** Sets a service's status ({@code ""}: the whole server); ignored once shutdown has started. */
    void setStatus(String service, ServingStatus status);

    /** A service's status; {@code SERVICE_UNKNOWN} for a name that has none. */
    ServingStatus status(String service);
}
