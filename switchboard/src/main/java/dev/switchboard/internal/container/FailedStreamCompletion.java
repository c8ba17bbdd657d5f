package dev.switchboard.internal.container;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Ends the request of a grpc-servlet call whose stream failed after its response was committed: a client that
 * cancels a streaming call (RST_STREAM) or drops its connection mid-stream.
 * <p>
 * Why: grpc-servlet 1.79 then tells the call (the service sees its cancellation) but leaves completing the request to
 * the container — "the container will send RST_STREAM at the end", its listeners say. Jetty 12.1 does not: the
 * failure reaches grpc-servlet's read, write or async listener, and nothing completes the async cycle, whose timeout
 * grpc-servlet set to none. Left so, every such call would keep its request open until the server stops, and hold a
 * graceful stop for its whole timeout (AbandonedStreamsIT). So after grpc-servlet's listener has run, this completes
 * the request.
 * <p>
 * Only when the response was already committed as the failure came in: before that, grpc-servlet cancels the stream
 * itself, which writes trailers and completes. Both may still try; the {@link AsyncContext} grpc-servlet gets
 * completes once. A message grpc-servlet is still writing when the request completes (a server stream racing its
 * client's reset) cannot reach anyone: it is dropped quietly instead of failing with "Closed", which grpc-servlet
 * would log as a warning with its stack trace for every such call.
 */
public final class FailedStreamCompletion {

    private static final Logger LOG = Logger.getLogger(FailedStreamCompletion.class.getName());

    private final Request request;
    private final Response response;
    private volatile OnceAsyncContext async;
    /** Set once the container reported the stream failed: what grpc-servlet writes after that is dropped. */
    private volatile boolean failed;

    FailedStreamCompletion(ServletContainer container, HttpServletRequest request, HttpServletResponse response) {
        this.request = new Request(request);
        this.response = new Response(response);
        // Jetty closes the response's output as a reset comes in, before any listener hears of it: a message written
        // in between would fail with "Closed". Jetty's failure listener is told at once (elsewhere: no such hook).
        container.watchReset(request, null, failure -> failed = true);
    }

    /** The request to hand grpc-servlet. */
    public HttpServletRequest request() {
        return request;
    }

    /** The response to hand grpc-servlet. */
    public HttpServletResponse response() {
        return response;
    }

    /**
     * Runs one of grpc-servlet's error callbacks (the stream failed: reset, connection lost), then completes the
     * request if its response was committed before. From now on, nothing written can reach the client.
     */
    private <E extends Exception> void afterError(Throwable failure, FailureCallback<E> callback) throws E {
        failed = true;
        afterFailure(failure, callback);
    }

    /** Runs one of grpc-servlet's failure callbacks, then completes the request if its response was committed before. */
    private <E extends Exception> void afterFailure(Throwable failure, FailureCallback<E> callback) throws E {
        boolean committed = response.isCommitted();
        try {
            callback.run();
        } finally {
            OnceAsyncContext current = async;
            if (committed && current != null) {
                LOG.log(Level.FINE, "Completing a gRPC stream that failed after its response was committed", failure);
                current.complete();
            }
        }
    }

    @FunctionalInterface
    private interface FailureCallback<E extends Exception> {
        void run() throws E;
    }

    private final class Request extends HttpServletRequestWrapper {
        private ServletInputStream input;

        Request(HttpServletRequest request) {
            super(request);
        }

        @Override
        public AsyncContext startAsync() {
            return async = new OnceAsyncContext(super.startAsync());
        }

        @Override
        public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
            return async = new OnceAsyncContext(super.startAsync(servletRequest, servletResponse));
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (input == null) {
                input = new Input(super.getInputStream());
            }
            return input;
        }
    }

    private final class Response extends HttpServletResponseWrapper {
        private ServletOutputStream output;

        Response(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new Output(super.getOutputStream());
            }
            return output;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!failed) {
                try {
                    super.flushBuffer();
                } catch (IOException e) {
                    dropIfFailed(e);
                }
            }
        }
    }

    /** An I/O failure of a write or flush: thrown, unless the container has reported the stream failed. */
    private void dropIfFailed(IOException e) throws IOException {
        if (!failed) {
            throw e;
        }
    }

    private final class Input extends ServletInputStream {
        private final ServletInputStream delegate;

        Input(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public int read() throws IOException {
            return delegate.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return delegate.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() throws IOException {
                    listener.onDataAvailable();
                }

                @Override
                public void onAllDataRead() throws IOException {
                    // The request's end starts a server-streaming method: not within this callback (see there).
                    InlineFirstExecutor.handingOff(listener::onAllDataRead);
                }

                @Override
                public void onError(Throwable t) {
                    afterError(t, () -> listener.onError(t));
                }
            });
        }
    }

    private final class Output extends ForwardingOutputStream {
        Output(ServletOutputStream delegate) {
            super(delegate);
        }

        @Override
        public void write(int b) throws IOException {
            if (!failed) {
                try {
                    delegate.write(b);
                } catch (IOException e) {
                    dropIfFailed(e);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!failed) {
                try {
                    delegate.write(b, off, len);
                } catch (IOException e) {
                    dropIfFailed(e);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (!failed) {
                try {
                    delegate.flush();
                } catch (IOException e) {
                    dropIfFailed(e);
                }
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() throws IOException {
                    listener.onWritePossible();
                }

                @Override
                public void onError(Throwable t) {
                    afterError(t, () -> listener.onError(t));
                }
            });
        }
    }

    /** The async context grpc-servlet completes: it completes once, however many of grpc-servlet and this class try. */
    private final class OnceAsyncContext extends ForwardingAsyncContext {
        private final AtomicBoolean completed = new AtomicBoolean();
        /**
         * Taken at the start: Jetty's AsyncContext throws a NullPointerException from getRequest/getResponse once the
         * cycle has completed, and grpc-servlet still asks for the response when a server stream writes after its
         * client reset it (grpc-core would then log "Cancelling the stream because of internal error" with that stack).
         */
        private final ServletRequest request;
        private final ServletResponse response;

        OnceAsyncContext(AsyncContext delegate) {
            super(delegate);
            this.request = delegate.getRequest();
            this.response = delegate.getResponse();
        }

        @Override
        public void complete() {
            if (completed.compareAndSet(false, true)) {
                try {
                    delegate.complete();
                } catch (IllegalStateException e) {
                    // The container ended the cycle itself (e.g. after its own error handling): nothing left to do.
                    LOG.log(Level.FINE, "The container had already completed this gRPC request", e);
                }
            }
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(failureCompleting(listener));
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
            delegate.addListener(failureCompleting(listener), servletRequest, servletResponse);
        }

        private AsyncListener failureCompleting(AsyncListener listener) {
            return new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) throws IOException {
                    completed.set(true);
                    listener.onComplete(event);
                }

                @Override
                public void onTimeout(AsyncEvent event) throws IOException {
                    afterFailure(event.getThrowable(), () -> listener.onTimeout(event));
                }

                @Override
                public void onError(AsyncEvent event) throws IOException {
                    afterError(event.getThrowable(), () -> listener.onError(event));
                }

                @Override
                public void onStartAsync(AsyncEvent event) throws IOException {
                    listener.onStartAsync(event);
                }
            };
        }

        @Override
        public ServletRequest getRequest() {
            return request;
        }

        @Override
        public ServletResponse getResponse() {
            return response;
        }

    }
}
