package dev.switchboard.testing.jetty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where the embedded Jetty of the Arquillian container listens; inject it with
 * {@code @ArquillianResource JettyEndpoints endpoints}.
 */
public final class JettyEndpoints {

    private final String host;
    private final int httpPort;
    private final int httpsPort;
    private final SelfSignedCertificate certificate;
    private final SelfSignedCertificate clientCertificate;
    private final Map<String, SelfSignedCertificate> userCertificates;

    public JettyEndpoints(String host, int httpPort, int httpsPort, SelfSignedCertificate certificate) {
        this(host, httpPort, httpsPort, certificate, null);
    }

    /** @param clientCertificate a client identity the TLS connector trusts, or null when it asks for none */
    public JettyEndpoints(String host, int httpPort, int httpsPort, SelfSignedCertificate certificate,
            SelfSignedCertificate clientCertificate) {
        this(host, httpPort, httpsPort, certificate, clientCertificate, Map.of());
    }

    /**
     * @param userCertificates by user name, the client identities with which users of the server's realm log in
     *        over CLIENT-CERT (the TLS connector trusts them too)
     */
    public JettyEndpoints(String host, int httpPort, int httpsPort, SelfSignedCertificate certificate,
            SelfSignedCertificate clientCertificate, Map<String, SelfSignedCertificate> userCertificates) {
        this.userCertificates = Map.copyOf(userCertificates);
        this.host = host;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.certificate = certificate;
        this.clientCertificate = clientCertificate;
    }

    /** The host clients connect to (127.0.0.1 when the server binds every address). */
    public String host() {
        return host;
    }

    public int httpPort() {
        return httpPort;
    }

    /** -1 when TLS is off. */
    public int httpsPort() {
        return httpsPort;
    }

    /** The server's certificate; null when TLS is off. Trust it with {@link SelfSignedCertificate#clientSslContext()}. */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /**
     * A client certificate (with its key) that the TLS connector asks for and trusts; null when it asks for none.
     * Present it with {@code KeyManagerFactory.init(clientCertificate().keyStore(), clientCertificate().password())}.
     */
    public SelfSignedCertificate clientCertificate() {
        return clientCertificate;
    }

    /**
     * The client identity with which the realm user {@code name} logs in over CLIENT-CERT (arquillian.xml
     * {@code certificateUsers} on the embedded Jetty, configure.cli on WildFly); null when there is none. Its
     * subject is {@code CN=name, O=Switchboard tests}.
     */
    public SelfSignedCertificate userCertificate(String name) {
        return userCertificates.get(name);
    }

    /** {@code http://host:port/path}; {@code path} is absolute from the server root, e.g. "/ctx/hello?x=1". */
    public URI http(String path) {
        return uri("http", httpPort, path);
    }

    /** {@code https://host:port/path}; fails when TLS is off. */
    public URI https(String path) {
        if (httpsPort < 0) {
            throw new IllegalStateException("TLS is off (httpsPort -1)");
        }
        return uri("https", httpsPort, path);
    }

    private URI uri(String scheme, int port, String path) {
        try {
            // The URI constructor brackets IPv6 literals; resolve() keeps a query string as typed.
            URI root = new URI(scheme, null, host, port, "/", null, null);
            return root.resolve(path.startsWith("/") ? path : "/" + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String toString() {
        return "JettyEndpoints[host=" + host + ", httpPort=" + httpPort + ", httpsPort=" + httpsPort + "]";
    }
}
