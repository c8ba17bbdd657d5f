package dev.switchboard.internal.container;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response grpc-servlet writes to, passing {@code onWritePossible} on only as the Servlet specification promises
 * it: once at first, then only after {@code isReady()} has returned false. Undertow (WildFly) also calls it when
 * {@code isReady()} never returned false; grpc-servlet 1.79's writer takes that for a race it must wait out and parks
 * the container's I/O thread until the stream's next write (grpc-java#12908), which stalls interactive streams and,
 * once every I/O thread is parked, the whole server. Containers that keep the promise (Jetty) see no difference.
 */
final class WriteReadinessGuard extends HttpServletResponseWrapper {

    private final GuardedStream stream;

    WriteReadinessGuard(HttpServletResponse response) throws IOException {
        super(response);
        ServletOutputStream out = response.getOutputStream();
        this.stream = new GuardedStream(out);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return stream;
    }

    private static final class GuardedStream extends ForwardingOutputStream {
        /** Whether the next onWritePossible is one the writer waits for: the first, or one after isReady() said false. */
        private boolean armed = true;

        GuardedStream(ServletOutputStream delegate) {
            super(delegate);
        }

        @Override
        public synchronized boolean isReady() {
            // Under the lock, so that an onWritePossible racing with a false answer waits for it and is not lost.
            boolean ready = delegate.isReady();
            if (!ready) {
                armed = true;
            }
            return ready;
        }

        private synchronized boolean disarm() {
            boolean wanted = armed;
            armed = false;
            return wanted;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() throws IOException {
                    if (disarm()) {
                        listener.onWritePossible();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    listener.onError(t);
                }
            });
        }
    }
}
