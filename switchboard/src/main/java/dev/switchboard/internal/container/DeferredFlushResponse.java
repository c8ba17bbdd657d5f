package dev.switchboard.internal.container;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response of a gRPC call whose server sends one message (unary, client streaming): explicit flushes do nothing,
 * so the headers, the message and the trailers leave together when the call completes.
 *
 * <p>Why: grpc-core asks not to flush the headers of such calls, but grpc-servlet 1.79 flushes them anyway, and
 * Jetty then writes the headers, the message and the trailers in three socket writes — three system calls per call
 * where grpc-java's Netty server needs a tenth of one (bench/NOTES.md). Anything larger than the container's response
 * buffer still goes out as it is written; only the explicit flushes are dropped.
 */
final class DeferredFlushResponse extends HttpServletResponseWrapper {

    private final NoFlushStream stream;

    DeferredFlushResponse(HttpServletResponse response) throws IOException {
        super(response);
        this.stream = new NoFlushStream(response.getOutputStream());
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return stream;
    }

    @Override
    public void flushBuffer() {
        // completing the call flushes
    }

    private static final class NoFlushStream extends ForwardingOutputStream {
        NoFlushStream(ServletOutputStream delegate) {
            super(delegate);
        }

        @Override
        public void flush() {
            // completing the call flushes
        }
    }
}
