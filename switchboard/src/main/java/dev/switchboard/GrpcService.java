package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.inject.Stereotype;

/**
 * Marks a gRPC service bean and carries its per-service settings. Optional: every CDI bean implementing
 * {@code io.grpc.BindableService} is served. It is a CDI stereotype, so it makes the class a bean even under
 * {@code bean-discovery-mode="annotated"} (where {@code @Singleton} alone does not) and leaves the scope to you:
 * {@code @Dependent} unless you add {@code @ApplicationScoped} or {@code @Singleton}.
 */
@Stereotype
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GrpcService {

    /**
     * The service's segment in the short JSON route {@code {path}/{httpName}/{method-lowercase}}; by default the
     * bean class's simple name in lower case ({@code GreeterService} → {@code greeterservice}).
     */
    String httpName() default "";

    /**
     * Interceptor beans (classes implementing {@code io.grpc.ServerInterceptor}) for this service only, outermost
     * first; they run after the global {@link GrpcInterceptor}s, on both protocols.
     */
    Class<? extends io.grpc.ServerInterceptor>[] interceptors() default {};
}
