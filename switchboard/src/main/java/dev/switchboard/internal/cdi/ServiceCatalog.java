package dev.switchboard.internal.cdi;

import dev.switchboard.internal.chain.ExceptionMappers;
import dev.switchboard.internal.chain.ExceptionMapping;
import dev.switchboard.internal.chain.RequestScope;
import dev.switchboard.internal.observe.HealthRegistry;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.switchboard.GrpcGateway;
import dev.switchboard.GrpcInterceptor;
import dev.switchboard.GrpcService;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;

/**
 * What one deployment serves, resolved through the {@link BeanManager} once CDI has validated the deployment:
 * services, gateways, interceptors, exception mappers, the request scope and health. Service beans are resolved with
 * {@code getReference} rather than injected: a generated {@code *ImplBase} has a final {@code bindService()}, which
 * makes normal-scoped beans unproxyable for {@code @Inject}; the reference still works because {@code bindService()}
 * only hands {@code this} to the stub, and every service method call then goes through the proxy.
 */
public final class ServiceCatalog {

    private static final Set<Class<?>> SCOPES = Set.of(ApplicationScoped.class, Singleton.class, Dependent.class);

    private final List<ServiceBinding> services;
    private final List<GrpcGateway> gateways;
    private final List<ServerInterceptor> globalInterceptors;
    private final ExceptionMapping exceptionMapping;
    private final RequestScope requestScope;
    private final HealthRegistry health;
    private final MeterRegistry meterRegistry;
    private final OpenTelemetry openTelemetry;
    private final List<CreationalContext<?>> contexts;

    private ServiceCatalog(List<ServiceBinding> services, List<GrpcGateway> gateways, List<ServerInterceptor> globalInterceptors,
            ExceptionMapping exceptionMapping, RequestScope requestScope, HealthRegistry health, MeterRegistry meterRegistry,
            OpenTelemetry openTelemetry, List<CreationalContext<?>> contexts) {
        this.services = List.copyOf(services);
        this.gateways = List.copyOf(gateways);
        this.globalInterceptors = List.copyOf(globalInterceptors);
        this.exceptionMapping = exceptionMapping;
        this.requestScope = requestScope;
        this.health = health;
        this.meterRegistry = meterRegistry;
        this.openTelemetry = openTelemetry;
        this.contexts = contexts;
    }

