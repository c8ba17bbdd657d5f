package dev.switchboard.bench.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Supplier;

import dev.switchboard.bench.plain.UnaryCall;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Variant "servlet": the same call as a plain synchronous servlet (blocking read of the body, the framed reply,
 * {@code grpc-status} through {@link HttpServletResponse#setTrailerFields}) in the same context as "context" — what
 * J's {@code PlainGrpcServlet} does.
 */
final class UnaryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Supplier<Map<String, String>> OK = () -> Map.of("grpc-status", "0");
    private static final Supplier<Map<String, String>> INTERNAL = () -> Map.of("grpc-status", "13");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readNBytes(64 * 1024);
        ByteBuffer answer = UnaryCall.answer(body, body.length);
        resp.setStatus(200);
        resp.setContentType("application/grpc");
        resp.setTrailerFields(answer == null ? INTERNAL : OK);
        if (answer != null) {
            resp.getOutputStream().write(answer.array(), 0, answer.remaining());
        }
    }
}
