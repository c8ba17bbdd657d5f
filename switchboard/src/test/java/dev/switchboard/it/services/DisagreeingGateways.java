package dev.switchboard.it.services;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Two gateways giving the one OpenAPI document two titles: the deployment fails (DeploymentFailureIT). */
@ApplicationScoped
public class DisagreeingGateways {

    @Produces
    GrpcGateway one() {
        return GrpcGateway.builder().path("/one").exposeHttp(true).openApiTitle("One").build();
    }

    @Produces
    GrpcGateway two() {
        return GrpcGateway.builder().path("/two").exposeHttp(true).openApiTitle("Two").build();
    }
}
