package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** As {@link LibraryGateway}, GET only: the library's rules of other HTTP methods are not served. */
@ApplicationScoped
public class LibraryGetOnlyGateway {

    @Produces
    GrpcGateway gateway() {
        return GrpcGateway.builder().path("/grpc").services(LibraryServiceImpl.class).httpMethods("GET").exposeHttp(true).build();
    }
}
