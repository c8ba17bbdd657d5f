package dev.switchboard.internal.cdi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.GrpcGateway;
import jakarta.enterprise.inject.spi.DeploymentException;

/** Deployment-time checks of the declared gateways against the discovered services. */
final class GatewayValidation {

    private GatewayValidation() {
    }

    static void check(List<GrpcGateway> gateways, List<ServiceBinding> services) {
        Map<String, GrpcGateway> byPath = new HashMap<>();
        for (GrpcGateway gateway : gateways) {
            if (!gateway.exposeHttp()) {
                continue;
            }
            GrpcGateway clash = byPath.putIfAbsent(gateway.path(), gateway);
            if (clash != null) {
                throw new DeploymentException("Two gateways expose JSON at the same path " + gateway.path() + ": " + clash
                        + " and " + gateway + ". Give each gateway its own path.");
            }
            for (Class<?> named : gateway.services()) {
                if (services.stream().noneMatch(s -> named.isAssignableFrom(s.beanClass()))) {
                    throw new DeploymentException(gateway + " names " + named.getName()
                            + ", which is not a gRPC service bean. Make it a CDI bean (e.g. @ApplicationScoped or"
                            + " @GrpcService) in a bean archive, or remove it from the gateway.");
                }
            }
            Map<String, ServiceBinding> byHttpName = new HashMap<>();
            for (ServiceBinding service : services) {
                if (!gateway.includes(service.beanClass())) {
                    continue;
                }
                ServiceBinding twin = byHttpName.putIfAbsent(service.httpName(), service);
                if (twin != null) {
                    throw new DeploymentException("In " + gateway + ", " + twin.beanClass().getName() + " and "
                            + service.beanClass().getName() + " share the JSON route name '" + service.httpName()
                            + "'. Give one of them another with @GrpcService(httpName = \"...\").");
                }
            }
        }
    }
}
