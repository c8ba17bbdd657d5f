package dev.switchboard.internal.jetty;

import java.util.concurrent.Executor;
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
 * <p>
 * It takes only the request exactly as the servlet context made it ({@code ServletContextRequest}): a request the
 * security handler refused, or wrapped to serve it as another (a login page), goes on to the servlet layer.
 * <p>
 * A request marked {@value #INLINE_ATTRIBUTE} runs on the thread that parsed it, which goes on to parse the
 * connection's other requests afterwards and must not block (a front of the server's that declares it non-blocking,
 * as the embedded Jetty of {@code switchboard-arquillian-jetty} has): such a call's service code goes to Switchboard's
 * pool, and what Switchboard declines goes to the server's pool before the servlet layer sees it.
 */
public final class JettyGrpcHandler extends Handler.Wrapper {

    private static final Logger LOG = Logger.getLogger(JettyGrpcHandler.class.getName());
    /** Jetty's {@code ErrorHandler.ERROR_STATUS}, by name: that class need not be visible to the web application. */
    static final String ERROR_STATUS = "org.eclipse.jetty.server.error_status";
    /**
     * Set by the server's front on a request that runs on its parsing thread, to the {@link Executor} to hand requests
     * to: by name and of a JDK type, as the front shares no class with the web application (nor does Jetty show it
     * its thread pool's).
     */
    static final String INLINE_ATTRIBUTE = "dev.switchboard.jetty.inline";

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

    /**
     * Whether the security handler refused the request but lets the servlet layer answer: it sets the error status
     * (401, 403) and passes the request on to have the error pages write it (Jetty's {@code ErrorHandler.writeError},
     * {@code AuthenticationState.ServeAs}). Such a request must reach them, never a service.
     */
    private static boolean refused(Request request) {
        return request.getAttribute(ERROR_STATUS) != null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        NativeGrpc grpc = NativeGrpc.of(servletContext);
        Executor pool = request.getAttribute(INLINE_ATTRIBUTE) instanceof Executor executor ? executor : null;
        if (grpc == null || !(request instanceof ServletContextRequest servletRequest) || refused(request)) {
            return passOn(pool, request, response, callback);
        }
        JettyExchange exchange = new JettyExchange(request, response, callback);
        // Counted before serving: a call served inline is answered before serve returns, and a test that reads
        // calls() after its answer must find it counted.
        calls.increment();
        boolean served = false;
        try {
            served = pool != null ? grpc.serveWithoutBlocking(servletRequest.getServletApiRequest(), exchange)
                    : grpc.serve(servletRequest.getServletApiRequest(), exchange);
            if (served) {
                return true;
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Switchboard failed to serve " + request.getHttpURI().getPath() + " on Jetty's core API", e);
            if (exchange.touched()) {
                exchange.reset(e);
                return true;
            }
        } finally {
            if (!served) {
                calls.decrement();
            }
        }
        return passOn(pool, request, response, callback);
    }

    /** To the servlet layer: on this thread, or on the server's {@code pool} when this thread must not block. */
    private boolean passOn(Executor pool, Request request, Response response, Callback callback) throws Exception {
        if (pool == null) {
            return super.handle(request, response, callback);
        }
        request.removeAttribute(INLINE_ATTRIBUTE);
        pool.execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable e) {
                callback.failed(e);
            }
        });
        return true;
    }
}
