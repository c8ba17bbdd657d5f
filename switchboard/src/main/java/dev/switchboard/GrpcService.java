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

    /**
     * {@code true} promises that this service's gRPC calls never block — its methods, the handlers they register and
     * the interceptors that run for it (global and its own) wait for no lock, I/O or other call — so that they may run
     * on the container's thread that delivers each callback, even where that thread parses the connection's other
     * requests (the Jetty-native transport) or is an I/O thread (Undertow's), as with context-param
     * {@link Switchboard#GRPC_EXECUTOR} {@code direct} for every service. It saves the hand-off of each call to
     * Switchboard's pool: about a sixth of a small unary call's server CPU on Jetty ({@code docs/performance.md}). A
     * promise broken holds up other calls: those the thread would have read next, or on an I/O thread every
     * connection it serves. Default {@code false}: service code runs where it may block. Context-param
     * {@link Switchboard#NON_BLOCKING_SERVICES} makes the same promise by service name.
     */
    boolean nonBlocking() default false;
}
