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
 * tests get from {@link JettyEndpoints#clientCertificate()}. {@code certificateUsers} (with {@code clientAuth}):
 * names of {@code users} that also log in over CLIENT-CERT, each with a certificate generated at start
 * ({@code CN=name, O=Switchboard tests}, trusted by the TLS connector, the user's roles; Jetty names the user by the
 * subject, {@code O=Switchboard tests, CN=name}), which tests get from {@link JettyEndpoints#userCertificate(String)}
 * (WildFly's test server has the same, configure.cli).
 */
public final class JettyEmbeddedConfiguration implements ContainerConfiguration {

    private String bindAddress = "127.0.0.1";
    private int httpPort = 0;
    private int httpsPort = 0;
    private String users = "";
    private boolean clientAuth;
    private String certificateUsers = "";

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
        List<String> names = users().stream().map(user -> user.split(":", 2)[0]).toList();
        for (String name : certificateUsers()) {
            if (!names.contains(name)) {
                throw new ConfigurationException("certificateUsers: " + name + " is not one of users " + names);
            }
        }
        if (!certificateUsers().isEmpty() && (!clientAuth || httpsPort == -1)) {
            throw new ConfigurationException("certificateUsers needs clientAuth true and a TLS connector (httpsPort not -1)");
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

    public String getCertificateUsers() {
        return certificateUsers;
    }

    public void setCertificateUsers(String certificateUsers) {
        this.certificateUsers = certificateUsers == null ? "" : certificateUsers;
    }

    /** The names of {@code certificateUsers}. */
    List<String> certificateUsers() {
        return certificateUsers.isBlank() ? List.of() : List.of(certificateUsers.trim().split("\\s+"));
    }
}
