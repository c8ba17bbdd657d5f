package dev.switchboard.internal.gateway;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A request's asynchronous cycle, begun once in its dispatch, whose listener can be given later: a call that starts
 * only once its body has arrived (in a read callback, after the dispatch) can no longer call
 * {@link AsyncContext#addListener} or {@link AsyncContext#setTimeout}, which the servlet API allows only during the
 * dispatch that began the cycle. Events before a listener is given are dropped: whoever reads the body hears of a
 * failure from its {@code ReadListener} and ends the exchange itself.
 */
final class AsyncCycle implements AsyncListener {

    private final AsyncContext context;
    private volatile AsyncListener listener;

    private AsyncCycle(AsyncContext context) {
        this.context = context;
    }

    /** Begins the cycle, with no timeout of the container's (deadlines and body budgets are Switchboard's). */
    static AsyncCycle begin(HttpServletRequest req, HttpServletResponse resp) {
        AsyncContext context = req.startAsync(req, resp);
        context.setTimeout(0);
        AsyncCycle cycle = new AsyncCycle(context);
        context.addListener(cycle);
        return cycle;
    }

    AsyncContext context() {
        return context;
    }

    void listen(AsyncListener next) {
        this.listener = next;
    }

    /** Ends the exchange; a second end (the container's, or another thread's) is harmless. */
    void complete() {
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // already completed
        }
    }

    @Override
    public void onComplete(AsyncEvent event) throws IOException {
        AsyncListener next = listener;
        if (next != null) {
            next.onComplete(event);
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        AsyncListener next = listener;
        if (next != null) {
            next.onTimeout(event);
        }
    }

    @Override
    public void onError(AsyncEvent event) throws IOException {
        AsyncListener next = listener;
        if (next != null) {
            next.onError(event);
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
