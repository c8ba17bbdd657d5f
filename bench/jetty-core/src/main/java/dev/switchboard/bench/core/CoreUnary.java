package dev.switchboard.bench.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.switchboard.bench.plain.UnaryCall;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * One unary gRPC call on Jetty's core API: the body read chunk by chunk with {@link Request#read()} /
 * {@link Request#demand(Runnable)} (never blocking a thread on a slow client), the reply written with one
 * {@link Response#write(boolean, ByteBuffer, Callback)} as the last write, {@code grpc-status} from the trailers
 * supplier — so Jetty can send HEADERS, DATA and trailers in one go.
 */
final class CoreUnary implements Runnable {

    private static final HttpFields OK = HttpFields.build().put("grpc-status", "0").asImmutable();
    private static final HttpFields INTERNAL = HttpFields.build().put("grpc-status", "13").asImmutable();
    private static final Supplier<HttpFields> OK_SUPPLIER = () -> OK;
    private static final Supplier<HttpFields> INTERNAL_SUPPLIER = () -> INTERNAL;
    /** A bounded request: the bench never sends more; a larger body is answered with an error, not buffered. */
    private static final int MAX_BODY = 64 * 1024;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private byte[] body = new byte[256];
    private int length;

    private CoreUnary(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    static boolean isCall(Request request) {
        return "POST".equals(request.getMethod()) && UnaryCall.PATH.equals(Request.getPathInContext(request));
    }

    static void serve(Request request, Response response, Callback callback) {
        new CoreUnary(request, response, callback).run();
    }

    /** Reads what is there; asks to be run again when more arrives. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                callback.failed(chunk.getFailure());
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            if (length + n > MAX_BODY) {
                chunk.release();
                reply(null);
                return;
            }
            if (length + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, length + n));
            }
            bytes.get(body, length, n);
            length += n;
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                try {
                    reply(UnaryCall.answer(body, length));
                } catch (Exception e) {
                    reply(null);
                }
                return;
            }
        }
    }

    private void reply(ByteBuffer message) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
        response.setTrailersSupplier(message == null ? INTERNAL_SUPPLIER : OK_SUPPLIER);
        response.write(true, message == null ? BufferUtil.EMPTY_BUFFER : message, callback);
    }
}
