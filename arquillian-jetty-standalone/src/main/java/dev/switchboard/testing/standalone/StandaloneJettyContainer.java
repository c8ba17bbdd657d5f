package dev.switchboard.testing.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import dev.switchboard.testing.jetty.StoredWar;
import dev.switchboard.testing.jetty.UserCertificates;

/**
 * Managed Arquillian container for a Jetty distribution (jetty-home + a jetty-base) in a process of its own, started
 * at {@link #start()} and stopped at {@link #stop()}. Archives are deployed the way a user deploys to it: the WAR
 * file into the directory Jetty's deployment scanner watches ({@code jetty.deploy.webappsDir}, here a fresh one per
 * run, scanned every second), undeployed by deleting it; "ROOT.war" is served at "/", "name.war" at "/name". Client
 * mode only, like the embedded container; {@code @ArquillianResource JettyEndpoints} describes this server.
 */
public final class StandaloneJettyContainer implements DeployableContainer<StandaloneJettyConfiguration> {

    private static final Logger LOG = Logger.getLogger(StandaloneJettyContainer.class.getName());
    /** A CLIENT-CERT user's identity beside the client key store: {@code switchboard-user-NAME.p12}, alias NAME. */

    @Inject
    @ContainerScoped
    private InstanceProducer<JettyEndpoints> endpoints;

    private StandaloneJettyConfiguration configuration;
    private JettyProcess jetty;
    private Path webapps;
    private Thread killOnExit;

    @Override
    public Class<StandaloneJettyConfiguration> getConfigurationClass() {
        return StandaloneJettyConfiguration.class;
    }

    @Override
    public void setup(StandaloneJettyConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            webapps = Files.createTempDirectory("jetty-standalone-webapps-").toRealPath();
            Path logFile = configuration.getLogFile().isBlank() ? Files.createTempFile("jetty-standalone-", ".log")
                    : Path.of(configuration.getLogFile());
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> vmArguments = Arrays.stream(configuration.getJavaVmArguments().trim().split("\\s+"))
                    .filter(argument -> !argument.isEmpty()).toList();
            jetty = JettyProcess.start(Path.of(configuration.getJettyHome()), Path.of(configuration.getJettyBase()), vmArguments,
                    List.of("jetty.deploy.webappsDir=" + webapps, "jetty.deploy.scanInterval=1"), logFile,
                    Duration.ofSeconds(configuration.getStartupTimeoutInSeconds()));
        } catch (IOException e) {
            throw new LifecycleException("Could not start Jetty from " + configuration.getJettyHome() + " with the base "
                    + configuration.getJettyBase() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while starting Jetty", e);
        }
        // a test JVM that ends without stop() (a timeout, Ctrl-C) must not leave a server behind
        JettyProcess started = jetty;
        killOnExit = new Thread(() -> stopQuietly(started), "jetty-standalone-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        SelfSignedCertificate certificate = SelfSignedCertificate.load(Path.of(configuration.getKeyStore()),
                configuration.getKeyStorePassword().toCharArray(), configuration.getKeyStoreAlias());
        // the client identity is the build's, as the trust store in the base is: the server cannot hand it over
        SelfSignedCertificate client = configuration.hasClientKeyStore()
                ? SelfSignedCertificate.load(Path.of(configuration.getClientKeyStore()), configuration.getKeyStorePassword().toCharArray(),
                        configuration.getClientKeyStoreAlias())
                : null;
        endpoints.set(new JettyEndpoints(configuration.getHost(), jetty.httpPort(), jetty.httpsPort(), certificate, client,
                userCertificates()));
        LOG.info(() -> "Standalone Jetty started: " + endpoints.get() + ", log " + jetty.log().file());
    }

    /**
     * CLIENT-CERT users of the base's realm, by name: each {@code switchboard-user-NAME.p12} (alias NAME, the key
     * store's password) beside the client key store, as the build generates them (the server cannot hand them over).
     */
    private Map<String, SelfSignedCertificate> userCertificates() {
        if (!configuration.hasClientKeyStore()) {
            return Map.of();
        }
        Path directory = Path.of(configuration.getClientKeyStore()).toAbsolutePath().getParent();
        return UserCertificates.load(directory, configuration.getKeyStorePassword().toCharArray());
    }

    @Override
    public void stop() throws LifecycleException {
        if (jetty == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            if (!jetty.stop(Duration.ofSeconds(30))) {
                throw new LifecycleException("Jetty did not stop within 30 s of SIGTERM (killed); log " + jetty.log().file());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while stopping Jetty", e);
        } finally {
            jetty = null;
            deleteQuietly(webapps);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // Tests run in the client (test) JVM; nothing is injected into the deployment.
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Deployments deployments = deployments();
        try {
            deployments.deploy(archive.getName(), staging -> StoredWar.export(archive, staging.toFile()));
        } catch (IOException e) {
            throw new DeploymentException("Could not deploy " + archive.getName() + " to standalone Jetty: " + e.getMessage(), e);
        }
        HTTPContext http = new HTTPContext(configuration.getHost(), jetty.httpPort())
                .add(new Servlet(archive.getName(), contextPath(archive.getName())));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            deployments().undeploy(archive.getName());
        } catch (IOException e) {
            throw new DeploymentException("Could not undeploy " + archive.getName() + " from standalone Jetty: " + e.getMessage(), e);
        }
    }

    private Deployments deployments() throws DeploymentException {
        if (jetty == null || !jetty.isAlive()) {
            throw new DeploymentException("Standalone Jetty is not running" + (jetty == null ? "" : "; log " + jetty.log().file()));
        }
        return new Deployments(webapps, jetty.log(), Duration.ofSeconds(configuration.getDeploymentTimeoutInSeconds()));
    }

    /** What Jetty's deployer makes of a file name: "ROOT.war" is "/", "name.war" is "/name". */
    static String contextPath(String archiveName) {
        String name = archiveName.endsWith(".war") ? archiveName.substring(0, archiveName.length() - 4) : archiveName;
        return name.equals("ROOT") ? "/" : "/" + name;
    }

    private static void stopQuietly(JettyProcess process) {
        try {
            process.stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.fine(() -> "Could not delete " + directory + ": " + e);
        }
    }
}
