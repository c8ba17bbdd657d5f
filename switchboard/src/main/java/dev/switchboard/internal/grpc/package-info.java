/**
 * gRPC on the container's own connectors. Below the servlet API, {@code NativeDispatch} serves what a container's
 * native transport hands it ({@code NativeGrpc}, on a {@code NativeExchange}): unary calls on
 * {@code NativeUnaryStream}, streaming ones on {@code NativeStreamingStream}, both on {@code SwitchboardTransport}'s
 * grpc-core server. On the servlet API, {@code GrpcDispatch} is the entry: it checks and
 * admits a call, then hands unary calls to Switchboard's own transport ({@code SwitchboardTransport}, and
 * {@code UnaryStream} with its {@code RequestReader} and {@code UnaryResponse}) and streaming calls (and unary ones when configured) to grpc-servlet-jakarta, with the
 * container's adaptations applied in one place ({@code ServletContainer#forGrpcServlet}); {@code GrpcRequestCheck}
 * answers headers neither transport can serve before they see them, {@code GrpcErrors} writes gRPC error responses,
 * {@code GrpcServletLogs} hands grpc-servlet's logging of client-caused failures to {@code ClientFaults}.
 *
 * <p>Not API. Does not import {@code internal.gateway} (nor the gateway this one), so that the two protocols stay
 * apart; what both need lives in {@code internal.chain} or {@code internal.container}. Never imports the boot package
 * {@code dev.switchboard.internal} nor Netty (LayoutRulesTest).
 */
package dev.switchboard.internal.grpc;
