package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.inject.Stereotype;

/**
 * Marks a CDI bean implementing {@code io.grpc.ServerInterceptor} as global: it applies to every service, on both
 * protocols. Interceptors run in {@code jakarta.annotation.Priority} order, lower first (without one, after those that
 * have one). An interceptor for one service only is any interceptor bean, named in
 * {@link GrpcService#interceptors()}. Interceptors are CDI beans, so they can {@code @Inject} others. It is a
 * stereotype: the class is a bean ({@code @Dependent} unless a scope is added) even in "annotated" archives.
 *
 * <pre>{@code
 * @GrpcInterceptor @ApplicationScoped @Priority(100)
 * public class AuthInterceptor implements ServerInterceptor { ... }
 * }</pre>
 */
@Stereotype
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GrpcInterceptor {
}
