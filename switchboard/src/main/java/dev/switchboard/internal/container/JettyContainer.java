package dev.switchboard.internal.container;

import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;

/**
 * Jetty 12.1 (ee10): servlet listeners run on its request thread pool, non-blocking I/O is cheap, and a request's
 * failure (a client's reset) is reported to failure listeners on its core request ({@link JettyResetWatch}).
 */
final class JettyContainer extends ServletContainer {

    JettyContainer() {
        super("Jetty", true, false, false);
    }

    @Override
    public boolean watchReset(ServletRequest request, Context.CancellableContext call, Consumer<Throwable> onReset) {
        return JettyResetWatch.watch(request, onReset);
    }
}
