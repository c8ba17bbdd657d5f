package dev.switchboard.internal.container;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/**
 * Tells, on Jetty 12, the moment a client resets its HTTP/2 stream or the connection fails — even while service code
 * is still running on the thread of the request's dispatch.
 * <p>
 * Why: the servlet API reports such a failure through {@code AsyncListener.onError}, which Jetty delivers only after the
 * dispatch has returned. A call whose service code runs on the dispatching thread (Switchboard's {@code inline-first})
 * would learn that its client is gone only when it is done. Jetty's core request has failure listeners that are
 * called at once ({@code org.eclipse.jetty.server.Request.addFailureListener}); this class registers one, by
 * reflection because a WAR cannot link against the container's classes. Elsewhere, or when Jetty's classes are not
 * what this expects, it registers nothing and says so.
 */
final class JettyResetWatch {

    private static final Logger LOG = Logger.getLogger(JettyResetWatch.class.getName());
    private static final String JETTY_SERVLET_PACKAGE = "org.eclipse.jetty.ee10.servlet.";
    private static final String CONTEXT_REQUEST = "org.eclipse.jetty.ee10.servlet.ServletContextRequest";
    private static final String CORE_REQUEST = "org.eclipse.jetty.server.Request";

    /** Jetty's methods, looked up once from the first Jetty request seen; null until then, or if they are not there. */
    private static volatile Hooks hooks;
    private static volatile boolean unavailable;

    private record Hooks(ClassLoader loader, Method contextRequest, Method addFailureListener) {
    }

    private JettyResetWatch() {
    }

    /**
     * Calls {@code onFailure} (on a Jetty thread) if the request fails before it completes.
     *
     * @return whether the listener is registered: false when this is not Jetty 12's ee10 servlet request
     */
    static boolean watch(ServletRequest request, Consumer<Throwable> onFailure) {
        ServletRequest bare = request;
        while (bare instanceof ServletRequestWrapper wrapper) {
            bare = wrapper.getRequest();
        }
        if (unavailable || !bare.getClass().getName().startsWith(JETTY_SERVLET_PACKAGE)) {
            return false;
        }
        Hooks found = hooks(bare.getClass().getClassLoader());
        if (found == null) {
            return false;
        }
        try {
            Object core = found.contextRequest().invoke(null, bare);
            if (core == null) {
                return false;
            }
            found.addFailureListener().invoke(core, onFailure);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            giveUp(e);
            return false;
        }
    }

    private static Hooks hooks(ClassLoader jetty) {
        Hooks current = hooks;
        if (current != null && current.loader() == jetty) {
            return current;
        }
        try {
            Method contextRequest = Class.forName(CONTEXT_REQUEST, false, jetty).getMethod("getServletContextRequest", ServletRequest.class);
            // Through the public interface: the request's own class may not be accessible.
            Method addFailureListener = Class.forName(CORE_REQUEST, false, jetty).getMethod("addFailureListener", Consumer.class);
            current = new Hooks(jetty, contextRequest, addFailureListener);
            hooks = current;
            return current;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            giveUp(e);
            return null;
        }
    }

    private static void giveUp(Throwable e) {
        if (!unavailable) {
            unavailable = true;
            LOG.log(Level.WARNING, "Switchboard cannot watch Jetty's requests for client resets (" + e + "): calls over"
                    + " HTTP/2 run on Switchboard's pool instead of the container's thread", e);
        }
    }
}
