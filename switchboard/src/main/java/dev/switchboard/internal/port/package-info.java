/**
 * The optional dedicated gRPC port: {@code GrpcPortSettings} reads and checks its context-params,
 * {@code GrpcPortServer} runs grpc-java's Netty server (grpc-netty-shaded) there with the same intercepted services as
 * the servlet transports.
 *
 * <p>Not API. The only package that imports Netty, so that a WAR without the dedicated port needs no Netty at all; it
 * is used only when {@code switchboard.grpc.port} is set. It may use the public API (for the context-param names),
 * never the boot package {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.port;