    static ServiceCatalog resolve(SwitchboardExtension.DiscoveredBeans discovered, BeanManager beanManager, HealthRegistry health) {
        List<CreationalContext<?>> contexts = new ArrayList<>();
        // Weld's servlet listener (Jetty) and WildFly both resolve the deployment with its class loader as the context's.
        RequestScope requestScope = RequestScope.of(beanManager, Thread.currentThread().getContextClassLoader());
        boolean requestScopeAvailable = requestScope != null || RequestScope.available(beanManager);
        List<ServiceBinding> services = new ArrayList<>();
        Map<String, ServiceBinding> byName = new HashMap<>();
        for (Bean<?> bean : discovered.services) {
            ServiceBinding binding = bind(bean, beanManager, contexts, requestScopeAvailable);
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
        for (Bean<?> bean : discovered.gateways) {
            gateways.add((GrpcGateway) reference(beanManager, bean, GrpcGateway.class, contexts));
        }
        GatewayValidation.check(gateways, services);
        List<ServerInterceptor> global = discovered.interceptors.stream()
                .filter(bean -> bean.getStereotypes().contains(GrpcInterceptor.class))
                .sorted(Comparator.comparingInt(ServiceCatalog::priority))
                .map(bean -> (ServerInterceptor) reference(beanManager, bean, ServerInterceptor.class, contexts))
                .toList();
        ExceptionMapping mapping = ExceptionMappers.resolve(discovered.mappers, beanManager, contexts);
        return new ServiceCatalog(services, gateways, global, mapping, requestScope, health,
                optionalBean(beanManager, MeterRegistry.class, contexts), optionalBean(beanManager, OpenTelemetry.class, contexts),
                contexts);
    }

    /** The application's bean of {@code type}, or null when it has none. */
    private static <T> T optionalBean(BeanManager beanManager, Class<T> type, List<CreationalContext<?>> contexts) {
        Set<Bean<?>> beans = beanManager.getBeans(type);
        return beans.isEmpty() ? null : type.cast(reference(beanManager, beanManager.resolve(beans), type, contexts));
    }

    private static ServiceBinding bind(Bean<?> bean, BeanManager beanManager, List<CreationalContext<?>> contexts,
            boolean requestScopeAvailable) {
        Class<?> beanClass = serviceClass(bean);
        Class<?> scope = bean.getScope();
        if (!SCOPES.contains(scope) && !(scope == RequestScoped.class && requestScopeAvailable)) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " is @" + scope.getSimpleName()
                    + ", which Switchboard cannot serve: a service lives for the application or for one call. Make it"
                    + " @ApplicationScoped, @Singleton or @Dependent" + (requestScopeAvailable ? ", or @RequestScoped (one instance per call)."
                            : " (@RequestScoped needs Weld, whose bound request context is not here)."));
        }
        ServerServiceDefinition definition;
        try {
            BindableService service = (BindableService) reference(beanManager, bean, BindableService.class, contexts);
            if (scope == RequestScoped.class) {
                definition = GeneratedStubs.bindThroughProxy(service, beanClass);
                if (definition == null) {
                    throw new DeploymentException("gRPC service bean " + beanClass.getName() + " is @RequestScoped but does not"
                            + " extend a generated *ImplBase, so it cannot be bound once for all calls. Extend the generated"
                            + " base class, or make it @ApplicationScoped.");
                }
            } else {
                definition = service.bindService();
            }
        } catch (DeploymentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " could not be created or bound: "
                    + e + ". Check its constructor, @PostConstruct method and bindService().", e);
        }
        if (definition == null) {
            throw new DeploymentException("gRPC service bean " + beanClass.getName() + " returned null from bindService().");
        }
        GrpcService settings = beanClass.getAnnotation(GrpcService.class);
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (settings != null) {
            for (Class<? extends ServerInterceptor> type : settings.interceptors()) {
                interceptors.add(interceptor(type, beanClass, beanManager, contexts));
            }
        }
        return new ServiceBinding(definition.getServiceDescriptor().getName(), beanClass, httpName(beanClass, settings),
                definition, interceptors, settings != null && settings.nonBlocking());
    }

    private static ServerInterceptor interceptor(Class<? extends ServerInterceptor> type, Class<?> service, BeanManager beanManager,
            List<CreationalContext<?>> contexts) {
        Set<Bean<?>> beans = beanManager.getBeans(type);
        if (beans.isEmpty()) {
            throw new DeploymentException(service.getName() + " names the interceptor " + type.getName()
                    + ", which is not a CDI bean. Give it a scope (e.g. @ApplicationScoped) in a bean archive.");
        }
        return (ServerInterceptor) reference(beanManager, beanManager.resolve(beans), ServerInterceptor.class, contexts);
    }

    private static Object reference(BeanManager beanManager, Bean<?> bean, Type type, List<CreationalContext<?>> contexts) {
        CreationalContext<?> context = beanManager.createCreationalContext(bean);
        contexts.add(context);
        return beanManager.getReference(bean, type, context);
    }

    /** {@code @Priority} on the bean class, lower first; without one, last. */
    private static int priority(Bean<?> bean) {
        Priority priority = bean.getBeanClass().getAnnotation(Priority.class);
        return priority == null ? Integer.MAX_VALUE : priority.value();
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

    private static String httpName(Class<?> beanClass, GrpcService settings) {
        if (settings != null && !settings.httpName().isEmpty()) {
            return settings.httpName();
        }
        return beanClass.getSimpleName().toLowerCase(Locale.ROOT);
    }

    public List<ServiceBinding> services() {
        return services;
    }

    public List<GrpcGateway> gateways() {
        return gateways;
    }

    /** Global interceptors, outermost first. */
    public List<ServerInterceptor> globalInterceptors() {
        return globalInterceptors;
    }

    public ExceptionMapping exceptionMapping() {
        return exceptionMapping;
    }

    /** Null without Weld. */
    public RequestScope requestScope() {
        return requestScope;
    }

    public HealthRegistry health() {
        return health;
    }

    /** The application's own Micrometer registry (a CDI bean), or null. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * The application's own OpenTelemetry (a CDI bean; on WildFly, MicroProfile Telemetry's when its subsystem is on),
     * or null.
     */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Releases {@code @Dependent} beans Switchboard created (runs their {@code @PreDestroy}). */
    public void release() {
        contexts.forEach(CreationalContext::release);
    }
}
