package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.ContainerScoped;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian DeployableContainer running {@link EmbeddedJetty} in the test JVM. Client mode only: use
 * {@code @Deployment(testable = false)} or {@code @RunAsClient}. Inject {@code @ArquillianResource URL}
 * (the context's base URL) or {@code @ArquillianResource JettyEndpoints}.
 */
public final class JettyEmbeddedContainer implements DeployableContainer<JettyEmbeddedConfiguration> {

    private static final Logger LOG = Logger.getLogger(JettyEmbeddedContainer.class.getName());

    @Inject
    @ContainerScoped
    private InstanceProducer<JettyEndpoints> endpoints;

    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private JettyEmbeddedConfiguration configuration;
    private EmbeddedJetty jetty;
    private Path workDir;

    private record Deployed(EmbeddedJetty.Deployment deployment, Path war) {
    }

    @Override
    public Class<JettyEmbeddedConfiguration> getConfigurationClass() {
        return JettyEmbeddedConfiguration.class;
    }

    @Override
    public void setup(JettyEmbeddedConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        EmbeddedJetty.Options options = EmbeddedJetty.Options.defaults()
                .withHost(configuration.getBindAddress())
                .withHttpPort(configuration.getHttpPort());
        SelfSignedCertificate certificate = null;
        SelfSignedCertificate client = null;
        Map<String, SelfSignedCertificate> userCertificates = new LinkedHashMap<>();
        if (configuration.getHttpsPort() >= 0) {
            certificate = SelfSignedCertificate.generate();
            options = options.withTls(configuration.getHttpsPort(), certificate.keyStore(), certificate.password());
            if (configuration.isClientAuth()) {
                client = SelfSignedCertificate.generate("CN=switchboard-test-client");
                for (String name : configuration.certificateUsers()) {
                    userCertificates.put(name, SelfSignedCertificate.generate("CN=" + name + ", O=Switchboard tests"));
                }
                options = options.withClientAuth(trusting(client, userCertificates));
            }
        }
        try {
            workDir = Files.createTempDirectory("arquillian-jetty-");
            jetty = EmbeddedJetty.start(options);
            for (String user : configuration.users()) {
                String[] parts = user.split(":", 3);
                jetty.addUser(parts[0], parts[1], parts[2].split(","));
                SelfSignedCertificate userCertificate = userCertificates.get(parts[0]);
                if (userCertificate != null) {
                    jetty.addClientCertificateUser(userCertificate.certificate(), parts[2].split(","));
                }
            }
        } catch (Exception e) {
            throw new LifecycleException("Could not start embedded Jetty on " + configuration.getBindAddress()
                    + " (http " + configuration.getHttpPort() + ", https " + configuration.getHttpsPort() + ")", e);
        }
        endpoints.set(new JettyEndpoints(clientHost(), jetty.httpPort(), jetty.httpsPort(), certificate, client,
                userCertificates));
        LOG.info(() -> "Embedded Jetty started: " + endpoints.get());
    }

    private static KeyStore trusting(SelfSignedCertificate client, Map<String, SelfSignedCertificate> users)
            throws LifecycleException {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("client", client.certificate());
            for (Map.Entry<String, SelfSignedCertificate> user : users.entrySet()) {
                trusted.setCertificateEntry("user-" + user.getKey(), user.getValue().certificate());
            }
            return trusted;
        } catch (GeneralSecurityException | IOException e) {
            throw new LifecycleException("Cannot build the client trust store", e);
        }
    }

    /** Clients cannot connect to a wildcard address: use loopback for URLs then. */
    private String clientHost() {
        String bind = configuration.getBindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } catch (Exception e) {
            throw new LifecycleException("Could not stop embedded Jetty", e);
        } finally {
            jetty = null;
            deployed.clear();
            deleteQuietly(workDir);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // Tests run in the client (test) JVM; nothing is injected into the deployment.
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String contextPath = contextPath(archive.getName());
        Path war = workDir.resolve(archive.getName());
        try {
            StoredWar.export(archive, war.toFile());
            EmbeddedJetty.Deployment deployment = jetty.deploy(war, contextPath);
            deployed.put(archive.getName(), new Deployed(deployment, war));
        } catch (Exception e) {
            deleteQuietly(war);
            throw new DeploymentException("Could not deploy " + archive.getName() + " at " + contextPath + ": " + e, e);
        }
        // One "servlet" entry naming the context is enough for @ArquillianResource URL (the context's base URL).
        HTTPContext http = new HTTPContext(clientHost(), jetty.httpPort())
                .add(new Servlet(archive.getName(), contextPath));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Deployed entry = deployed.remove(archive.getName());
        if (entry == null) {
            return; // never deployed (its deployment failed) or already gone with the server
        }
        try {
            jetty.undeploy(entry.deployment());
        } catch (Exception e) {
            throw new DeploymentException("Could not undeploy " + archive.getName(), e);
        } finally {
            deleteQuietly(entry.war());
        }
    }

    /** "ROOT.war" is served at "/", "name.war" at "/name". */
    static String contextPath(String archiveName) {
        String name = archiveName.endsWith(".war") ? archiveName.substring(0, archiveName.length() - 4) : archiveName;
        return name.equals("ROOT") ? "/" : "/" + name;
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + path, e);
        }
    }
}
