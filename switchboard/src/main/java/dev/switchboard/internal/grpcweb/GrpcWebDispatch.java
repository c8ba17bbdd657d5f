package dev.switchboard.internal.grpcweb;

import java.io.IOException;
import java.util.Locale;

import dev.switchboard.internal.grpc.GrpcDispatch;
import dev.switchboard.internal.grpc.GrpcErrors;
import dev.switchboard.internal.observe.ClientFaults;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves gRPC-Web (binary {@code application/grpc-web[+proto]} and text {@code application/grpc-web-text[+proto]},
 * over HTTP/1.1 and HTTP/2) as a translation in front of {@link GrpcDispatch}: the request seen as gRPC
 * ({@link GrpcWebRequest}), the response written as gRPC-Web ({@link GrpcWebResponse}). So a gRPC-Web call takes the
 * same path as a gRPC call — checks, admission, transports, interceptors, Context, deadlines, security — and only the
 * bytes on the wire differ.
 *
 * <p>Unary and server-streaming methods: gRPC-Web has no client streaming (browsers send a request body whole), so
 * client-streaming and bidirectional methods answer {@code UNIMPLEMENTED}. Messages are protobuf only.
 */
public final class GrpcWebDispatch {

    static final String BINARY_PROTO = "application/grpc-web+proto";
    static final String TEXT_PROTO = "application/grpc-web-text+proto";
    private static final String WEB = "application/grpc-web";
    private static final String TEXT = "application/grpc-web-text";

    private final GrpcDispatch grpc;

    public GrpcWebDispatch(GrpcDispatch grpc) {
        this.grpc = grpc;
    }

    /** Whether a request the filter routes as gRPC is gRPC-Web: its content type starts with {@code application/grpc-web}. */
    public static boolean isGrpcWeb(HttpServletRequest req) {
        String type = req.getHeader("Content-Type");
        return type != null && type.regionMatches(true, 0, WEB, 0, WEB.length());
    }

    /** As {@link GrpcDispatch#serve}, for a gRPC-Web request. */
    public void serve(HttpServletRequest req, HttpServletResponse resp, boolean dispatchMayRunCalls) throws IOException {
        String type = mediaType(req.getHeader("Content-Type"));
        boolean textRequest = type.equals(TEXT) || type.equals(TEXT_PROTO);
        boolean binaryRequest = type.equals(WEB) || type.equals(BINARY_PROTO);
        Base64RequestBody textBody = textRequest ? new Base64RequestBody(req.getInputStream()) : null;
        GrpcWebResponse response = new GrpcWebResponse(resp, textResponse(req), textBody);
        Status refused = null;
        if (!textRequest && !binaryRequest) {
            // +json, +thrift...: grpc-core would parse the message as protobuf anyway.
            refused = Status.INTERNAL.withDescription("Content-Type '" + shortened(type)
                    + "' is not supported: gRPC-Web is served with protobuf messages (application/grpc-web+proto, application/grpc-web-text+proto)");
        } else if (isClientStreaming(grpc.methodType(GrpcDispatch.methodName(req)))) {
            refused = Status.UNIMPLEMENTED.withDescription("gRPC-Web serves unary and server-streaming methods; "
                    + GrpcDispatch.methodName(req) + " has a client stream");
        }
        if (refused != null) {
            ClientFaults.report("gRPC-Web request refused", req.getRequestURI() + ": " + refused.getCode() + " " + refused.getDescription());
            GrpcErrors.trailersOnly(response, refused);
            return;
        }
        GrpcWebRequest request = new GrpcWebRequest(req, response, textBody);
        grpc.serve(request, response, dispatchMayRunCalls);
        if (!request.wentAsync()) {
            // Answered within the dispatch (blocking), or refused before any transport: the trailer frame, if one is due.
            response.finishInDispatch();
        }
    }

    /**
     * A gRPC status as a trailers-only answer in the request's own protocol — gRPC-Web's form, in the request's mode,
     * for a gRPC-Web request; native gRPC's otherwise — for refusals before any transport: the container's 401 and
     * 403, an origin not allowed, an application not running.
     */
    public static void trailersOnly(HttpServletRequest req, HttpServletResponse resp, Status status) {
        if (isGrpcWeb(req)) {
            GrpcErrors.trailersOnly(new GrpcWebResponse(resp, textResponse(req), null), status);
        } else {
            GrpcErrors.trailersOnly(resp, status);
        }
    }

    /** As Envoy's filter: a text response for a text request, or for a client that asks for one. */
    private static boolean textResponse(HttpServletRequest req) {
        String type = mediaType(req.getHeader("Content-Type"));
        String accept = req.getHeader("Accept");
        return type.startsWith(TEXT) || accept != null && accept.toLowerCase(Locale.ROOT).contains(TEXT);
    }

    private static boolean isClientStreaming(MethodType type) {
        return type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING;
    }

    /** The content type without parameters, in lower case. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
