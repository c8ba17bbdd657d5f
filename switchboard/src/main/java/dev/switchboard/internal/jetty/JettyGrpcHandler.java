package dev.switchboard.internal.jetty;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.grpc.NativeGrpc;
import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The handler {@link JettyTransport} puts between a web application's security handler and its servlet handler: every
 * request that got past the container's constraints and login is offered to Switchboard's {@link NativeGrpc}, which
 * serves the calls it takes on a {@link JettyExchange}; the rest go on to the servlet layer unchanged. Public for the
 * tests that find it in a deployed context and read {@link #calls()}.
 */
public final class JettyGrpcHandler extends Handler.Wrapper {

    private static final Logger LOG = Logger.getLogger(JettyGrpcHandler.class.getName());

    private final ServletContext servletContext;
    private final InvocationType invocationType;
    private final LongAdder calls = new LongAdder();

    /**
     * @param invocationType what the handler declares to Jetty: the servlet handler's, unless the server was declared
     *                       non-blocking as a whole (a front that hands blocking requests to a pool itself), which then
     *                       accepts only handlers that say the same
     */
    JettyGrpcHandler(ServletContext servletContext, Handler servlets, InvocationType invocationType) {
        super(servlets);
        this.servletContext = servletContext;
        this.invocationType = invocationType;
    }

    /** How many requests Switchboard served here, below the servlet layer. */
    public long calls() {
        return calls.sum();
    }

    @Override
    public InvocationType getInvocationType() {
        return invocationType == null ? super.getInvocationType() : invocationType;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        NativeGrpc grpc = NativeGrpc.of(servletContext);
        ServletContextRequest servletRequest = grpc == null ? null : Request.as(request, ServletContextRequest.class);
        if (servletRequest == null) {
            return super.handle(request, response, callback);
        }
        JettyExchange exchange = new JettyExchange(request, response, callback);
        try {
            if (grpc.serve(servletRequest.getServletApiRequest(), exchange)) {
                calls.increment();
                return true;
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Switchboard failed to serve " + request.getHttpURI().getPath() + " on Jetty's core API", e);
            if (exchange.touched()) {
                exchange.reset(e);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
