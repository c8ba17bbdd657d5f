package dev.switchboard.internal.grpc;

import java.io.IOException;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a native transport (a handler below the servlet API, installed by the container's package) hands a request
 * for Switchboard to serve on a {@link NativeExchange}: published in the web application's {@link ServletContext} while
 * Switchboard runs. A transport asks it for every request it sees and passes on what it declines to the servlet
 * layer, which serves it as without a native transport.
 */
public interface NativeGrpc {

    /** The servlet context attribute holding the deployment's {@code NativeGrpc} while it serves. */
    String ATTRIBUTE = NativeGrpc.class.getName();

    /** The deployment's, or null while Switchboard does not serve (starting, stopped, turned off). */
    static NativeGrpc of(ServletContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof NativeGrpc grpc ? grpc : null;
    }

    /**
     * Serves {@code req} on {@code exchange} if it is a call this transport takes (a native gRPC unary call that nothing
     * else — a filter, CORS — must see first), answering it in the end; false, having touched nothing, for the servlet
     * layer to serve. {@code req} is the servlet API's view of the same request (headers, caller, addresses): after the
     * container's security constraints and login, before its filters.
     */
    boolean serve(HttpServletRequest req, NativeExchange exchange) throws IOException;

    /**
     * As {@link #serve}, for a transport calling on a thread that must not block — one that goes on parsing the
     * connection's other requests when this returns: the call's interceptors and service code run on Switchboard's
     * pool, never on this thread (unless the application chose {@code switchboard.grpc-executor} {@code direct}).
     */
    boolean serveWithoutBlocking(HttpServletRequest req, NativeExchange exchange) throws IOException;
}
