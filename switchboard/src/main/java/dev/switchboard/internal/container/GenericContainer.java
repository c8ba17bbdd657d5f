package dev.switchboard.internal.container;

import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;

/** A container Switchboard knows nothing particular of: the Servlet specification as written, service code on a pool. */
final class GenericContainer implements ServletContainer {

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public boolean knowsItsThreads() {
        return false;
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
        return false;
    }
}
