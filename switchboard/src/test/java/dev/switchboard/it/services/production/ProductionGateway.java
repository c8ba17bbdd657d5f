package dev.switchboard.it.services.production;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

@ApplicationScoped
public class ProductionGateway {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().exposeHttp(true).build();
    }
}
