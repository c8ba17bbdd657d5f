package dev.switchboard.bench.core;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Variant "bare": the core handler alone on the Server — no context, no servlet objects, no security. */
final class BareHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!CoreUnary.isCall(request)) {
            return false;
        }
        CoreUnary.serve(request, response, callback);
        return true;
    }
}
