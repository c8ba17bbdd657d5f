package dev.switchboard.bench;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** UnaryCall as JSON at /grpc/grpc.testing.BenchmarkService/UnaryCall (README "JSON routes"). */
@ApplicationScoped
public class Gateways {

    @Produces
    GrpcGateway grpcGateway() {
        return GrpcGateway.builder().path("/grpc").services(BenchmarkServiceBean.class).exposeHttp(true).build();
    }
}
