/**
 * What TelemetryIT deploys: an OpenTelemetry SDK exporting to memory ({@code InMemoryOpenTelemetry}), offered to
 * Switchboard as a CDI bean ({@code OpenTelemetryProducer}), a servlet that shows what was exported
 * ({@code TelemetryServlet}), and a service that calls another over native gRPC through a channel that propagates the
 * trace ({@code CallingService}, {@code TracePropagation}).
 */
package dev.switchboard.it.services.telemetry;
