package dev.switchboard.bench.core;

import java.util.concurrent.Executor;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Variants "context-inline" and "servlet-async-inline": the "context" (or "servlet-async") variant behind a
 * server-level wrapper that declares itself non-blocking. Jetty computes one invocation type for the whole server
 * from its handler tree, and any ServletContextHandler makes it BLOCKING, so HTTP/2 hands every request to another
 * pool thread (measured: that hand-off, not the context's handlers, is most of what a core handler inside a context
 * costs). This wrapper tells Jetty it never blocks: gRPC calls run through the context (scope, session, security, and
 * the servlet if it answers) on the thread that parsed them, everything else is handed to the pool here, as Jetty
 * would have. Safe only while nothing on the call's path blocks — a login service that queries a database or a
 * session store that reads from one would stall the connection's other streams.
 */
final class InlineFront extends Handler.Wrapper {

    private final Executor pool;

    InlineFront(Handler context, Executor pool) {
        super(context);
        this.pool = pool;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (CoreUnary.isCall(request)) {
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
