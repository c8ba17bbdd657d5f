package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One gateway exposing every service of the WAR over plain HTTP, at /grpc. */
@ApplicationScoped
public class AllServicesGateway {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().path("/grpc").exposeHttp(true).build();
    }
}
