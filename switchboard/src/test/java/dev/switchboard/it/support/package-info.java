/**
 * What the container tests share: clients ({@code Clients}, {@code RawH2}, {@code CallEvents}, {@code Envelope}), test
 * WARs ({@code TestWars}), servers a test starts itself ({@code Servers}, {@code OnEmbeddedJetty}), the test suites run
 * under several configurations ({@code InteropSuite}, {@code FlowControlSuite}) and their cases, and the test tools a
 * WAR may carry to let a test look into the server (servlets such as {@code ProbeServlet}, {@code ThreadsServlet},
 * {@code GrpcPortServlet}; {@code WeldRequestContexts}). Not the services under test: those are in
 * {@code dev.switchboard.it.services}.
 */
package dev.switchboard.it.support;
