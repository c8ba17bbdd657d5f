package dev.switchboard.internal.observe;

import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

/**
 * Registers {@link ReadinessCheck} where MicroProfile Health is on the class path. This class names no MicroProfile
 * type, so loading it (from the CDI extension) never fails where MicroProfile Health is absent; the check itself is
 * loaded only after the API was found.
 */
public final class MicroProfileHealth {

    private static final String API = "org.eclipse.microprofile.health.HealthCheck";

    private MicroProfileHealth() {
    }

    public static void registerIfAvailable(AfterBeanDiscovery event, HealthRegistry health, Supplier<Iterable<String>> services) {
        try {
            Class.forName(API, false, MicroProfileHealth.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        Registration.register(event, health, services);
    }

    /** Loaded only when the API is there. */
    private static final class Registration {
        static void register(AfterBeanDiscovery event, HealthRegistry health, Supplier<Iterable<String>> services) {
            event.addBean().beanClass(ReadinessCheck.class)
                    .types(org.eclipse.microprofile.health.HealthCheck.class, Object.class)
                    .qualifiers(org.eclipse.microprofile.health.Readiness.Literal.INSTANCE, jakarta.enterprise.inject.Any.Literal.INSTANCE)
                    .scope(jakarta.inject.Singleton.class)
                    .createWith(c -> new ReadinessCheck(health, services.get()));
        }
    }
}
