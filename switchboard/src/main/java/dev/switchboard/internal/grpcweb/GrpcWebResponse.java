package dev.switchboard.internal.grpcweb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.container.ForwardingOutputStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A gRPC response as gRPC-Web: the content type {@code application/grpc-web(-text)+proto}, the trailers — which both
 * gRPC transports hand the container with {@code setTrailerFields} — kept and written as the body's last frame
 * (flag {@code 0x80}, {@code name: value\r\n} lines), and in text mode every write base64-encoded on its own, padded,
 * so that each is whole base64 (as Envoy's grpc_web filter does; clients decode four characters at a time).
 *
 * <p>A trailers-only answer (an error before any message, {@code grpc-status} in the headers) stays so: gRPC-Web
 * allows it, Envoy sends it so, and both the grpc-web client and connect-web read it.
 *
 * <p>The trailer frame is written when the call completes its async cycle ({@link #complete}), or after the dispatch
 * for a call answered within it ({@link #finishInDispatch}). Both transports complete only while the output is
 * ready; should the frame not go out at once, completing waits for the container's next {@code onWritePossible}.
 */
final class GrpcWebResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = Logger.getLogger(GrpcWebResponse.class.getName());
    private static final String GRPC_MESSAGE = "grpc-message";

    private final boolean text;
    private final Base64RequestBody requestBody;
    private Output output;
    // Guarded by this.
    private Supplier<Map<String, String>> trailers;
    private boolean trailerFrameWritten;
    private AsyncContext completing;
    private boolean completed;

    /** {@code requestBody}: a text request's body, whose fault (not base64) the status names; else null. */
    GrpcWebResponse(HttpServletResponse response, boolean text, Base64RequestBody requestBody) {
        super(response);
        this.text = text;
        this.requestBody = requestBody;
    }

    @Override
    public void setContentType(String type) {
        super.setContentType(type != null && type.startsWith("application/grpc") ? contentType() : type);
    }

    @Override
    public void setHeader(String name, String value) {
        if ("content-type".equalsIgnoreCase(name)) {
            setContentType(value);
        } else {
            super.setHeader(name, GRPC_MESSAGE.equalsIgnoreCase(name) ? message(value) : value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("content-type".equalsIgnoreCase(name)) {
            setContentType(value);
        } else {
            super.addHeader(name, GRPC_MESSAGE.equalsIgnoreCase(name) ? message(value) : value);
        }
    }

    /** The length of a text body is not the transport's to know; an empty body (trailers-only) is. */
    @Override
    public void setContentLength(int length) {
        if (length == 0 || !text) {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (length == 0 || !text) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public synchronized void setTrailerFields(Supplier<Map<String, String>> supplier) {
        trailers = supplier;
    }

    @Override
    public synchronized Supplier<Map<String, String>> getTrailerFields() {
        return trailers;
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = new Output(super.getOutputStream());
        }
        return output;
    }

    private String contentType() {
        return text ? GrpcWebDispatch.TEXT_PROTO : GrpcWebDispatch.BINARY_PROTO;
    }

    /** A request that was not base64 is named as the reason of the status grpc-core gave it (INTERNAL). */
    private String message(String message) {
        String fault = requestBody == null ? null : requestBody.fault();
        return fault != null ? fault : message;
    }

    /**
     * The call completes its async cycle: the trailer frame first, then {@code async} completes — now if the frame
     * went out at once, else at the container's next {@code onWritePossible}.
     */
    void complete(AsyncContext async) {
        synchronized (this) {
            if (completed || completing != null) {
                return;
            }
            completing = async;
        }
        continueCompleting();
    }

    /** A call answered within the container's dispatch (blocking I/O): its trailer frame, before the dispatch ends. */
    void finishInDispatch() throws IOException {
        byte[] frame;
        synchronized (this) {
            frame = takeTrailerFrame();
        }
        if (frame != null) {
            getOutputStream().write(frame);
        }
    }

    private void continueCompleting() {
        AsyncContext async;
        synchronized (this) {
            async = completing;
            if (async == null || completed) {
                return;
            }
            try {
                ServletOutputStream out = getOutputStream();
                if (!trailerFrameWritten && trailers != null) {
                    if (!out.isReady()) {
                        return; // onWritePossible continues
                    }
                    byte[] frame = takeTrailerFrame();
                    out.write(frame);
                    if (!out.isReady()) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client is gone, or the stream failed: nothing more can reach it; completing still ends the cycle.
                LOG.log(Level.FINE, "gRPC-Web trailers not written", e);
            }
            completed = true;
        }
        async.complete();
    }

    /** The trailer frame, once; null if none is due (trailers-only, or written). Holds the lock. */
    private byte[] takeTrailerFrame() {
        if (trailerFrameWritten || trailers == null) {
            return null;
        }
        trailerFrameWritten = true;
        Map<String, String> fields = trailers.get();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String value = GRPC_MESSAGE.equalsIgnoreCase(field.getKey()) ? message(field.getValue()) : field.getValue();
            lines.writeBytes((field.getKey() + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        int length = lines.size();
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 5);
        frame.write(0x80);
        frame.write(length >>> 24);
        frame.write(length >>> 16);
        frame.write(length >>> 8);
        frame.write(length);
        frame.writeBytes(lines.toByteArray());
        return frame.toByteArray();
    }

    /** The transports' output: text encoded when asked, and the container's write callbacks first to a completion. */
    private final class Output extends ForwardingOutputStream {
        Output(ServletOutputStream delegate) {
            super(delegate);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!text) {
                delegate.write(b, off, len);
            } else if (len > 0) {
                delegate.write(Base64.getEncoder().encode(Arrays.copyOfRange(b, off, off + len)));
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() throws IOException {
                    boolean pending;
                    synchronized (GrpcWebResponse.this) {
                        pending = completing != null;
                    }
                    if (pending) {
                        continueCompleting();
                    } else {
                        listener.onWritePossible();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    listener.onError(t);
                    continueCompleting();
                }
            });
        }
    }
}
