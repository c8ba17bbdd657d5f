package dev.switchboard.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.grpc.Status;
import jakarta.servlet.http.HttpServletResponse;

/** Writes the error responses of both protocols: a JSON error body, or a gRPC trailers-only response. */
final class HttpResponses {

    static final String JSON = "application/json";

    private HttpResponses() {
    }

    /** A JSON error: HTTP status from {@link HttpStatusMapping}, body from {@link JsonErrorBody}. */
    static void jsonError(HttpServletResponse resp, Status status) throws IOException {
        jsonError(resp, HttpStatusMapping.httpStatus(status.getCode()), status);
    }

    /** A JSON error with an HTTP status of its own, for errors of HTTP itself (405, 413, 415). */
    static void jsonError(HttpServletResponse resp, int httpStatus, Status status) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(httpStatus);
        resp.setContentType(JSON);
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (Writer out = resp.getWriter()) {
            out.write(JsonErrorBody.of(status));
        }
    }

    /**
     * A gRPC error sent before any message, as HTTP status 200 with {@code grpc-status} in the headers
     * ("trailers-only"), which every gRPC client reads. Left for the container to send when the response completes: with nothing
     * else written, it sends them as one HTTP/2 HEADERS frame that ends the stream, which is what a trailers-only
     * response must be (flushing first makes Jetty and Undertow end the stream with an empty DATA frame, which gRPC
     * clients refuse: INTERNAL, "unexpected EOS on empty DATA frame").
     */
    static void grpcError(HttpServletResponse resp, Status status) {
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
