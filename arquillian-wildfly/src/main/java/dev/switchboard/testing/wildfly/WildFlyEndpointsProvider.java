package dev.switchboard.testing.wildfly;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import dev.switchboard.testing.jetty.UserCertificates;

/**
 * {@code @ArquillianResource JettyEndpoints} on WildFly: host and HTTP port as the management client reports them,
 * the bound port of the {@code https} socket binding (port offset included), the certificate of the key store
 * the build generated for the https listener (system properties {@value #KEYSTORE}, {@value #KEYSTORE_PASSWORD},
 * set by the {@code wildfly} profile), and the client identity the build generated for that listener's trust
 * manager ({@value #CLIENT_KEYSTORE}, same password), and the CLIENT-CERT users' identities the build generated
 * beside it ({@code switchboard-user-NAME.p12}, alias NAME; see configure.cli).
 */
public final class WildFlyEndpointsProvider implements ResourceProvider {

    public static final String KEYSTORE = "switchboard.wildfly.keystore";
    public static final String KEYSTORE_PASSWORD = "switchboard.wildfly.keystore.password";
    public static final String KEYSTORE_ALIAS = "server";
    public static final String CLIENT_KEYSTORE = "switchboard.wildfly.client-keystore";
    public static final String CLIENT_KEYSTORE_ALIAS = "client";
    /** A CLIENT-CERT user's identity: {@code switchboard-user-NAME.p12} with the alias NAME. */

    @Inject
    private Instance<ManagementClient> managementClient;

    @Override
    public boolean canProvide(Class<?> type) {
        return JettyEndpoints.class.isAssignableFrom(type);
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        ManagementClient client = managementClient.get();
        if (client == null) {
            throw new IllegalStateException("No WildFly management client: is the wildfly container started?");
        }
        URI web = client.getWebUri();
        return new JettyEndpoints(web.getHost(), web.getPort(), boundPort(client, "https"),
                certificate(KEYSTORE, KEYSTORE_ALIAS), certificate(CLIENT_KEYSTORE, CLIENT_KEYSTORE_ALIAS), userCertificates());
    }

    /** By user name, each {@code switchboard-user-NAME.p12} in the client key store's directory. */
    private static Map<String, SelfSignedCertificate> userCertificates() {
        Path directory = Path.of(required(CLIENT_KEYSTORE, Function.identity())).getParent();
        return UserCertificates.load(directory, required(KEYSTORE_PASSWORD, String::toCharArray));
    }

    private static int boundPort(ManagementClient client, String socketBinding) {
        ModelNode address = Operations.createAddress("socket-binding-group", "standard-sockets", "socket-binding", socketBinding);
        ModelNode operation = Operations.createReadAttributeOperation(address, "bound-port");
        try {
            ModelNode result = client.getControllerClient().execute(operation);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException("Cannot read the " + socketBinding + " port: " + Operations.getFailureDescription(result));
            }
            return Operations.readResult(result).asInt();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the " + socketBinding + " port", e);
        }
    }

    private static SelfSignedCertificate certificate(String property, String alias) {
        Path keyStore = Path.of(required(property, Function.identity()));
        if (!Files.isRegularFile(keyStore)) {
            throw new IllegalStateException(property + "=" + keyStore + " does not exist: build with -Pwildfly");
        }
        return SelfSignedCertificate.load(keyStore, required(KEYSTORE_PASSWORD, String::toCharArray), alias);
    }

    private static <T> T required(String property, Function<String, T> convert) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set (the wildfly profile sets it)");
        }
        return convert.apply(value);
    }
}
