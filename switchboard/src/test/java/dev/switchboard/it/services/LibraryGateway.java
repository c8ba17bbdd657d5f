package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The HTTP rule tests' gateway: the library's JSON routes at /grpc, its HTTP rules at their own paths. */
@ApplicationScoped
public class LibraryGateway {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().path("/grpc").services(LibraryServiceImpl.class).exposeHttp(true).build();
    }
}
