/**
 * The Jetty-native transport: native gRPC calls served on Jetty 12.1's core {@code Request}/{@code Response}/{@code
 * Callback} API inside the web application's {@code ServletContextHandler}, behind its security handler (web.xml
 * constraints and login apply) and before its servlet handler. {@code JettyTransport} installs {@code JettyGrpcHandler}
 * there while the context starts; the handler asks {@code NativeGrpc} (published by the runtime) to serve each request
 * on a {@code JettyExchange} and passes on what it declines to the servlet layer, unchanged.
 *
 * <p>Not API. The only package that links against Jetty's classes, which a Jetty server hides from web applications
 * unless told otherwise (EmbeddedJetty does by default; a Jetty distribution through the {@code switchboard-grpc}
 * module): the boot package calls in here only when the web application's class loader sees them, so on any other
 * container nothing of this package is loaded. Imports only {@code NativeExchange}/{@code NativeGrpc} of Switchboard
 * (LayoutRulesTest).
 */
package dev.switchboard.internal.jetty;
