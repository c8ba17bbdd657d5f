package dev.switchboard.example;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Ravyn's {@code GrpcGateway(path="/grpc", services=[GreeterService], expose_http=True)}, and one for the inventory. */
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

    /**
     * The inventory service, REST from its proto: exposed over HTTP, its methods' {@code google.api.http} rules are
     * served at their own paths ({@code /v1/warehouses}...), its seed-style routes under {@code /inventory}.
     */
    @Produces
    GrpcGateway inventoryGateway() {
        return GrpcGateway.builder()
                .path("/inventory")
                .services(InventoryService.class)
                .exposeHttp(true)
                .build();
    }
}
