package dev.switchboard.testing.jetty;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the requests the server is handling, so that a graceful stop that times out can say which requests held it
 * (Jetty's {@code GracefulHandler} only counts them). Once, at the end of a container-test suite, the stop timed out
 * with every test green and nothing to tell which request or stream was still open.
 */
final class InFlightRequests extends Handler.Wrapper {

    private final Map<Request, Long> open = new ConcurrentHashMap<>();

    InFlightRequests(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        open.put(request, System.nanoTime());
        Callback tracked = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                open.remove(request);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                open.remove(request);
                super.failed(failure);
            }
        };
        boolean handled = false;
        try {
            handled = super.handle(request, response, tracked);
            return handled;
        } finally {
            if (!handled) {
                open.remove(request);
            }
        }
    }

    /** One line per request being handled now: method, URI, protocol, for how long. */
    List<String> describe() {
        long now = System.nanoTime();
        return open.entrySet().stream()
                .map(e -> e.getKey().getMethod() + " " + e.getKey().getHttpURI() + " "
                        + e.getKey().getConnectionMetaData().getProtocol() + ", open for "
                        + TimeUnit.NANOSECONDS.toMillis(now - e.getValue()) + " ms")
                .sorted()
                .toList();
    }
}
