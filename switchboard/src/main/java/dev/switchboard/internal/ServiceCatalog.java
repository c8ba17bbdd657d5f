package dev.switchboard.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.switchboard.GrpcGateway;
import dev.switchboard.GrpcService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;

/**
 * The services and gateways of one deployment, resolved through the {@link BeanManager} once CDI has validated the
 * deployment. Service beans are resolved with {@code getReference} rather than injected: a generated
 * {@code *ImplBase} has a final {@code bindService()}, which makes normal-scoped beans unproxyable for
 * {@code @Inject}; the reference still works because {@code bindService()} only hands {@code this} to the stub.
 */
final class ServiceCatalog {

    private static final Set<Class<?>> SUPPORTED_SCOPES = Set.of(ApplicationScoped.class, Singleton.class, Dependent.class);

    private final List<ServiceBinding> services;
    private final List<GrpcGateway> gateways;
    private final List<CreationalContext<?>> contexts;

    private ServiceCatalog(List<ServiceBinding> services, List<GrpcGateway> gateways, List<CreationalContext<?>> contexts) {
        this.services = List.copyOf(services);
        this.gateways = List.copyOf(gateways);
        this.contexts = contexts;
    }

    static ServiceCatalog resolve(List<Bean<?>> serviceBeans, List<Bean<?>> gatewayBeans, BeanManager beanManager) {
        List<CreationalContext<?>> contexts = new ArrayList<>();
        List<ServiceBinding> services = new ArrayList<>();
        Map<String, ServiceBinding> byName = new HashMap<>();
        for (Bean<?> bean : serviceBeans) {
            ServiceBinding binding = bind(bean, beanManager, contexts);
            ServiceBinding clash = byName.putIfAbsent(binding.serviceName(), binding);
            if (clash != null) {
                throw new DeploymentException("Two beans provide the gRPC service '" + binding.serviceName() + "': "
                        + clash.beanClass().getName() + " and " + binding.beanClass().getName()
                        + ". A service name can be served once: remove one of the beans, or make one an @Alternative"
                        + " or @Vetoed so that only one is a bean.");
            }
            services.add(binding);
        }
        List<GrpcGateway> gateways = new ArrayList<>();
        for (Bean<?> bean : gatewayBeans) {
            gateways.add((GrpcGateway) beanManager.getReference(bean, GrpcGateway.class, track(beanManager, bean, contexts)));
        }
        GatewayValidation.check(gateways, services);
        return new ServiceCatalog(services, gateways, contexts);
    }

    private static ServiceBinding bind(Bean<?> bean, BeanManager beanManager, List<CreationalContext<?>> contexts) {
        Class<?> beanClass = serviceClass(bean);
        Class<?> scope = bean.getScope();
        if (!SUPPORTED_SCOPES.contains(scope)) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " is @" + scope.getSimpleName()
                    + ", which Switchboard cannot serve: a service must outlive each call. Make it @ApplicationScoped,"
                    + " @Singleton or @Dependent.");
        }
        ServerServiceDefinition definition;
        try {
            BindableService service = (BindableService) beanManager.getReference(bean, BindableService.class,
                    track(beanManager, bean, contexts));
            definition = service.bindService();
        } catch (RuntimeException e) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " could not be created or bound: "
                    + e + ". Check its constructor, @PostConstruct method and bindService().", e);
        }
        if (definition == null) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " returned null from bindService().");
        }
        return new ServiceBinding(definition.getServiceDescriptor().getName(), beanClass, httpName(beanClass), definition);
    }

    private static CreationalContext<?> track(BeanManager beanManager, Bean<?> bean, List<CreationalContext<?>> contexts) {
        CreationalContext<?> context = beanManager.createCreationalContext(bean);
        contexts.add(context);
        return context;
    }

    /** The class the user wrote: the managed bean's class, or for a producer the most specific service type. */
    private static Class<?> serviceClass(Bean<?> bean) {
        Class<?> beanClass = bean.getBeanClass();
        if (BindableService.class.isAssignableFrom(beanClass)) {
            return beanClass;
        }
        Class<?> best = BindableService.class;
        for (Type type : bean.getTypes()) {
            if (type instanceof Class<?> c && BindableService.class.isAssignableFrom(c) && best.isAssignableFrom(c)) {
                best = c;
            }
        }
        return best;
    }

    private static String httpName(Class<?> beanClass) {
        GrpcService settings = beanClass.getAnnotation(GrpcService.class);
        if (settings != null && !settings.httpName().isEmpty()) {
            return settings.httpName();
        }
        return beanClass.getSimpleName().toLowerCase(Locale.ROOT);
    }

    List<ServiceBinding> services() {
        return services;
    }

    List<GrpcGateway> gateways() {
        return gateways;
    }

    /** Releases {@code @Dependent} service instances (runs their {@code @PreDestroy}). */
    void release() {
        contexts.forEach(CreationalContext::release);
    }
}
