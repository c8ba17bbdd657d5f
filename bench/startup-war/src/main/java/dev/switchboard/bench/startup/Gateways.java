package dev.switchboard.bench.startup;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** JSON routes for all 50 services (/grpc/bench.startup.ServiceNN/UnaryCall), so startup includes route building. */
@ApplicationScoped
public class Gateways {

    @Produces
    GrpcGateway grpcGateway() {
        return GrpcGateway.builder().path("/grpc").exposeHttp(true).build();
    }
}
