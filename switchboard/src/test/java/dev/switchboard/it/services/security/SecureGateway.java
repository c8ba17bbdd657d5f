package dev.switchboard.it.services.security;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

@ApplicationScoped
public class SecureGateway {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().exposeHttp(true).build();
    }
}
