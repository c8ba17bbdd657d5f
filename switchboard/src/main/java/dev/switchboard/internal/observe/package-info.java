/**
 * Health and metrics endpoints: {@code HealthRegistry} (the application's {@link dev.switchboard.GrpcHealth}, served
 * by {@code grpc.health.v1}), {@code HealthEndpoint} and {@code MetricsEndpoint} ({@code {base-path}/health} and
 * {@code /metrics}), {@code MicroProfileHealth} and {@code ReadinessCheck} (a MicroProfile readiness check where that
 * API is present), and {@code ClientFaults} (the once-a-minute log of client-caused failures).
 *
 * <p>Not API. May use the public API, {@code internal.container} and the gateway's JSON error responses; never the
 * boot package {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.observe;
