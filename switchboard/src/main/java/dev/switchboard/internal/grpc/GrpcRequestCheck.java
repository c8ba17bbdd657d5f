package dev.switchboard.internal.grpc;

import dev.switchboard.internal.container.ContainerParsing;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import com.google.common.io.BaseEncoding;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What makes a gRPC request unservable before any transport sees it, answered as a gRPC status. Both transports
 * (grpc-servlet's {@code ServletAdapter} and {@link SwitchboardTransport}) parse {@code grpc-timeout} and the {@code -bin}
 * headers themselves and throw on malformed ones — grpc-servlet after it has started async processing, so the
 * container answered a unary call with its HTML error page (stack trace included) and a streaming call with nothing
 * for 30 s, then 500. This check parses them as they do, with their own parsers, first.
 *
 * <p>Malformed {@code grpc-timeout} and {@code -bin} values are {@code INTERNAL}, as the reference servers answer:
 * grpc-go's HTTP/2 server ({@code internal/transport/http2_server.go}, {@code operateHeaders}: "malformed
 * grpc-timeout: ..." and "malformed binary metadata ...", both {@code codes.Internal}); grpc-java's Netty server
 * resets the stream with {@code INTERNAL_ERROR} ({@code NettyServerHandler.onHeadersRead} catching what
 * {@code ServerImpl} throws), which its clients read as {@code INTERNAL}. An unknown {@code grpc-encoding} needs
 * nothing here: grpc-core answers it with {@code UNIMPLEMENTED}, as the gRPC spec asks.
 */
public final class GrpcRequestCheck {

    private static final byte[] TIMEOUT = GrpcUtil.TIMEOUT_KEY.name().getBytes(StandardCharsets.US_ASCII);

    private GrpcRequestCheck() {
    }

    /**
     * Whether a request goes to the gRPC transports: its content type contains {@code application/grpc}, as for
     * grpc-servlet's {@code ServletAdapter.isGrpc} — read from the header, since {@code getContentType()} throws on
     * Jetty for a charset the JVM does not know ({@code application/json; charset=klingon}).
     */
    public static boolean isGrpc(HttpServletRequest req) {
        String type = req.getHeader("Content-Type");
        return type != null && type.contains(GrpcUtil.CONTENT_TYPE_GRPC);
    }

    /**
     * Why this request (routed as gRPC: its content type contains {@code application/grpc}) for {@code method} (its
     * path within the context, without the leading slash) cannot be served; null if it can.
     */
    public static Status problem(HttpServletRequest req, String method) {
        if (!"POST".equals(req.getMethod())) {
            return Status.UNIMPLEMENTED.withDescription("gRPC requests must be POST, not " + req.getMethod());
        }
        String type = req.getHeader("Content-Type");
        if (!GrpcUtil.isGrpcContentType(type)) {
            // gRPC's routing matched a substring (gRPC-Web has its own translation in front, grpcweb.GrpcWebDispatch).
            // grpc-java's Netty server: 415 and INTERNAL.
            return Status.INTERNAL.withDescription("Content-Type '" + shortened(type) + "' is not supported");
        }
        if (!ContainerParsing.readsContentType(req)) {
            return Status.INTERNAL.withDescription("Content-Type '" + shortened(type) + "' names an unknown charset");
        }
        if (method.isEmpty()) {
            // grpc-servlet's transport dropped the connection for it (Jetty 12.1), whatever the method table says.
            return Status.UNIMPLEMENTED.withDescription("No gRPC method named: the path must be /package.Service/Method");
        }
        Enumeration<String> names = req.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Status problem = headerProblem(name, req.getHeaders(name));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static Status headerProblem(String name, Enumeration<String> values) {
        boolean timeout = name.equalsIgnoreCase(GrpcUtil.TIMEOUT);
        boolean binary = name.endsWith(Metadata.BINARY_HEADER_SUFFIX);
        while ((timeout || binary) && values.hasMoreElements()) {
            String value = values.nextElement();
            try {
                if (timeout) {
                    // grpc-core's own parser, as both transports call it (Metadata.get(TIMEOUT_KEY))
                    InternalMetadata.newMetadata(TIMEOUT, value.getBytes(StandardCharsets.US_ASCII)).get(GrpcUtil.TIMEOUT_KEY);
                } else {
                    decodeBinary(value);
                }
            } catch (IllegalArgumentException e) {
                return Status.INTERNAL.withDescription("malformed " + (timeout ? "grpc-timeout" : "binary header " + name)
                        + ": '" + shortened(value) + "'");
            }
        }
        return null;
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** A {@code -bin} header's value, as grpc-servlet decodes it (padding optional). @throws IllegalArgumentException */
    static byte[] decodeBinary(String value) {
        return BaseEncoding.base64().decode(value);
    }
}
