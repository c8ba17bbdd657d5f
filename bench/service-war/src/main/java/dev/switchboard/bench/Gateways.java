package dev.switchboard.bench;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * UnaryCall as JSON at /grpc/grpc.testing.BenchmarkService/UnaryCall (README "JSON routes"); the inventory's GetItem
 * at its google.api.http rule, GET /v1/warehouses/{w}/items/{i} (README "REST from the proto").
 */
@ApplicationScoped
public class Gateways {

    @Produces
    GrpcGateway grpcGateway() {
        return GrpcGateway.builder().path("/grpc").services(BenchmarkServiceBean.class).exposeHttp(true).build();
    }

    @Produces
    GrpcGateway inventoryGateway() {
        return GrpcGateway.builder().path("/inventory").services(InventoryBean.class).exposeHttp(true).build();
    }
}
