package dev.switchboard.internal.cdi;

import dev.switchboard.internal.chain.ExceptionMappers;
import dev.switchboard.internal.observe.HealthRegistry;
import dev.switchboard.internal.observe.MicroProfileHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import dev.switchboard.GrpcGateway;
import dev.switchboard.GrpcHealth;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.inject.Singleton;

/**
 * Finds the application's gRPC service, gateway, interceptor and exception mapper beans while CDI boots, offers
 * {@link GrpcHealth} for injection, and fails the deployment when the beans cannot be served. Registered through
 * {@code META-INF/services}. The jar's beans.xml discovers nothing; it is there for WildFly (see its comment).
 */
public final class SwitchboardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(SwitchboardExtension.class.getName());

    private final DiscoveredBeans discovered = new DiscoveredBeans();
    private final HealthRegistry health = new HealthRegistry();
    private volatile ServiceCatalog catalog;

    /** The beans found, by role. */
    static final class DiscoveredBeans {
        final List<Bean<?>> services = new ArrayList<>();
        final List<Bean<?>> gateways = new ArrayList<>();
        final List<Bean<?>> interceptors = new ArrayList<>();
        final List<Bean<?>> mappers = new ArrayList<>();
    }

    void collect(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getTypes().contains(BindableService.class)) {
            discovered.services.add(bean);
        }
        if (bean.getTypes().contains(GrpcGateway.class)) {
            discovered.gateways.add(bean);
        }
        if (bean.getTypes().contains(ServerInterceptor.class)) {
            discovered.interceptors.add(bean);
        }
        if (ExceptionMappers.handledType(bean) != null) {
            discovered.mappers.add(bean);
        }
    }

    void offerHealth(@Observes AfterBeanDiscovery event) {
        event.addBean().types(GrpcHealth.class, Object.class).scope(Singleton.class).createWith(c -> health);
        // The service names are known only once the catalog is resolved; the check reads them when it is called.
        MicroProfileHealth.registerIfAvailable(event, health, () -> () -> catalog == null ? java.util.Collections.emptyIterator()
                : catalog.services().stream().map(ServiceBinding::serviceName).iterator());
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        try {
            catalog = ServiceCatalog.resolve(discovered, beanManager, health);
            LOG.fine(() -> "gRPC services: " + catalog.services());
        } catch (DeploymentException e) {
            event.addDeploymentProblem(e);
        }
    }

    /** The services and gateways, once CDI has validated the deployment. */
    public ServiceCatalog catalog() {
        if (catalog == null) {
            throw new IllegalStateException("CDI has not finished deploying the application");
        }
        return catalog;
    }
}
