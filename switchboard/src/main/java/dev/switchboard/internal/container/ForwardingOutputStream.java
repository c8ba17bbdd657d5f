package dev.switchboard.internal.container;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * A servlet output stream that hands everything to the container's; the response wrappers on grpc-servlet's path
 * (and gRPC-Web's) override the one or two operations they change.
 */
public abstract class ForwardingOutputStream extends ServletOutputStream {

    protected final ServletOutputStream delegate;

    protected ForwardingOutputStream(ServletOutputStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }

    @Override
    public void write(int b) throws IOException {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        delegate.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
