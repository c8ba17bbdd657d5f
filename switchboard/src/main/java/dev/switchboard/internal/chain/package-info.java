/**
 * The interceptor chain every call runs through, whichever transport brought it, in its documented order, built by
 * {@code CallChain}: call tracking ({@code CallTracker}: calls in flight, graceful stop), metrics and
 * access log ({@code CallMetrics}), the caller ({@code CallerHandoff}, {@code CallerIdentity}), roles
 * ({@code RolesCheck}), the per-call request scope ({@code RequestScope}), exception mapping ({@code ExceptionMapping}
 * and its mappers); {@code RequestParsing} parses request messages inside the chain. {@code CallAdmission} bounds the calls in flight
 * where they come in, before the chain.
 *
 * <p>Not API. It serves gRPC and the gateway alike, so it imports neither {@code internal.grpc} nor
 * {@code internal.gateway}; it may use the public API and {@code internal.observe}, never the boot package
 * {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.chain;
