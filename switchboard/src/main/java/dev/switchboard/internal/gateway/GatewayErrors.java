package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.ErrorBody;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Error responses over plain HTTP: Switchboard's JSON error body with the HTTP status that goes with the gRPC status. */
public final class GatewayErrors {

    public static final String JSON = "application/json";

    private GatewayErrors() {
    }

    /** A JSON error: HTTP status from {@link HttpStatusMapping}, body from {@link ErrorBody}. */
    public static void json(HttpServletResponse resp, Status status) throws IOException {
        json(resp, HttpStatusMapping.httpStatus(status.getCode()), status);
    }

    /** A JSON error with an HTTP status of its own, for errors of HTTP itself (405, 413, 415). */
    public static void json(HttpServletResponse resp, int httpStatus, Status status) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(httpStatus);
        resp.setContentType(JSON);
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (Writer out = resp.getWriter()) {
            out.write(ErrorBody.of(status));
        }
    }

    /**
     * A JSON error answered without reading the request's body. Over HTTP/1.x a request that declares a body then
     * gets {@code Connection: close}: the container closes the connection when it finds the body unread as the
     * response completes, and when that body has not arrived by then, the answer has gone out without saying so —
     * a client reusing the connection fails its next request ("header parser received no bytes"), depending on when
     * the body happened to arrive.
     */
    public static void jsonBodyUnread(HttpServletRequest req, HttpServletResponse resp, Status status) throws IOException {
        jsonBodyUnread(req, resp, HttpStatusMapping.httpStatus(status.getCode()), status);
    }

    /** As {@link #jsonBodyUnread(HttpServletRequest, HttpServletResponse, Status)}, with an HTTP status of its own. */
    public static void jsonBodyUnread(HttpServletRequest req, HttpServletResponse resp, int httpStatus, Status status)
            throws IOException {
        if (req.getContentLengthLong() != 0 && req.getProtocol().startsWith("HTTP/1")) {
            resp.setHeader("Connection", "close");
        }
        json(resp, httpStatus, status);
    }
}
