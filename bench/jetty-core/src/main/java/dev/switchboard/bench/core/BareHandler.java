package dev.switchboard.bench.core;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Variants "bare" and "bare-blocking": the core handler alone on the Server — no context, no servlet objects, no
 * security. "bare" declares itself non-blocking (it never blocks: it reads with demand); "bare-blocking" does not,
 * as a ServletContextHandler cannot (its servlets may block), which changes how Jetty's HTTP/2 schedules the handler.
 */
final class BareHandler extends Handler.Abstract {

    BareHandler(Invocable.InvocationType type) {
        super(type);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!CoreUnary.isCall(request)) {
            return false;
        }
        CoreUnary.serve(request, response, callback);
        return true;
    }
}
