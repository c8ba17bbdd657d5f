package dev.switchboard.bench.plain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The "servlet-async" variants of bench/core-spike (jetty-core/) and bench/undertow-spike (undertow-spike-war/): the
 * call as a servlet that never blocks on the client — the body read by a {@link ReadListener} (as Switchboard's own
 * unary transport reads), the reply written when it is complete. Unlike a blocking servlet it can run on the thread
 * that parsed the request (jetty-core's InlineFront): a blocking read there would wait for data only that same thread
 * would parse.
 */
public final class AsyncUnaryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Supplier<Map<String, String>> OK = () -> Map.of("grpc-status", "0");
    private static final Supplier<Map<String, String>> INTERNAL = () -> Map.of("grpc-status", "13");
    private static final int MAX_BODY = 64 * 1024;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext async = req.startAsync();
        ServletInputStream in = req.getInputStream();
        in.setReadListener(new Body(in, resp, async));
    }

    /** Reads what is there whenever the container says so; answers when the body is complete. */
    private static final class Body implements ReadListener {
        private final ServletInputStream in;
        private final HttpServletResponse resp;
        private final AsyncContext async;
        private byte[] body = new byte[256];
        private int length;

        Body(ServletInputStream in, HttpServletResponse resp, AsyncContext async) {
            this.in = in;
            this.resp = resp;
            this.async = async;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady()) {
                if (length == body.length) {
                    if (length >= MAX_BODY) {
                        throw new IOException("request larger than " + MAX_BODY + " bytes");
                    }
                    body = Arrays.copyOf(body, length * 2);
                }
                int n = in.read(body, length, body.length - length);
                if (n < 0) {
                    return;
                }
                length += n;
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            ByteBuffer answer = UnaryCall.answer(body, length);
            resp.setStatus(200);
            resp.setContentType("application/grpc");
            resp.setTrailerFields(answer == null ? INTERNAL : OK);
            if (answer != null) {
                resp.getOutputStream().write(answer.array(), 0, answer.remaining());
            }
            async.complete();
        }

        @Override
        public void onError(Throwable t) {
            async.complete();
        }
    }
}
