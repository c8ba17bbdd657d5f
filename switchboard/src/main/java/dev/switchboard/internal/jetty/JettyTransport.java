package dev.switchboard.internal.jetty;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Installs {@link JettyGrpcHandler} in a web application's {@code ServletContextHandler}, as the handler of whatever
 * wraps its {@code ServletHandler} (the security handler, in every WebAppContext): after the constraints and login,
 * before the servlet layer. {@code ServletContextHandler.insertHandler} would put it in front of the session and
 * security handlers, where web.xml constraints do not apply.
 * <p>
 * Called while the context starts, from a {@code ServletContainerInitializer}: Jetty runs those before it starts the
 * context's handlers, and only stopped handlers may be re-linked. A context that is stopped and started again runs
 * the initializers again; the handler of its previous start (perhaps from the previous start's class loader) is taken
 * out first, so there is only ever one.
 */
public final class JettyTransport {

    private static final Logger LOG = Logger.getLogger(JettyTransport.class.getName());
    /** More wrappers than any context has: the walk down the handler chain ends here even if the chain were a loop. */
    private static final int MAX_DEPTH = 32;

    private JettyTransport() {
    }

    /**
     * Installs the handler in the Jetty context of {@code context}; false, with nothing changed, when this is not an
     * ee10 servlet context of the Jetty these classes link against, or its handlers cannot be re-linked now.
     */
    public static boolean install(ServletContext context) {
        ServletContextHandler handler = ServletContextHandler.getServletContextHandler(context);
        ServletHandler servlets = handler == null ? null : handler.getServletHandler();
        if (servlets == null) {
            return false;
        }
        try {
            Handler.Singleton parent = parentOf(handler, servlets);
            if (parent == null) {
                LOG.warning(() -> "Switchboard: the servlet handler of " + context.getContextPath() + " is not wrapped by"
                        + " Jetty's usual handlers; native gRPC stays on the servlet layer");
                return false;
            }
            Server server = handler.getServer();
            Invocable.InvocationType declared = server != null && server.isStarted()
                    && server.getInvocationType() == Invocable.InvocationType.NON_BLOCKING
                    ? Invocable.InvocationType.NON_BLOCKING : null;
            parent.setHandler(new JettyGrpcHandler(context, servlets, declared));
            LOG.info(() -> "Switchboard: Jetty's core API serves the gRPC calls Switchboard takes in context "
                    + (context.getContextPath().isEmpty() ? "/" : context.getContextPath())
                    + ", after its security constraints and login, below its servlet layer");
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Switchboard could not install its handler in Jetty's context " + context.getContextPath()
                    + "; native gRPC stays on the servlet layer", e);
            return false;
        }
    }

    /**
     * The handler whose handler is {@code servlets}, taking out a {@link JettyGrpcHandler} of an earlier start on the
     * way; null if the chain is not made of single-handler wrappers.
     */
    private static Handler.Singleton parentOf(ServletContextHandler context, ServletHandler servlets) {
        Handler.Singleton at = context;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Handler next = at.getHandler();
            if (next == servlets) {
                return at;
            }
            if (!(next instanceof Handler.Singleton wrapper)) {
                return null;
            }
            // by name: an earlier start's handler may come from an earlier class loader
            if (next.getClass().getName().equals(JettyGrpcHandler.class.getName())) {
                at.setHandler(wrapper.getHandler());
            } else {
                at = wrapper;
            }
        }
        return null;
    }
}
