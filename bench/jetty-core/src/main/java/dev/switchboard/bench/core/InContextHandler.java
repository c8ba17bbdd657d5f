package dev.switchboard.bench.core;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Variant "context": the same core handler, inserted by {@link
 * org.eclipse.jetty.ee10.servlet.ServletContextHandler#insertHandler} between the context's security handler and its
 * ServletHandler — so the context's scope, session lookup and security constraints have run when it sees the call,
 * and only the servlet dispatch is skipped. Every other request goes on to the servlets.
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
