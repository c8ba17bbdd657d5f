package dev.switchboard.it.openapi;

import dev.switchboard.GrpcGateway;
import dev.switchboard.it.services.OtherServiceImpl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Gateways that describe the document themselves: /api gives the title, version and servers; /internal is served but
 * left out of the document; /admin gives the same title as /api, which is no conflict.
 */
@ApplicationScoped
public class DescribedGateways {

    @Produces
    GrpcGateway api() {
        return GrpcGateway.builder().path("/api").exposeHttp(true)
                .openApiTitle("Echo from its gateway").openApiVersion("4.5").openApiServers("https://gateway.example.com/echo").build();
    }

    @Produces
    GrpcGateway internal() {
        return GrpcGateway.builder().path("/internal").exposeHttp(true).openApi(false).build();
    }

    @Produces
    GrpcGateway admin() {
        return GrpcGateway.builder().path("/admin").services(OtherServiceImpl.class).exposeHttp(true)
                .openApiTitle("Echo from its gateway").build();
    }
}
