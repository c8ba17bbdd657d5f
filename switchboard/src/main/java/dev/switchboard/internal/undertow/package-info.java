/**
 * The native gRPC transport on Undertow (WildFly): {@code NativeTransportInitializer}, a servlet container initializer
 * of the library's, has {@code UndertowInstaller} put {@code NativeGrpcHandler} into each deployment's handler chain
 * after the security handlers; it offers every request to the deployment's
 * {@link dev.switchboard.internal.grpc.NativeGrpc} with an {@code UndertowExchange} over Undertow's own
 * {@code HttpServerExchange} (reads and writes without the servlet layer's, and without its thread hand-offs for
 * them; unary answers in one send, {@code Answers}, streamed ones in flushed sends, {@code StreamedAnswer}), and
 * passes what Switchboard declines on to the servlet layer.
 *
 * <p>Not API. The only package that imports Undertow's classes (LayoutRulesTest); of Switchboard it imports only
 * {@code NativeExchange} and {@code NativeGrpc}. On other containers the initializer returns at once; where a WAR does
 * not see Undertow's classes (it excludes WildFly's modules), it installs nothing and loads none of them.
 */
package dev.switchboard.internal.undertow;
