package dev.switchboard.internal.grpc;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * One HTTP exchange as a transport below the servlet API sees it — Jetty's core {@code Request}/{@code Response},
 * Undertow's {@code HttpServerExchange} — for {@link NativeGrpc} to serve a unary gRPC call on, without the servlet
 * layer's I/O. Implemented in the container's own package (the only code that links against container classes); every
 * method returns at once, never blocking a thread on the client.
 */
public interface NativeExchange {

    /**
     * Starts delivering the request body to {@code body}: each chunk as it arrives, then its end or a failure. Callbacks
     * come on container threads, one at a time, possibly before this returns.
     */
    void read(Body body);

    /**
     * Answers with status 200: {@code headers} (name, value, name, value, …; content-type included), then {@code
     * length} bytes of {@code body} (0: none, and {@code body} may be null) and {@code trailers} (same form; null for a trailers-only answer, whose
     * status is in the headers), in as few writes as the container allows. Calls {@code done} once, on any thread:
     * with null when all is written, else with the failure (the exchange is then over).
     */
    void respond(List<String> headers, byte[] body, int length, List<String> trailers, Consumer<Throwable> done);

    /** Ends the exchange unanswered: the client sees its HTTP/2 stream reset (or, on HTTP/1.1, the connection closed). */
    void reset(Throwable cause);

    /**
     * Calls {@code onFailure} once, on any thread, if the client resets the stream or the connection fails before the
     * exchange is over.
     */
    void watchFailure(Consumer<Throwable> onFailure);

    /** The receiver of a request body. */
    interface Body {
        /** Bytes of the body, valid only during the call (the receiver copies what it keeps). */
        void data(ByteBuffer bytes);

        /** The body is complete. */
        void end();

        /** The body could not be read (the client went away, the connection failed). */
        void failed(Throwable cause);
    }
}
