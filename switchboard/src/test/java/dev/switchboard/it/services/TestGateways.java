package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Three gateways side by side: everything at /grpc, one service POST-only at /post-only, one without JSON. */
@ApplicationScoped
public class TestGateways {

    @Produces
    GrpcGateway main() {
        return GrpcGateway.builder().path("/grpc").exposeHttp(true).build();
    }

    @Produces
    GrpcGateway postOnly() {
        return GrpcGateway.builder().path("/post-only").services(OtherServiceImpl.class).httpMethods("POST").exposeHttp(true).build();
    }

    @Produces
    GrpcGateway grpcOnly() {
        return GrpcGateway.builder().path("/hidden").services(OtherServiceImpl.class).build();
    }
}
