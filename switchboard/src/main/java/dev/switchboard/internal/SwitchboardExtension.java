package dev.switchboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import dev.switchboard.GrpcGateway;
import io.grpc.BindableService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

/**
 * Finds the application's gRPC service beans and gateway beans while CDI boots, and fails the deployment when
 * they cannot be served. Registered through {@code META-INF/services}, so the library jar needs no beans.xml.
 */
public final class SwitchboardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(SwitchboardExtension.class.getName());

    private final List<Bean<?>> serviceBeans = new ArrayList<>();
    private final List<Bean<?>> gatewayBeans = new ArrayList<>();
    private volatile ServiceCatalog catalog;

    void collect(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getTypes().contains(BindableService.class)) {
            serviceBeans.add(bean);
        }
        if (bean.getTypes().contains(GrpcGateway.class)) {
            gatewayBeans.add(bean);
        }
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        try {
            catalog = ServiceCatalog.resolve(serviceBeans, gatewayBeans, beanManager);
            LOG.fine(() -> "gRPC services: " + catalog.services());
        } catch (DeploymentException e) {
            event.addDeploymentProblem(e);
        }
    }

    /** The services and gateways, once CDI has validated the deployment. */
    ServiceCatalog catalog() {
        if (catalog == null) {
            throw new IllegalStateException("CDI has not finished deploying the application");
        }
        return catalog;
    }
}
