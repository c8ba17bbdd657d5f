package dev.switchboard.jetty.front;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's handler behind a wrapper that declares itself non-blocking (#22), so that unary gRPC calls are served
 * on the thread that parsed them. Jetty computes one invocation type for the whole server from its handler tree, and
 * a servlet context makes it blocking, so its HTTP/2 hands every request to another pool thread — which, with one
 * write per answer, cost a small unary call half of its server CPU (bench/NOTES.md). Turned off with the system
 * property {@value #PROPERTY}{@code =false}.
 * <p>
 * Nothing that may block runs on the parsing thread:
 * <ul>
 * <li>only native gRPC requests ({@code application/grpc…}) go on inline, marked with the request attribute
 *     {@value #INLINE_ATTRIBUTE} (whose value is the pool); everything else is handed to the server's pool here, as
 *     Jetty would have;</li>
 * <li>a context takes a marked request inline only if Switchboard's Jetty-native handler is in it ({@link #declared});
 *     any other context gets it on the pool;</li>
 * <li>that handler (Switchboard's {@code JettyGrpcHandler}) serves what it takes without blocking — reads and writes
 *     with callbacks, service code on Switchboard's pool — and hands what it declines (refused requests, those with
 *     an {@code Origin}) to the server's pool before the servlet layer sees it.</li>
 * </ul>
 * What does run inline is the context's session and security handlers: the embedded Jetty's login service is an
 * in-memory user store and its sessions are in memory, as are a Jetty distribution's by default (its
 * {@code HashLoginService}). A WAR that brings a login service of its own that waits on a database or a directory
 * (in {@code WEB-INF/jetty-ee10-web.xml}) should turn this off: the system property on the embedded Jetty, the
 * module {@code switchboard-front} on a distribution.
 */
public final class InlineGrpcFront extends Handler.Wrapper {

    static final String PROPERTY = "switchboard.jetty.inline-grpc";
    /**
     * Set on a request that runs on the thread that parsed it, which must not block, to the server's pool as an
     * {@link Executor}: Switchboard's {@code JettyGrpcHandler} reads it by this name, and hands requests to that pool
     * (the web application shares no classes with the server, and Jetty hides its thread pool's from it).
     */
    static final String INLINE_ATTRIBUTE = "dev.switchboard.jetty.inline";
    /**
     * Set on every other request, to an {@link AtomicBoolean} the web application sets to true when the rest of the
     * response's writes may be deferred between reads ({@link WriteHold}): when nothing waits for them any more
     * (Switchboard's JSON answers, left in the servlet response's buffer for the request's completion to send). By
     * name and of a JDK type, as {@value #INLINE_ATTRIBUTE}.
     */
    static final String DEFERRABLE_ATTRIBUTE = "dev.switchboard.jetty.deferrable-writes";
    /** A native gRPC request's writes: always deferrable. Never set to false. */
    private static final AtomicBoolean ALWAYS = new AtomicBoolean(true);
    /** The handler that takes marked requests, by name: it is loaded by each web application's class loader. */
    private static final String NATIVE_HANDLER = "dev.switchboard.internal.jetty.JettyGrpcHandler";
    /** More wrappers than any context has: the walk down a context's handler chain ends here. */
    private static final int MAX_DEPTH = 32;

    private final Executor pool;

    public InlineGrpcFront(Handler next, Executor pool) {
        super(next);
        this.pool = pool;
    }

    /** Whether the front is on: unless {@value #PROPERTY} is "false". */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type != null && type.startsWith("application/grpc") && !type.startsWith("application/grpc-web")) {
            request.setAttribute(INLINE_ATTRIBUTE, pool);
            return super.handle(request, new DeferrableWrites(request, response, ALWAYS), callback);
        }
        AtomicBoolean deferrable = new AtomicBoolean();
        request.setAttribute(DEFERRABLE_ATTRIBUTE, deferrable);
        return onPool(pool, getHandler(), request, new DeferrableWrites(request, response, deferrable), callback);
    }

    /**
     * A web application's context as a non-blocking handler, for the server's dynamic context collection (Jetty
     * refuses to add a blocking handler to a started server it computed as non-blocking), which takes marked requests
     * inline only while Switchboard's handler is in the context, and hands them to {@code pool} otherwise.
     */
    public static Handler declared(Handler context, Executor pool) {
        return new Handler.Wrapper(context) {
            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }

            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getAttribute(INLINE_ATTRIBUTE) == null || servesNatively(getHandler())) {
                    return super.handle(request, response, callback);
                }
                request.removeAttribute(INLINE_ATTRIBUTE);
                return onPool(pool, getHandler(), request, response, callback);
            }
        };
    }

    /** Whether Switchboard's native handler is in the chain of single-handler wrappers below {@code context}. */
    static boolean servesNatively(Handler context) {
        Handler at = context;
        for (int depth = 0; depth < MAX_DEPTH && at instanceof Handler.Singleton wrapper; depth++) {
            at = wrapper.getHandler();
            if (at != null && at.getClass().getName().equals(NATIVE_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onPool(Executor pool, Handler next, Request request, Response response, Callback callback) {
        pool.execute(() -> {
            try {
                if (!next.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable e) {
                callback.failed(e);
            }
        });
        return true;
    }

    /**
     * A response whose writes may be deferred between reads ({@link WriteHold}) while {@code deferrable} is true:
     * always for a native gRPC request — Switchboard writes gRPC answers with callbacks and never waits for them, and
     * grpc-servlet, which serves streaming calls where Switchboard's handler does not, writes asynchronously too — and
     * for any other request once its web application said so ({@value #DEFERRABLE_ATTRIBUTE}). So an answer written
     * from a pool can wait for the others written meanwhile and leave with them. (A servlet of the application's own
     * that blocks on each write of such a response would wait for a selector's turn per small write: slower, never
     * stuck.)
     */
    private static final class DeferrableWrites extends Response.Wrapper {

        private final AtomicBoolean deferrable;

        DeferrableWrites(Request request, Response response, AtomicBoolean deferrable) {
            super(request, response);
            this.deferrable = deferrable;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (deferrable.get()) {
                WriteHold.deferrable(() -> super.write(last, content, callback));
            } else {
                super.write(last, content, callback);
            }
        }
    }
}
