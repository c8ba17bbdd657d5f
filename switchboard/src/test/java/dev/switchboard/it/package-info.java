/**
 * Container tests ({@code *IT}): each starts a real server (embedded Jetty by default; WildFly and a standalone Jetty
 * with the {@code wildfly} and {@code jetty-standalone} profiles), deploys test WARs and talks to them over the network.
 * The sub-packages follow the library's concerns: {@code grpc} (the gRPC transports, interop, flow control, streams,
 * hostile input), {@code gateway} (the JSON/HTTP gateway, streaming, browsers), {@code routing} (whose request it is:
 * both protocols in one WAR, the application's own servlets, context paths), {@code lifecycle} (deploy, undeploy,
 * deployment failures, Weld's contexts), {@code port} (the dedicated gRPC port), {@code production} (interceptors,
 * exception mapping, scopes, health, reflection, metrics), {@code security} (container security on both protocols and
 * on the endpoints), {@code load} (saturation, slow clients, blocking services, soak). What the tests deploy is in
 * {@code services}; what they share (clients, servers, WARs, raw protocol tools) is in {@code support}.
 */
package dev.switchboard.it;
