package dev.switchboard.testing.jetty;

import java.util.List;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Properties of {@code <container qualifier="jetty-embedded">} in arquillian.xml (set through the setters).
 * Ports: 0 = a random free port; {@code httpsPort} -1 = no TLS connector (otherwise TLS uses a
 * {@link SelfSignedCertificate} generated when the container starts). {@code users}: users of the realm
 * {@link EmbeddedJetty#REALM} for web.xml security constraints, as {@code name:password:role,role} separated by
 * whitespace (the same users the WildFly test server has in its application-users.properties). {@code clientAuth}:
 * the TLS connector asks clients for a certificate (wanted, not needed) and trusts one it generates at start, which
 * tests get from {@link JettyEndpoints#clientCertificate()}.
 */
public final class JettyEmbeddedConfiguration implements ContainerConfiguration {

    private String bindAddress = "127.0.0.1";
    private int httpPort = 0;
    private int httpsPort = 0;
    private String users = "";
    private boolean clientAuth;

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must be set");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigurationException("httpPort must be 0 (random) to 65535, was " + httpPort);
        }
        for (String user : users()) {
            if (user.split(":", 3).length != 3) {
                throw new ConfigurationException("users: expected name:password:role,role, was " + user);
            }
        }
        if (httpsPort < -1 || httpsPort > 65535) {
            throw new ConfigurationException("httpsPort must be -1 (off), 0 (random) to 65535, was " + httpsPort);
        }
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getHttpsPort() {
        return httpsPort;
    }

    public void setHttpsPort(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users == null ? "" : users;
    }

    /** Each user as {@code name:password:roles}. */
    List<String> users() {
        return users.isBlank() ? List.of() : List.of(users.trim().split("\\s+"));
    }

    public boolean isClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(boolean clientAuth) {
        this.clientAuth = clientAuth;
    }
}
