/**
 * Switchboard's public API: what an application uses to serve its CDI gRPC service beans over gRPC and JSON from the
 * servlet container. {@link dev.switchboard.GrpcService} and {@link dev.switchboard.GrpcInterceptor} mark beans,
 * {@link dev.switchboard.GrpcGateway} opens JSON routes, {@link dev.switchboard.GrpcExceptionMapper} maps exceptions to
 * statuses, {@link dev.switchboard.GrpcHealth} and {@link dev.switchboard.GrpcSecurity} are read or injected by
 * service code, and {@link dev.switchboard.Switchboard} names every context-param.
 *
 * <p>Only this package is API: everything under {@code dev.switchboard.internal} may change in any release. This
 * package imports nothing internal, so that what applications compile against does not move when internals do; the
 * one exception is {@link dev.switchboard.GrpcSecurity}, a facade over the caller the interceptor chain records.
 */
package dev.switchboard;
