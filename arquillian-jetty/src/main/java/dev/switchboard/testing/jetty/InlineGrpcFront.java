package dev.switchboard.testing.jetty;

import java.util.concurrent.Executor;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Experimental (issue #22, off unless the system property {@value #PROPERTY} is true): the server's handler behind a
 * wrapper that declares itself non-blocking. Jetty computes one invocation type for the whole server from its handler
 * tree, and a servlet context makes it blocking, so its HTTP/2 hands every request to another pool thread (measured
 * in bench/core-spike: 8–12 µs of a unary call's ≈ 24). Here native gRPC requests run through the web application on
 * the thread that parsed them — Switchboard reads and writes them without blocking — and everything else is handed
 * to the pool, as Jetty would have. Sound only while nothing on a gRPC call's path blocks: a login service or session
 * store that waits on a database, or blocking service code run inline, would stall the connection's other streams.
 */
final class InlineGrpcFront extends Handler.Wrapper {

    static final String PROPERTY = "switchboard.jetty.inline-grpc";

    private final Executor pool;

    InlineGrpcFront(Handler next, Executor pool) {
        super(next);
        this.pool = pool;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /**
     * A web application as a non-blocking handler, for the server's dynamic context collection: Jetty refuses to add a
     * blocking handler to a started server it computed as non-blocking. The front has already handed everything but
     * native gRPC to the pool.
     */
    static Handler declared(Handler context) {
        return new Handler.Wrapper(context) {
            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && type.startsWith("application/grpc") && !type.startsWith("application/grpc-web")) {
            return super.handle(request, response, callback);
        }
        pool.execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable e) {
                callback.failed(e);
            }
        });
        return true;
    }
}
