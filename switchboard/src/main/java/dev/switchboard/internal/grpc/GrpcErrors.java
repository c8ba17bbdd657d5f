package dev.switchboard.internal.grpc;

import java.nio.charset.StandardCharsets;

import io.grpc.Status;
import jakarta.servlet.http.HttpServletResponse;

/** gRPC error responses written on the servlet API: a trailers-only answer carrying the status. */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /**
     * A gRPC error sent before any message, as HTTP status 200 with {@code grpc-status} in the headers
     * ("trailers-only"), which every gRPC client reads. Left for the container to send when the response completes: with nothing
     * else written, it sends them as one HTTP/2 HEADERS frame that ends the stream, which is what a trailers-only
     * response must be (flushing first makes Jetty and Undertow end the stream with an empty DATA frame, which gRPC
     * clients refuse: INTERNAL, "unexpected EOS on empty DATA frame").
     */
    public static void trailersOnly(HttpServletResponse resp, Status status) {
        resp.setStatus(200);
        resp.setContentType("application/grpc");
        resp.setHeader("grpc-status", Integer.toString(status.getCode().value()));
        if (status.getDescription() != null) {
            resp.setHeader("grpc-message", percentEncode(status.getDescription()));
        }
        resp.setContentLength(0);
    }

    /** grpc-message's encoding: printable ASCII except '%' as is, all else as %XX of the UTF-8 bytes. */
    private static String percentEncode(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= ' ' && b < '~' && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
