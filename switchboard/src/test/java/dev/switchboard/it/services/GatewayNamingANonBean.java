package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A gateway that names a service class that is not a bean in the WAR: deployment must fail and name it. */
@ApplicationScoped
public class GatewayNamingANonBean {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().services(DuplicateOtherService.class).exposeHttp(true).build();
    }
}
