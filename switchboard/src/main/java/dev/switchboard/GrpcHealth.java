package dev.switchboard;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;

/**
 * The health of the services, as {@code grpc.health.v1.Health} and {@code {base-path}/health} report it; inject it
 * to change a status. Every service is {@code SERVING} once deployment is complete and {@code NOT_SERVING} as soon as
 * shutdown starts. The empty name {@code ""} is the whole server.
 */
public interface GrpcHealth {

    void setStatus(String service, ServingStatus status);

    ServingStatus status(String service);
}
