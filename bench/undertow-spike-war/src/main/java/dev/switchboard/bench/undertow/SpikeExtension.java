package dev.switchboard.bench.undertow;

import java.util.concurrent.Executor;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ServletInfo;
import jakarta.servlet.ServletContext;

/**
 * Installs the native variants into this WAR's Undertow deployment (META-INF/services/io.undertow.servlet.ServletExtension,
 * Undertow's documented hook; WildFly runs it with the WAR's class loader, the modules io.undertow.core and
 * io.undertow.servlet linked by WEB-INF/jboss-deployment-structure.xml). Undertow builds the chain, outside in:
 * initial wrappers, {@code ServletInitialHandler} (servlet request/response objects, path match, and the hand-off of
 * the request from the I/O thread to the worker pool — or to the matched servlet's own executor, when it has one),
 * outer wrappers, the security handlers (web.xml constraints, authentication), inner wrappers, the servlet dispatch.
 * <ul>
 * <li>{@code initial}: before all of it, on the I/O thread (no constraints apply);
 * <li>{@code outer}: after the hand-off, before security (no constraints apply);
 * <li>{@code inner}: after security, on the worker the request was handed to;
 * <li>{@code inner-inline}: the same handler, but its path is mapped to a servlet ({@code async-inline}) whose
 * executor runs tasks at once, so {@code ServletInitialHandler}'s dispatch stays on the I/O thread. It still reaches
 * the handler on a worker: the security chain's {@code ServletAuthenticationCallHandler} dispatches every request it
 * sees on an I/O thread (authentication may block) — kept to show that. {@code servlet-async-inline} is that servlet
 * itself (a ReadListener servlet).
 * </ul>
 */
public final class SpikeExtension implements ServletExtension {

    /** Runs a task at once on the calling thread: with it, Undertow's dispatch to the servlet stays on the I/O thread. */
    private static final Executor SAME_THREAD = Runnable::run;

    @Override
    public void handleDeployment(DeploymentInfo info, ServletContext context) {
        info.addInitialHandlerChainWrapper(next -> new NativeUnaryHandler("initial", next));
        info.addOuterHandlerChainWrapper(next -> new NativeUnaryHandler("outer", next));
        info.addInnerHandlerChainWrapper(next -> new NativeUnaryHandler("inner", new NativeUnaryHandler("inner-inline", next)));
        ServletInfo inline = info.getServlets().get("async-inline");
        if (inline == null) {
            throw new IllegalStateException("web.xml declares no servlet named async-inline");
        }
        inline.setExecutor(SAME_THREAD);
    }
}
