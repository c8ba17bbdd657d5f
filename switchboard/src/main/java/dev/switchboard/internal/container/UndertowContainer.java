package dev.switchboard.internal.container;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.grpc.Context;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Undertow (WildFly 39, JBoss EAP): servlet listeners run on its few XNIO I/O threads, and each non-blocking read,
 * write or completion is a task handed to one of them, so blocking I/O on its request (worker) threads is cheaper;
 * a client's reset of an HTTP/2 stream reaches nothing the servlet API sees, so calls are polled for it
 * ({@link UndertowResetWatch}).
 */
final class UndertowContainer extends ServletContainer {

    private static final String XNIO_IO_THREAD = "org.xnio.XnioIoThread";

    /** Created with the first call watched: never on other containers, nor where nothing needs watching. */
    private volatile ScheduledExecutorService sweeper;
    private volatile UndertowResetWatch resets;

    UndertowContainer() {
        super("Undertow", true, true, true);
    }

    @Override
    public boolean isIoThread(Thread thread) {
        return extendsClassNamed(thread.getClass(), XNIO_IO_THREAD);
    }

    /** XNIO's I/O threads extend {@code org.xnio.XnioIoThread}; by name, as the WAR cannot link to it. */
    static boolean extendsClassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != Thread.class && c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean watchReset(ServletRequest request, Context.CancellableContext call, Consumer<Throwable> onReset) {
        return call != null && resets().watch(request, call, onReset);
    }

    private UndertowResetWatch resets() {
        UndertowResetWatch current = resets;
        if (current == null) {
            synchronized (this) {
                if (resets == null) {
                    sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                        Thread thread = new Thread(task, "switchboard-reset-watch");
                        thread.setDaemon(true);
                        return thread;
                    });
                    resets = new UndertowResetWatch(sweeper);
                }
                current = resets;
            }
        }
        return current;
    }

    /**
     * Undertow's {@code flush()} in async mode, called off its I/O thread, does not finish its job: while the HTTP/2
     * stream still has a frame waiting for the I/O thread (the headers, just flushed), the buffered message cannot be
     * handed over, stays in the servlet buffer with {@code isReady()} still true, and nothing wakes up to send it: an
     * interactive stream's reply waits for the stream's next write. Unbuffered, {@code write()} hands the bytes
     * straight to the stream, and when it cannot, keeps them itself, answers {@code isReady()} false and sends them
     * when the stream is writable (then {@code onWritePossible}), as it should.
     */
    @Override
    public FailedStreamCompletion forGrpcServlet(HttpServletRequest request, HttpServletResponse response, boolean oneMessage)
            throws IOException {
        response.setBufferSize(0);
        return super.forGrpcServlet(request, response, oneMessage);
    }

    @Override
    public void close() {
        ScheduledExecutorService current = sweeper;
        if (current != null) {
            current.shutdownNow();
        }
    }
}
