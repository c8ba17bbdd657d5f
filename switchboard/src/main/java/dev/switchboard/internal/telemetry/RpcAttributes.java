package dev.switchboard.internal.telemetry;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;

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

    /** The span's attributes that depend on the method and protocol only. */
    static Attributes span(String fullMethod, String protocol) {
        int slash = fullMethod.lastIndexOf('/');
        return Attributes.builder().put(RPC_SYSTEM, "grpc")
                .put(RPC_SERVICE, fullMethod.substring(0, Math.max(slash, 0)))
                .put(RPC_METHOD, fullMethod.substring(slash + 1))
                .put(PROTOCOL, protocol)
                .build();
    }

    /** The caller's address and port on the span, where the transport knows them. */
    static void peer(SpanBuilder span, SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            span.setAttribute(PEER_ADDRESS, inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString())
                    .setAttribute(PEER_PORT, (long) inet.getPort());
        }
    }

    /**
     * One method's attributes over one protocol, built once rather than per call (building and sorting attribute sets
     * was a visible part of a call's telemetry cost): per call only the status and the peer differ.
     */
    static final class OfMethod {
        final Attributes started;
        final Attributes span;
        /** Per status code, built on first use; a race builds an equal immutable set twice, which is harmless. */
        private final Attributes[] ended = new Attributes[Status.Code.values().length];

        OfMethod(String fullMethod, String protocol) {
            started = started(fullMethod, protocol);
            span = span(fullMethod, protocol);
        }

        Attributes ended(Status.Code code) {
            Attributes attributes = ended[code.ordinal()];
            if (attributes == null) {
                attributes = RpcAttributes.ended(started, code);
                ended[code.ordinal()] = attributes;
            }
            return attributes;
        }
    }

    static boolean isServerError(Status.Code code) {
        return SERVER_ERRORS.contains(code);
    }
}
