package dev.switchboard.jetty.front;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What the jetty-base module {@code switchboard-front} calls from its XML ({@code etc/switchboard-front.xml}): the
 * embedded Jetty's front and batching on a Jetty distribution. The module's XML runs after the modules that make the
 * connectors ({@code http}, {@code ssl}) and before those that configure them by id ({@code http2c}, {@code https},
 * {@code alpn}, {@code http2}).
 */
public final class DistributionFront {

    private DistributionFront() {
    }

    /** The server's handler (the distribution's {@code Contexts}) behind the {@link InlineGrpcFront}. */
    public static void front(Server server) {
        server.setHandler(new InlineGrpcFront(server.getHandler(), server.getThreadPool()));
    }

    /**
     * A connector of {@link BatchingEndPoint}s in place of {@code connector}, with its factories and settings so far,
     * or null if {@code connector} is (its module is not enabled). The XML rebinds the connector's id to the returned
     * one, so that the modules after it configure that one: Jetty's XmlConfiguration starts the object each file
     * configures, and a replaced connector configured by a later file would be started too, and bind the same port.
     */
    public static ServerConnector batching(Server server, ServerConnector connector) {
        if (connector == null) {
            return null;
        }
        ServerConnector batching = BatchingEndPoint.connector(server, connector.getAcceptors(),
                connector.getSelectorManager().getSelectorCount(),
                connector.getConnectionFactories().toArray(ConnectionFactory[]::new));
        batching.setHost(connector.getHost());
        batching.setPort(connector.getPort());
        batching.setIdleTimeout(connector.getIdleTimeout());
        batching.setAcceptQueueSize(connector.getAcceptQueueSize());
        batching.setReuseAddress(connector.getReuseAddress());
        batching.setReusePort(connector.isReusePort());
        batching.setAcceptedTcpNoDelay(connector.getAcceptedTcpNoDelay());
        batching.setAcceptedReceiveBufferSize(connector.getAcceptedReceiveBufferSize());
        batching.setAcceptedSendBufferSize(connector.getAcceptedSendBufferSize());
        batching.setAcceptorPriorityDelta(connector.getAcceptorPriorityDelta());
        server.removeConnector(connector);
        server.addConnector(batching);
        return batching;
    }

    /**
     * When the server starts, before its connectors do, every connector's {@link SslConnectionFactory} replaced by a
     * {@link BatchingSslConnectionFactory} with the same TLS context and next protocol, so that the decrypted side
     * holds writes as the socket does on plaintext. At the start because the modules that add that factory
     * ({@code https}, {@code alpn}) run after this module's XML, and a running connector takes no new factory.
     */
    public static void batchingTlsAtStart(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                batchingTls(server);
            }
        });
    }

    static void batchingTls(Server server) {
        for (Connector connector : server.getConnectors()) {
            SslConnectionFactory ssl = connector.getConnectionFactory(SslConnectionFactory.class);
            if (connector instanceof ServerConnector tlsConnector && !tlsConnector.isRunning() && ssl != null
                    && !(ssl instanceof BatchingSslConnectionFactory)) {
                BatchingSslConnectionFactory batching = new BatchingSslConnectionFactory(ssl.getSslContextFactory(),
                        ssl.getNextProtocol());
                batching.setDirectBuffersForEncryption(ssl.isDirectBuffersForEncryption());
                batching.setDirectBuffersForDecryption(ssl.isDirectBuffersForDecryption());
                batching.setEnsureSecureRequestCustomizer(ssl.isEnsureSecureRequestCustomizer());
                // the same protocol name ("SSL"): replaces Jetty's factory
                tlsConnector.addConnectionFactory(batching);
            }
        }
    }
}
