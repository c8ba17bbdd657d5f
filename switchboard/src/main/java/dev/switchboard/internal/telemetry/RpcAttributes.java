package dev.switchboard.internal.telemetry;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * The attributes of a call's metrics (gRFC A66: {@code grpc.method}, {@code grpc.status}) and span (OpenTelemetry's
 * RPC semantic conventions for gRPC), plus Switchboard's {@code protocol} on both: {@code grpc}, {@code grpc-web},
 * {@code connect}, {@code json} (the gateway's method routes) or {@code rest} ({@code google.api.http} rules).
 * Written out rather than taken from the semantic-conventions artifact, which is not stable API.
 */
final class RpcAttributes {

    static final AttributeKey<String> GRPC_METHOD = AttributeKey.stringKey("grpc.method");
    static final AttributeKey<String> GRPC_STATUS = AttributeKey.stringKey("grpc.status");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("protocol");

    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<Long> RPC_GRPC_STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");
    static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");

    /** The semantic conventions' gRPC codes that make a server span's status ERROR; the others leave it unset. */
    private static final Set<Status.Code> SERVER_ERRORS = Set.of(Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNIMPLEMENTED, Status.Code.INTERNAL, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

    private RpcAttributes() {
    }

    /** A66's started-call attributes: the full method name ({@code package.Service/Method}) and the protocol. */
    static Attributes started(String fullMethod, String protocol) {
        return Attributes.of(GRPC_METHOD, fullMethod, PROTOCOL, protocol);
    }

    /** A66's ended-call attributes: {@link #started} and the status code's name ({@code OK}, {@code NOT_FOUND}...). */
    static Attributes ended(Attributes started, Status.Code code) {
        return started.toBuilder().put(GRPC_STATUS, code.name()).build();
    }

    /** The span's attributes known at its start. */
    static Attributes span(String fullMethod, String protocol, SocketAddress remote) {
        int slash = fullMethod.lastIndexOf('/');
        AttributesBuilder builder = Attributes.builder().put(RPC_SYSTEM, "grpc")
                .put(RPC_SERVICE, fullMethod.substring(0, Math.max(slash, 0)))
                .put(RPC_METHOD, fullMethod.substring(slash + 1))
                .put(PROTOCOL, protocol);
        if (remote instanceof InetSocketAddress inet) {
            builder.put(PEER_ADDRESS, inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString())
                    .put(PEER_PORT, (long) inet.getPort());
        }
        return builder.build();
    }

    static boolean isServerError(Status.Code code) {
        return SERVER_ERRORS.contains(code);
    }
}
