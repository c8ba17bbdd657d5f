package dev.switchboard.internal.container;

import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;

/**
 * Jetty 12.1 (ee10): servlet listeners run on its request thread pool, non-blocking I/O is cheap, and a request's
 * failure (a client's reset) is reported to failure listeners on its core request ({@link JettyResetWatch}).
 */
final class JettyContainer implements ServletContainer {

    @Override
    public String name() {
        return "Jetty";
    }

    @Override
    public boolean knowsItsThreads() {
        return true;
    }

    @Override
    public boolean isIoThread(Thread thread) {
        return false;
    }

    @Override
    public boolean prefersBlockingDispatch() {
        return false;
    }

    @Override
    public boolean resetsInvisibleToServletApi() {
        return false;
    }

    @Override
    public boolean watchReset(ServletRequest request, Context.CancellableContext call, Consumer<Throwable> onReset) {
        return JettyResetWatch.watch(request, onReset);
    }
}
