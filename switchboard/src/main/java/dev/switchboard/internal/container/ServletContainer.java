package dev.switchboard.internal.container;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What Switchboard does differently on a servlet container: the one place that knows container classes, detected once
 * at startup from the server info. Everything else asks this seam instead of looking at a request's, a stream's or a
 * thread's class. A new container quirk goes into the implementation for that container, with a comment naming the
 * container version and the upstream issue.
 */
public abstract class ServletContainer {

    private final String name;
    private final boolean knowsItsThreads;
    private final boolean prefersBlockingDispatch;
    private final boolean resetsInvisibleToServletApi;

    ServletContainer(String name, boolean knowsItsThreads, boolean prefersBlockingDispatch, boolean resetsInvisibleToServletApi) {
        this.name = name;
        this.knowsItsThreads = knowsItsThreads;
        this.prefersBlockingDispatch = prefersBlockingDispatch;
        this.resetsInvisibleToServletApi = resetsInvisibleToServletApi;
    }

    /** The container the server info names: Jetty, Undertow (WildFly, JBoss EAP), or one Switchboard knows nothing of. */
    public static ServletContainer detect(String serverInfo) {
        String info = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
        if (info.startsWith("jetty")) {
            return new JettyContainer();
        }
        if (info.startsWith("undertow") || info.startsWith("wildfly") || info.startsWith("jboss")) {
            return new UndertowContainer();
        }
        return new ServletContainer("generic", false, false, false) {
        };
    }

    /** For logs and tests. */
    public final String name() {
        return name;
    }

    /**
     * Whether Switchboard knows which of the container's threads deliver servlet listener callbacks, so that service
     * code may run on them up to a limit ({@link InlineFirstExecutor}); where it does not, service code runs on a pool.
     */
    public final boolean knowsItsThreads() {
        return knowsItsThreads;
    }

    /** Whether the thread is one of the container's I/O threads, which must never run service code (they are few). */
    public boolean isIoThread(Thread thread) {
        return false;
    }

    /**
     * Whether a unary gRPC call is best served within the container's dispatch with blocking I/O, rather than with
     * non-blocking reads and writes.
     */
    public final boolean prefersBlockingDispatch() {
        return prefersBlockingDispatch;
    }

    /**
     * Whether a client's reset of an HTTP/2 stream reaches nothing of the servlet API (no listener, no failed read)
     * while the response has not started, so that every call must be {@link #watchReset watched} to hear it.
     */
    public final boolean resetsInvisibleToServletApi() {
        return resetsInvisibleToServletApi;
    }

    /**
     * Calls {@code onReset} (once, on a container or timer thread) when the client resets the request's stream or its
     * connection fails, while the call runs. {@code call} is the call's context, which bounds the watching where the
     * container has to be polled; null where there is none yet (then only containers that report failures do).
     *
     * @return whether it watches: false where the container cannot tell (or not for this request)
     */
    public boolean watchReset(ServletRequest request, Context.CancellableContext call, Consumer<Throwable> onReset) {
        return false;
    }

    /**
     * Whether a whole response body of {@code length} bytes, written with no Content-Length, may be left in the
     * response's buffer for the request's completion to send — with its length, and without the writing thread
     * waiting for the write. True only where that lets the container gather the answers of many requests into one
     * write ({@link JettyContainer}); elsewhere the body is written with its length, at once.
     */
    public boolean sendsBodyOnCompletion(ServletRequest request, int length) {
        return false;
    }

    /**
     * The request and response grpc-servlet serves a call with, adapted to what it does not expect of containers:
     * listeners called beyond the Servlet specification's promise ({@link WriteReadinessGuard}), a flush per message
     * ({@link DeferredFlushResponse}, for calls whose server sends one message), a failed stream nobody completes
     * ({@link FailedStreamCompletion}).
     */
    public FailedStreamCompletion forGrpcServlet(HttpServletRequest request, HttpServletResponse response, boolean oneMessage)
            throws IOException {
        HttpServletResponse guarded = new WriteReadinessGuard(response);
        return new FailedStreamCompletion(this, request, oneMessage ? new DeferredFlushResponse(guarded) : guarded);
    }

    /** Stops what it started (threads that watch for resets). */
    public void close() {
    }
}
