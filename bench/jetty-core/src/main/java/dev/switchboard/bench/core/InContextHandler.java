package dev.switchboard.bench.core;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Variants "context" and "front": the same core handler inside the ee10 ServletContextHandler. In "context" it is the
 * SecurityHandler's handler and wraps the ServletHandler, so the context's scope, session lookup and security
 * constraints have run when it sees the call, and only the servlet dispatch is skipped (ServletContextHandler's
 * relinking keeps wrappers found between the security and the servlet handler). In "front" it is placed by
 * {@code ServletContextHandler.insertHandler}, which puts it before the session and security handlers: the context's
 * own cost alone. Every other request goes on to the servlets.
 */
final class InContextHandler extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!CoreUnary.isCall(request)) {
            return super.handle(request, response, callback);
        }
        CoreUnary.serve(request, response, callback);
        return true;
    }
}
