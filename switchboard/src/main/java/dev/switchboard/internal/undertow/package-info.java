/**
 * The native gRPC transport on Undertow (WildFly): {@code NativeGrpcExtension}, an Undertow {@code ServletExtension}
 * found through the library jar's META-INF/services, puts {@code NativeGrpcHandler} into each deployment's handler
 * chain after the security handlers; it offers every request to the deployment's
 * {@link dev.switchboard.internal.grpc.NativeGrpc} with an {@code UndertowExchange} over Undertow's own
 * {@code HttpServerExchange} (reads and writes without the servlet layer's, and without its thread hand-offs for
 * them), and passes what Switchboard declines on to the servlet layer.
 *
 * <p>Not API. The only package that imports Undertow's classes (LayoutRulesTest); it imports of Switchboard only
 * {@code NativeExchange} and {@code NativeGrpc}. On other containers nothing loads it: only Undertow reads the service
 * file.
 */
package dev.switchboard.internal.undertow;
