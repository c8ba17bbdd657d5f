/**
 * gRPC-Web on the container's connectors, as a translation in front of {@code internal.grpc}: {@code GrpcWebDispatch}
 * is the entry (content types, the methods gRPC-Web can call), {@code GrpcWebRequest} presents a gRPC-Web request as
 * a gRPC one (with {@code Base64RequestBody} decoding a text body as it arrives), {@code GrpcWebResponse} writes the
 * gRPC response as gRPC-Web (the trailers as the body's last frame, text base64-encoded). Everything else — checks,
 * admission, both transports, the interceptor chain — is {@code GrpcDispatch}'s, unchanged.
 *
 * <p>Not API. Uses {@code internal.grpc}, {@code internal.chain} (the metrics' protocol label),
 * {@code internal.container} (forwarding wrappers) and {@code internal.observe} (the client-fault log); never {@code internal.gateway} nor the boot package
 * {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.grpcweb;
