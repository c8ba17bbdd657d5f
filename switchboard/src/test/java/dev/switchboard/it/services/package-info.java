/**
 * The application code the container tests deploy in their WARs: gRPC service beans ({@code EchoService} over
 * {@code EchoImpl}, {@code OtherServiceImpl}, {@code InteropTestService}...), gateway producers ({@code TestGateways}),
 * interceptors ({@code SeenHeaders}) and the deliberately broken services of the deployment-failure tests. A test WAR
 * lists the classes it carries (TestWars.war), so each test shows what it deploys.
 */
package dev.switchboard.it.services;
