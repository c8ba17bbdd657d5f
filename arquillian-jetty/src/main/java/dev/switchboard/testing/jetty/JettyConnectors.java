package dev.switchboard.testing.jetty;

import dev.switchboard.jetty.front.BatchingEndPoint;
import dev.switchboard.jetty.front.BatchingSslConnectionFactory;
import dev.switchboard.jetty.h2c.PriorKnowledgeH2c;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.WindowRateControl;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * {@link EmbeddedJetty}'s connectors: plaintext HTTP/1.1 + h2c, and TLS with ALPN (h2, http/1.1); HTTP/2 on both with
 * the rate control gRPC clients need ({@link EmbeddedJetty#HTTP2_EVENTS_PER_SECOND}) and otherwise Jetty's defaults.
 */
final class JettyConnectors {

    private JettyConnectors() {
    }

    /** HTTP/1.1 first; h2c after it, for "PRI *" prior knowledge (not "Upgrade: h2c": {@link PriorKnowledgeH2c}). */
    static ServerConnector plaintext(Server server, EmbeddedJetty.Options options, HttpConfiguration config) {
        HTTP2CServerConnectionFactory h2c = new PriorKnowledgeH2c(config);
        grpcRateControl(h2c);
        // One write for the answers of one read on HTTP/2 (BatchingEndPoint); -Dswitchboard.jetty.batch-writes=false
        // turns it off.
        ServerConnector connector = BatchingEndPoint.enabled()
                ? BatchingEndPoint.connector(server, new HttpConnectionFactory(config), h2c)
                : new ServerConnector(server, new HttpConnectionFactory(config), h2c);
        connector.setHost(options.host());
        connector.setPort(options.httpPort());
        idleTimeout(connector, options);
        return connector;
    }

    /** The TLS context of {@link #tls}: the options' key store, and their client trust store if any. */
    static SslContextFactory.Server tlsContext(EmbeddedJetty.Options options) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(options.keyStore());
        tls.setKeyStorePassword(new String(options.keyStorePassword()));
        tls.setKeyManagerPassword(new String(options.keyStorePassword()));
        if (options.clientTrustStore() != null) {
            tls.setTrustStore(options.clientTrustStore());
            tls.setWantClientAuth(true);
        }
        // RFC 9113 9.2.2 blocks many ciphers for h2: prefer the ones HTTP/2 accepts, in our order.
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        tls.setUseCipherSuitesOrder(true);
        return tls;
    }

    /** TLS with ALPN: h2, and HTTP/1.1 for clients that ask for it or do not speak ALPN. */
    static ServerConnector tls(Server server, EmbeddedJetty.Options options, HttpConfiguration plain,
            SslContextFactory.Server tls) {
        HttpConfiguration config = new HttpConfiguration(plain);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // A test/dev server with a self-signed localhost certificate: do not turn requests made to another
        // name of this machine (LAN address, hostname, with curl -k) into 400 "Invalid SNI".
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);

        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        grpcRateControl(h2);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        // Clients that do not speak ALPN get HTTP/1.1.
        alpn.setDefaultProtocol(http11.getProtocol());
        // The answers of one HTTP/2 read in one write, as on plaintext (BatchingEndPoint.PROPERTY turns both off)
        SslConnectionFactory ssl = BatchingEndPoint.enabled() ? new BatchingSslConnectionFactory(tls, alpn.getProtocol())
                : new SslConnectionFactory(tls, alpn.getProtocol());

        // Batching endpoints under TLS too: the decrypted endpoint's writes between reads are issued on their selector.
        ServerConnector connector = BatchingEndPoint.enabled() ? BatchingEndPoint.connector(server, ssl, alpn, h2, http11)
                : new ServerConnector(server, ssl, alpn, h2, http11);
        connector.setHost(options.host());
        connector.setPort(options.httpsPort());
        idleTimeout(connector, options);
        return connector;
    }

    /** Why: {@link EmbeddedJetty#HTTP2_EVENTS_PER_SECOND}. */
    private static void grpcRateControl(AbstractHTTP2ServerConnectionFactory h2) {
        h2.setRateControlFactory(new WindowRateControl.Factory(EmbeddedJetty.HTTP2_EVENTS_PER_SECOND));
    }

    private static void idleTimeout(ServerConnector connector, EmbeddedJetty.Options options) {
        if (options.idleTimeout() != null) {
            // HTTP/2 streams take the connector's idle timeout when their own is not set.
            connector.setIdleTimeout(options.idleTimeout().toMillis());
        }
    }
}
