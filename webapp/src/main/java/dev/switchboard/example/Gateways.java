package dev.switchboard.example;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Ravyn's {@code GrpcGateway(path="/grpc", services=[GreeterService], expose_http=True)}. */
@ApplicationScoped
public class Gateways {

    @Produces
    GrpcGateway grpcGateway() {
        return GrpcGateway.builder()
                .path("/grpc")
                .services(GreeterService.class)
                .exposeHttp(true)
                .build();
    }
}
