package dev.switchboard.internal.grpc;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * One HTTP exchange as a transport below the servlet API sees it — Jetty's core {@code Request}/{@code Response},
 * Undertow's {@code HttpServerExchange} — for {@link NativeGrpc} to serve a gRPC call on, without the servlet layer's
 * I/O: a unary call with {@link #read} and {@link #respond}; a streaming one, where the exchange {@link #streams}, with
 * {@link #read}, {@link #begin}, {@link #send} and {@link #finish}. Implemented in the container's own package (the only
 * code that links against container classes); every method returns at once, never blocking a thread on the client.
 */
public interface NativeExchange {

    /**
     * Starts delivering the request body to {@code body}: each chunk as it arrives, then its end or a failure. Callbacks
     * come on container threads, one at a time, possibly before this returns. Where the exchange {@link #streams}, it
     * reads only while {@link Body#wantsMore}, and again after {@link #resumeReading}.
     */
    void read(Body body);

    /** Whether a streaming call can be served here: {@link #begin}, {@link #send}, {@link #finish}, paced reads. */
    default boolean streams() {
        return false;
    }

    /**
     * How far a streaming call's request is read ahead of what the call has taken: by default two of the smallest HTTP/2
     * windows. Beyond it reading stops and the rest waits in the client's window — which also holds that much of the
     * connection's window, so an exchange whose container gives a connection no more window than one stream raises it.
     */
    default int readAhead() {
        return DEFAULT_READ_AHEAD;
    }

    /** {@link #readAhead()}'s default. */
    int DEFAULT_READ_AHEAD = 128 * 1024;

    /** Reading stopped because the body did not want more: it does now. Does nothing while the exchange reads. */
    default void resumeReading() {
    }

    /**
     * A streamed answer: status 200 and {@code headers} (as {@link #respond}'s), which leave with the first
     * {@link #send} or the {@link #finish}.
     */
    default void begin(List<String> headers) {
        throw new UnsupportedOperationException("this exchange does not stream");
    }

    /**
     * Writes {@code length} bytes of a streamed answer (its headers first if not yet sent; 0 bytes sends only them).
     * Calls {@code done} once, on any thread, when the bytes are written — when the client's flow-control window took
     * them — with null, else with the failure (the exchange is then over). One send or finish at a time.
     */
    default void send(byte[] bytes, int length, Consumer<Throwable> done) {
        throw new UnsupportedOperationException("this exchange does not stream");
    }

    /** Ends a streamed answer with {@code trailers} (same form as the headers); {@code done} as {@link #respond}'s. */
    default void finish(List<String> trailers, Consumer<Throwable> done) {
        throw new UnsupportedOperationException("this exchange does not stream");
    }

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

        /**
         * The client sent nothing for the container's idle timeout while the exchange waited for it: it reads no more,
         * but may still answer. By default a failure.
         */
        default void idle(java.util.concurrent.TimeoutException timeout) {
            failed(timeout);
        }

        /**
         * Whether the callbacks may run code that blocks (service code, started by a unary request's end): then the
         * exchange delivers on a thread that may block, never on one that parses the connection for others.
         */
        default boolean mayBlock() {
            return true;
        }

        /** Whether to read more now (asked before each read where the exchange {@link #streams}). */
        default boolean wantsMore() {
            return true;
        }
    }
}
