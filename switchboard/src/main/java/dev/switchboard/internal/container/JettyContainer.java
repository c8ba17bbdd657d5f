package dev.switchboard.internal.container;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;

/**
 * Jetty 12.1 (ee10): servlet listeners run on its request thread pool, non-blocking I/O is cheap, and a request's
 * failure (a client's reset) is reported to failure listeners on its core request ({@link JettyResetWatch}).
 */
final class JettyContainer extends ServletContainer {

    /**
     * Set by Switchboard's front ({@code switchboard-jetty}'s {@code InlineGrpcFront}: the embedded Jetty, a Jetty
     * distribution with the module {@code switchboard-front}) on the requests it hands to the server's pool, to an
     * {@link AtomicBoolean} that makes the rest of the response's writes deferrable once true: they may then wait
     * for the writes of other requests on the connection and leave with them in one socket write.
     */
    static final String DEFERRABLE_WRITES = "dev.switchboard.jetty.deferrable-writes";
    /**
     * The largest body Jetty keeps in the response's buffer without writing it: its output aggregation size, by
     * default a quarter of the 32 KB output buffer. (A server configured smaller writes a larger body at once, without
     * a Content-Length — still whole, only not gathered.)
     */
    static final int AGGREGATED_BYTES = 8 * 1024;

    JettyContainer() {
        super("Jetty", true, false, false);
    }

    /**
     * Where the front asked for it: a small body left in the buffer is sent by the request's completion, whose write
     * Jetty makes with a callback, so nothing waits for it and the front may defer it (bench/NOTES.md, 2026-12-07:
     * JSON over h2c 0.51× → 1.09× Armeria's, 44 → 21 µs of server CPU per call). Jetty gives the response its
     * Content-Length then, as the whole body is known.
     */
    @Override
    public boolean sendsBodyOnCompletion(ServletRequest request, int length) {
        if (length <= AGGREGATED_BYTES && request != null
                && request.getAttribute(DEFERRABLE_WRITES) instanceof AtomicBoolean deferrable) {
            deferrable.set(true);
            return true;
        }
        return false;
    }

    @Override
    public boolean watchReset(ServletRequest request, Context.CancellableContext call, Consumer<Throwable> onReset) {
        return JettyResetWatch.watch(request, onReset);
    }
}
