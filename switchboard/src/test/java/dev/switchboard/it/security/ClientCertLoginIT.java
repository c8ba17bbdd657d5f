package dev.switchboard.it.security;

import static dev.switchboard.it.security.SecurityIT.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.security.SecureGateway;
import dev.switchboard.it.services.security.SecureGreeter;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

/**
 * {@code <auth-method>CLIENT-CERT</auth-method>} with a security constraint: a client presenting the certificate of
 * a realm user gets in and its principal and roles reach service code on both protocols; without a certificate, or
 * with one TLS trusts but the realm does not know, it is UNAUTHENTICATED / 401, and with too few roles
 * PERMISSION_DENIED / 403, each with Switchboard's JSON error body.
 *
 * <p>The container provides the certificate users (the BASIC users alice: user, admin; bob: user; carol: guest),
 * as a user's server would: arquillian.xml {@code certificateUsers} on the embedded Jetty, users named by subject in
 * the jetty-base's realm properties on the standalone Jetty (arquillian-jetty-standalone/pom.xml), an Elytron key store realm
 * and the security domain {@code switchboard-cert} on WildFly (arquillian-wildfly/.../configure.cli), which this
 * WAR selects in its jboss-web.xml (Jetty ignores that file). {@link JettyEndpoints#clientCertificate()} is trusted
 * by TLS but no realm user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCertLoginIT {

    private static final String WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>everything</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
                <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
              </security-constraint>
              <login-config><auth-method>CLIENT-CERT</auth-method><realm-name>switchboard</realm-name></login-config>
              <security-role><role-name>user</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    private static final String JBOSS_WEB_XML = """
            <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="1.0">
              <security-domain>switchboard-cert</security-domain>
            </jboss-web>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", SecureGreeter.class, SecureGateway.class)
                .addAsWebInfResource(new StringAsset(WEB_XML), "web.xml")
                .addAsWebInfResource(new StringAsset(JBOSS_WEB_XML), "jboss-web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private SelfSignedCertificate user(String name) {
        SelfSignedCertificate certificate = endpoints.userCertificate(name);
        assertThat(certificate).as("the container's certificate user " + name).isNotNull();
        return certificate;
    }

    /**
     * The name service code sees for a certificate user, as each container documents it: Jetty names the user by the
     * certificate's subject ({@code getSubjectDN().getName()}, "O=Switchboard tests, CN=alice"); on WildFly the test
     * server's security domain decodes the subject's CN ("alice", configure.cli).
     */
    @SuppressWarnings("deprecation")
    private static String principal(SelfSignedCertificate client) {
        String subject = client.certificate().getSubjectDN().getName();
        if ("wildfly".equals(System.getProperty("switchboard.test.container"))) {
            return subject.replaceFirst("^.*CN=([^,]+).*$", "$1");
        }
        return subject;
    }

    private static KeyManager[] keyManagers(SelfSignedCertificate client) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(client.keyStore(), client.password());
        return keys.getKeyManagers();
    }

    /** The reply of a gRPC method over TLS, presenting {@code client}'s certificate (null: none). */
    private String grpc(SelfSignedCertificate client, boolean stream) throws Exception {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(endpoints.certificate().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (client != null) {
            tls.keyManager(keyManagers(client));
        }
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpsPort(), tls.build()).build();
        try {
            GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            return stream ? stub.sayHelloStream(HelloRequest.getDefaultInstance()).next().getMessage()
                    : stub.sayHello(HelloRequest.getDefaultInstance()).getMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Status grpcStatus(SelfSignedCertificate client, boolean stream) throws Exception {
        try {
            grpc(client, stream);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private HttpResponse<String> json(SelfSignedCertificate client, String method) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore server = KeyStore.getInstance("PKCS12");
        server.load(null, null);
        server.setCertificateEntry("server", endpoints.certificate().certificate());
        trust.init(server);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(client == null ? null : keyManagers(client), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build().send(
                HttpRequest.newBuilder(endpoints.https("/grpc/securegreeter/" + method))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body().lines().findFirst().orElseThrow()).getAsJsonObject().get("message").getAsString();
    }

    @Test
    void aRealmUsersCertificateLogsInAndItsPrincipalAndRolesReachServiceCodeOnBothProtocols() throws Exception {
        SelfSignedCertificate alice = user("alice");
        SelfSignedCertificate bob = user("bob");
        assertThat(principal(alice)).isIn("O=Switchboard tests, CN=alice", "alice");
        assertThat(grpc(alice, false)).isEqualTo("Hello, " + principal(alice) + ", admin=true");
        assertThat(message(json(alice, "sayhello"))).isEqualTo("Hello, " + principal(alice) + ", admin=true");
        assertThat(grpc(bob, false)).isEqualTo("Hello, " + principal(bob) + ", admin=false");
        assertThat(message(json(bob, "sayhello"))).isEqualTo("Hello, " + principal(bob) + ", admin=false");
        // @RolesAllowed("admin") on the service sees the container's roles of the certificate user
        assertThat(grpc(alice, true)).isEqualTo("secret for " + principal(alice));
        assertThat(message(json(alice, "sayhellostream"))).isEqualTo("secret for " + principal(alice));
        assertThat(grpcStatus(bob, true).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertJsonError(json(bob, "sayhellostream"), 403, "permission_denied");
    }

    @Test
    void withoutACertificateTheCallIsUnauthenticated() throws Exception {
        Status status = grpcStatus(null, false);
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).startsWith("Authentication required");
        assertJsonError(json(null, "sayhello"), 401, "unauthenticated");
    }

    @Test
    void aCertificateTheRealmDoesNotKnowIsUnauthenticated() throws Exception {
        SelfSignedCertificate stranger = endpoints.clientCertificate();
        assertThat(stranger).as("a client certificate the container trusts").isNotNull();
        Status status = grpcStatus(stranger, false);
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertJsonError(json(stranger, "sayhello"), 401, "unauthenticated");
    }

    @Test
    void aUserWithoutTheConstraintsRoleIsPermissionDenied() throws Exception {
        Status status = grpcStatus(user("carol"), false);
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).startsWith("Permission denied");
        assertJsonError(json(user("carol"), "sayhello"), 403, "permission_denied");
    }
}
