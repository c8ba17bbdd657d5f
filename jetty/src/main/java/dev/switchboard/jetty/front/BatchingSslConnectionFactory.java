package dev.switchboard.jetty.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS whose decrypted endpoint holds writes as {@link BatchingEndPoint} does on plaintext: HTTP/2 over TLS reads and
 * writes the decrypted endpoint, so that is where the answers of one read are gathered — into one encryption and one
 * socket write. The TLS layer's own writes (handshake, alerts) go to the socket directly, past the hold.
 */
public final class BatchingSslConnectionFactory extends SslConnectionFactory {

    public BatchingSslConnectionFactory(SslContextFactory.Server tls, String nextProtocol) {
        super(tls, nextProtocol);
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new BatchingSslConnection(connector.getByteBufferPool(), connector.getExecutor(), getSslContextFactory(),
                endPoint, engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption());
    }

    /** Writes the decrypted endpoints of {@code connector} have issued (held ones once). For tests. */
    static long writes(Connector connector) {
        return connector.getConnectedEndPoints().stream()
                .mapToLong(endpoint -> endpoint.getConnection() instanceof BatchingSslConnection tls ? tls.hold.writes() : 0)
                .sum();
    }

    /**
     * Where the decrypted endpoint's writes between reads are issued: where the socket endpoint defers its own, when
     * the connector makes {@link BatchingEndPoint}s; else nowhere (they go at once).
     */
    private static WriteHold.Deferral deferral(EndPoint socket) {
        return socket instanceof BatchingEndPoint batching ? batching.deferral() : null;
    }

    private static final class BatchingSslConnection extends SslConnection {

        /**
         * The decrypted endpoint's, set by that endpoint: the superclass's constructor makes it, before this class's
         * fields could be, and the hold writes through the endpoint's superclass.
         */
        private WriteHold hold;

        BatchingSslConnection(ByteBufferPool pool, Executor executor, SslContextFactory tls, EndPoint endPoint,
                SSLEngine engine, boolean directForEncryption, boolean directForDecryption) {
            super(pool, executor, tls, endPoint, engine, directForEncryption, directForDecryption);
        }

        @Override
        protected SslEndPoint newSslEndPoint() {
            return new BatchingSslEndPoint();
        }

        /** The socket closed: the decrypted endpoint may not hear of it, and its held write must fail. */
        @Override
        public void onClose(Throwable cause) {
            super.onClose(cause);
            hold.release();
        }

        private final class BatchingSslEndPoint extends SslEndPoint {

            BatchingSslEndPoint() {
                hold = new WriteHold(super::write, deferral(BatchingSslConnection.this.getEndPoint()));
            }

            @Override
            public int fill(ByteBuffer buffer) throws IOException {
                int filled = 0;
                try {
                    filled = super.fill(buffer);
                    return filled;
                } finally {
                    hold.filled(filled, getConnection());
                }
            }

            @Override
            public void write(Callback callback, ByteBuffer... buffers) {
                hold.write(callback, buffers);
            }

            @Override
            public void onClose(Throwable cause) {
                super.onClose(cause);
                hold.release();
            }
        }
    }
}
