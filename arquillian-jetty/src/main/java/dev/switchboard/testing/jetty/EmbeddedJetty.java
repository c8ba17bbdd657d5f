package dev.switchboard.testing.jetty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import dev.switchboard.jetty.auth.ErrorPageAuthenticatorFactory;
import dev.switchboard.jetty.front.InlineGrpcFront;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An embedded Jetty 12.1 (ee10) that serves WARs over HTTP/1.1 + h2c (prior knowledge and upgrade) and,
 * optionally, TLS with ALPN (h2, http/1.1). WARs can be deployed and undeployed while it runs.
 *
 * <p>CDI comes from the server's classpath (Weld servlet), not from the WAR: Jetty finds Weld's
 * ServletContainerInitializer there through annotation/SCI processing, as an application server would.
 * HTTP/2 settings are Jetty's defaults on purpose (128 concurrent streams, 512 KiB stream / 1 MiB session receive
 * windows, 30 s idle timeout) but for the rate control of resets and pings, which gRPC clients exceed (see
 * {@link #HTTP2_EVENTS_PER_SECOND}): change one only when a gRPC test shows it is needed, and say why there. The
 * connectors are set up in {@link JettyConnectors}.
 */
public final class EmbeddedJetty implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedJetty.class.getName());
    /** Weld's context parameter naming its container: one Weld (on the server classpath) serves many WARs. */
    private static final String WELD_CONTEXT_ID = "WELD_CONTEXT_ID_KEY";
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private static final String CONTAINER_JAR_PATTERN = "org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern";
    /**
     * The Jetty classes Switchboard's Jetty-native transport (its package internal.jetty) links against, shown to web
     * applications, which Jetty hides its classes from: then Switchboard serves native gRPC on Jetty's core API. The
     * module switchboard-grpc.mod does the same on a Jetty distribution.
     */
    public static final List<String> NATIVE_TRANSPORT_CLASSES = List.of("-org.eclipse.jetty.server.Handler",
            "-org.eclipse.jetty.server.Request", "-org.eclipse.jetty.server.Response", "-org.eclipse.jetty.server.Server",
            "-org.eclipse.jetty.util.Callback", "-org.eclipse.jetty.util.thread.Invocable",
            "-org.eclipse.jetty.io.Content", "-org.eclipse.jetty.http.HttpFields", "-org.eclipse.jetty.http.HttpURI",
            "-org.eclipse.jetty.ee10.servlet.ServletContextHandler", "-org.eclipse.jetty.ee10.servlet.ServletHandler",
            "-org.eclipse.jetty.ee10.servlet.ServletContextRequest", "-org.eclipse.jetty.ee10.servlet.ServletApiRequest");
    /**
     * System property: false keeps Jetty's classes hidden from web applications, so that Switchboard's servlet
     * transports serve native gRPC as on a server without the native transport (the fallback the tests run again).
     */
    public static final String NATIVE_TRANSPORT_PROPERTY = "switchboard.test.jetty.native";

    /** The library as a jar ({@code switchboard-0.1.0.jar}) or, in its own build, as {@code switchboard/target/classes}. */
    private static final String SWITCHBOARD_LIBRARY = ".*/switchboard-[0-9][^/]*\\.jar$|.*/switchboard/target/classes/?$";

    /**
     * How to start. {@code httpsPort} -1 means no TLS connector; port 0 means a random free port. A
     * {@code clientTrustStore} asks TLS clients for a certificate (wanted, not needed) and trusts those it holds.
     * {@code idleTimeout} null keeps Jetty's (30 s), for connections and HTTP/2 streams alike.
     */
    public record Options(String host, int httpPort, int httpsPort, KeyStore keyStore, char[] keyStorePassword,
                          Duration stopTimeout, KeyStore clientTrustStore, Duration idleTimeout) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            if (httpsPort >= 0 && (keyStore == null || keyStorePassword == null)) {
                throw new IllegalArgumentException("TLS (httpsPort " + httpsPort + ") needs a keyStore and its password");
            }
        }

        /** 127.0.0.1, random HTTP port, no TLS, 5 s graceful stop. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, -1, null, null, Duration.ofSeconds(5), null, null);
        }

        public Options withHost(String newHost) {
            return new Options(newHost, httpPort, httpsPort, keyStore, keyStorePassword, stopTimeout, clientTrustStore, idleTimeout);
        }

        public Options withHttpPort(int port) {
            return new Options(host, port, httpsPort, keyStore, keyStorePassword, stopTimeout, clientTrustStore, idleTimeout);
        }

        /** Turns TLS on (port 0 = random) with the key entry of {@code store}, protected by {@code password}. */
        public Options withTls(int port, KeyStore store, char[] password) {
            return new Options(host, httpPort, port, store, password, stopTimeout, clientTrustStore, idleTimeout);
        }

        public Options withStopTimeout(Duration timeout) {
            return new Options(host, httpPort, httpsPort, keyStore, keyStorePassword, timeout, clientTrustStore, idleTimeout);
        }

        /** How long a connection or HTTP/2 stream may be idle before Jetty ends it. */
        public Options withIdleTimeout(Duration timeout) {
            return new Options(host, httpPort, httpsPort, keyStore, keyStorePassword, stopTimeout, clientTrustStore, timeout);
        }

        /** Client-certificate TLS: clients may present a certificate; those in {@code trustStore} are accepted. */
        public Options withClientAuth(KeyStore trustStore) {
            return new Options(host, httpPort, httpsPort, keyStore, keyStorePassword, stopTimeout, trustStore, idleTimeout);
        }
    }

    /** A deployed WAR; hand it back to {@link #undeploy(Deployment)}. */
    public static final class Deployment {
        private final WebAppContext context;
        private final Path war;

        private Deployment(WebAppContext context, Path war) {
            this.context = context;
            this.war = war;
        }

        public String contextPath() {
            return context.getContextPath();
        }

        public Path war() {
            return war;
        }

        /** The live Jetty context, for tests that need to look inside. */
        public WebAppContext webAppContext() {
            return context;
        }
    }

    /** The login realm of {@link #addUser}: {@code <realm-name>switchboard</realm-name>} in web.xml. */
    public static final String REALM = "switchboard";

    private final Options options;
    private final Server server;
    private final HashLoginService users = new HashLoginService(REALM);
    private final UserStore userStore = new UserStore();
    private final ContextHandlerCollection contexts;
    /**
     * HTTP/2 control events (resets, pings, …) a connection may send per second. Jetty closes an HTTP/2 connection
     * (GOAWAY ENHANCE_YOUR_CALM) once its client sends more than 128 "events" a second, and every RST_STREAM and PING
     * counts — its guard against rapid-reset attacks. A gRPC client resets every call it cancels and every call past
     * its deadline, and grpc-java's sends a PING per burst of data it reads (BDP flow-control tuning): one busy,
     * healthy client passes 128 a second, and all its calls in flight on that connection fail. This keeps the guard
     * (grpc-java's own Netty server has no limit by default) above what such a client sends; the Deployment guide says
     * the same for a Jetty distribution.
     */
    public static final int HTTP2_EVENTS_PER_SECOND = 1000;

    private final InFlightRequests inFlight;
    private final ServerConnector http;
    private final ServerConnector https;
    private final SslContextFactory.Server tls;

    private EmbeddedJetty(Options options) {
        this.options = options;
        this.server = new Server();
        // Contexts are added and removed while running (dynamic = true keeps the path map updatable).
        this.contexts = new ContextHandlerCollection(true);
        // Graceful stop: stop accepting, let in-flight requests finish for up to stopTimeout.
        this.inFlight = new InFlightRequests(contexts);
        GracefulHandler graceful = new GracefulHandler(inFlight);
        // Unary gRPC served on the thread that parsed it (InlineGrpcFront), unless -Dswitchboard.jetty.inline-grpc=false.
        server.setHandler(inlineGrpc() ? new InlineGrpcFront(graceful, server.getThreadPool()) : graceful);
        server.setStopTimeout(options.stopTimeout().toMillis());
        // Web apps whose web.xml names the realm "switchboard" authenticate against these users (see addUser).
        users.setUserStore(userStore);
        server.addBean(users);

        HttpConfiguration config = new HttpConfiguration();
        http = JettyConnectors.plaintext(server, options, config);
        server.addConnector(http);
        tls = options.httpsPort() >= 0 ? JettyConnectors.tlsContext(options) : null;
        https = tls == null ? null : JettyConnectors.tls(server, options, config, tls);
        if (https != null) {
            server.addConnector(https);
        }
    }

    /**
     * Whether servers started now serve unary gRPC on the thread that parsed it (the inline front, #22): unless the
     * system property {@code switchboard.jetty.inline-grpc} is "false".
     */
    public static boolean inlineGrpc() {
        return InlineGrpcFront.enabled();
    }

    /** Starts a server; the ports are bound when this returns. */
    public static EmbeddedJetty start(Options options) throws Exception {
        EmbeddedJetty jetty = new EmbeddedJetty(options);
        try {
            jetty.server.start();
        } catch (Exception e) {
            jetty.server.stop();
            throw e;
        }
        return jetty;
    }

    /**
     * Deploys a WAR file or an exploded WAR directory at {@code contextPath} ("/" for the root).
     * Throws when the web application does not start (a failing listener, SCI or CDI deployment): the
     * original exception is in the cause chain.
     */
    public Deployment deploy(Path war, String contextPath) throws Exception {
        if (!Files.exists(war)) {
            throw new IllegalArgumentException("No WAR at " + war);
        }
        WebAppContext context = new WebAppContext();
        context.setServer(server);
        context.setContextPath(contextPath);
        context.setWar(war.toAbsolutePath().toString());
        // Child-first (the servlet default): WAR classes win, the rest comes from the server classpath.
        context.setParentLoaderPriority(false);
        // Without this Jetty logs the failure, marks the context unavailable and answers 503 forever.
        context.setThrowUnavailableOnStartupException(true);
        // ServletContainerInitializers on the server classpath (Weld's EnhancedListener, our library's) and
        // @WebServlet & co. need AnnotationConfiguration. Jetty 12.1 already enables it (ServiceLoader finds it in
        // jetty-ee10-annotations, with Plus/Env); adding it here keeps it on should those defaults change.
        if (context.getConfiguration(AnnotationConfiguration.class) == null) {
            context.addConfiguration(new AnnotationConfiguration());
        }
        // The server class path stands in for WEB-INF/lib for WARs without the library: read its META-INF
        // (web-fragment.xml) as Jetty reads a WEB-INF/lib jar's. A WAR with its own copy has the fragment already.
        if (!bundlesSwitchboard(war)) {
            context.setAttribute(CONTAINER_JAR_PATTERN, SWITCHBOARD_LIBRARY);
        }
        // BASIC's 401 through the error pages (as Jetty's 403s go), CLIENT-CERT on our TLS connector (not a server
        // bean, where Jetty's default factory would look for it).
        context.getSecurityHandler().setAuthenticatorFactory(authenticators(tls));
        if (!"false".equals(System.getProperty(NATIVE_TRANSPORT_PROPERTY))) {
            context.addHiddenClassMatcher(new ClassMatcher(NATIVE_TRANSPORT_CLASSES.toArray(String[]::new)));
        }
        context.setInitParameter(WELD_CONTEXT_ID, "switchboard-" + DEPLOYMENTS.incrementAndGet() + contextPath);
        context.addEventListener(new BeanManagerAttribute());
        try {
            // Start before adding, so a broken WAR never becomes reachable and its exception reaches us.
            context.start();
        } catch (Throwable e) {
            stopQuietly(context);
            throw e;
        }
        contexts.addHandler(inlineGrpc() ? InlineGrpcFront.declared(context, server.getThreadPool()) : context);
        LOG.fine(() -> "Deployed " + war + " at " + contextPath);
        return new Deployment(context, war);
    }

    /** A user of the {@link #REALM} realm, for web apps with security constraints (BASIC, FORM, ...). */
    public void addUser(String name, String password, String... roles) {
        userStore.addUser(name, Credential.getCredential(password), roles);
    }

    /**
     * The authenticators users of a Jetty distribution get from switchboard-jetty; without TLS a CLIENT-CERT
     * login fails the deployment saying why (Jetty's default would quietly find no authenticator).
     */
    private static Authenticator.Factory authenticators(SslContextFactory.Server tls) {
        Authenticator.Factory factory = new ErrorPageAuthenticatorFactory(tls);
        if (tls != null) {
            return factory;
        }
        return (server, context, configuration) -> {
            String method = configuration.getAuthenticationType();
            if (Authenticator.CERT_AUTH2.equalsIgnoreCase(method) || Authenticator.CERT_AUTH.equalsIgnoreCase(method)) {
                throw new IllegalStateException("CLIENT-CERT login needs TLS: start EmbeddedJetty with Options.withTls");
            }
            return factory.getAuthenticator(server, context, configuration);
        };
    }

    /**
     * A user of the {@link #REALM} realm for CLIENT-CERT logins: the holder of exactly this certificate (Jetty names
     * it by {@code getSubjectDN().getName()} and checks the certificate's signature as its credential; no password
     * logs it in over BASIC). Its principal's name is that subject name.
     */
    @SuppressWarnings("deprecation") // getSubjectDN is the name Jetty's SslClientCertAuthenticator logs in with
    public void addClientCertificateUser(X509Certificate certificate, String... roles) {
        String signature = Base64.getEncoder().encodeToString(certificate.getSignature());
        userStore.addUser(certificate.getSubjectDN().getName(), new Password(signature), roles);
    }

    /** Removes the context from the server and stops it. */
    public void undeploy(Deployment deployment) throws Exception {
        // behind the inline gRPC front, the context was added in a wrapper (InlineGrpcFront.declared)
        contexts.getHandlers().stream()
                .filter(h -> h == deployment.context || h instanceof Handler.Wrapper w && w.getHandler() == deployment.context)
                .toList().forEach(contexts::removeHandler);
        deployment.context.stop();
        deployment.context.destroy();
        LOG.fine(() -> "Undeployed " + deployment.war + " from " + deployment.contextPath());
    }

    /** Whether a WAR (file or directory) has the Switchboard library in WEB-INF/lib. */
    private static boolean bundlesSwitchboard(Path war) throws IOException {
        Pattern library = Pattern.compile("WEB-INF/lib/switchboard-[0-9][^/]*\\.jar");
        if (Files.isDirectory(war)) {
            Path lib = war.resolve("WEB-INF/lib");
            if (!Files.isDirectory(lib)) {
                return false;
            }
            try (Stream<Path> jars = Files.list(lib)) {
                return jars.anyMatch(jar -> library.matcher("WEB-INF/lib/" + jar.getFileName()).matches());
            }
        }
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream().anyMatch(entry -> library.matcher(entry.getName()).matches());
        }
    }

    private static void stopQuietly(WebAppContext context) {
        try {
            context.stop();
        } catch (Exception ignored) {
            // the startup failure being thrown is what matters
        }
    }

    public String host() {
        return options.host();
    }

    public int httpPort() {
        return http.getLocalPort();
    }

    /** The TLS port, or -1 when TLS is off. */
    public int httpsPort() {
        return https == null ? -1 : https.getLocalPort();
    }

    /**
     * The requests being handled now, one line each (method, URI, protocol, for how long): for tests that check that
     * a way of ending a call leaves nothing open on the server.
     */
    public List<String> openRequests() {
        return inFlight.describe();
    }

    /**
     * Stops gracefully (up to {@link Options#stopTimeout()}), undeploying every WAR; if the graceful part times out,
     * the exception names what held it ({@link GracefulStop}).
     */
    public void stop() throws Exception {
        new GracefulStop(server, inFlight).stop(options.stopTimeout());
    }

    /** {@link #stop()} for try-with-resources, without checked exceptions. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Jetty", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop Jetty", e);
        }
    }
}
