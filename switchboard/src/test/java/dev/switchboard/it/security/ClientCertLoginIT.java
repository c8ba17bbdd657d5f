package dev.switchboard.it.security;

import static dev.switchboard.it.security.SecurityIT.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.TestWars;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

/**
 * {@code <auth-method>CLIENT-CERT</auth-method>} with a security constraint: a client presenting a certificate of a
 * realm user gets in and its principal (the certificate's subject) and roles reach service code on both protocols;
 * without a certificate, or with one TLS trusts but the realm does not know, it is UNAUTHENTICATED / 401, and with
 * too few roles PERMISSION_DENIED / 403, each with Switchboard's JSON error body.
 */
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

    private static final SelfSignedCertificate SERVER = SelfSignedCertificate.generate();
    private static final SelfSignedCertificate ALICE = SelfSignedCertificate.generate("CN=alice, O=Switchboard tests");
    private static final SelfSignedCertificate BOB = SelfSignedCertificate.generate("CN=bob, O=Switchboard tests");
    private static final SelfSignedCertificate GUEST = SelfSignedCertificate.generate("CN=guest, O=Switchboard tests");
    /** Trusted by TLS, unknown to the realm. */
    private static final SelfSignedCertificate STRANGER = SelfSignedCertificate.generate("CN=stranger, O=Switchboard tests");
    private static EmbeddedJetty jetty;
    private static EmbeddedJetty.Deployment deployment;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (SelfSignedCertificate client : new SelfSignedCertificate[] {ALICE, BOB, GUEST, STRANGER}) {
            trusted.setCertificateEntry(client.certificate().getSubjectX500Principal().getName(), client.certificate());
        }
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withTls(0, SERVER.keyStore(), SERVER.password())
                .withClientAuth(trusted));
        jetty.addClientCertificateUser(ALICE.certificate(), "user", "admin");
        jetty.addClientCertificateUser(BOB.certificate(), "user");
        jetty.addClientCertificateUser(GUEST.certificate(), "guest");
        Path war = Files.createTempFile(dir, "client-cert-", ".war");
        TestWars.war("ROOT.war", SecureGreeter.class, SecureGateway.class).addAsWebInfResource(new StringAsset(WEB_XML), "web.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        deployment = jetty.deploy(war, "/");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.undeploy(deployment);
        jetty.stop();
    }

    private static KeyManager[] keyManagers(SelfSignedCertificate client) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(client.keyStore(), client.password());
        return keys.getKeyManagers();
    }

    /** The reply of a gRPC method over TLS, presenting {@code client}'s certificate (null: none). */
    private static String grpc(SelfSignedCertificate client, boolean stream) throws Exception {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(SERVER.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (client != null) {
            tls.keyManager(keyManagers(client));
        }
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(jetty.host(), jetty.httpsPort(), tls.build()).build();
        try {
            GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel);
            return stream ? stub.sayHelloStream(HelloRequest.getDefaultInstance()).next().getMessage()
                    : stub.sayHello(HelloRequest.getDefaultInstance()).getMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Status grpcStatus(SelfSignedCertificate client, boolean stream) throws Exception {
        try {
            grpc(client, stream);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private static HttpResponse<String> json(SelfSignedCertificate client, String method) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore server = KeyStore.getInstance("PKCS12");
        server.load(null, null);
        server.setCertificateEntry("server", SERVER.certificate());
        trust.init(server);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(client == null ? null : keyManagers(client), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build().send(
                HttpRequest.newBuilder(URI.create("https://" + jetty.host() + ":" + jetty.httpsPort() + "/grpc/securegreeter/" + method))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body().lines().findFirst().orElseThrow()).getAsJsonObject().get("message").getAsString();
    }

    /** Jetty's name of a certificate user: the subject as {@code getSubjectDN().getName()} writes it. */
    @SuppressWarnings("deprecation")
    private static String principal(SelfSignedCertificate client) {
        return client.certificate().getSubjectDN().getName();
    }

    @Test
    void aRealmUsersCertificateLogsInAndItsPrincipalAndRolesReachServiceCodeOnBothProtocols() throws Exception {
        assertThat(principal(ALICE)).isEqualTo("O=Switchboard tests, CN=alice");
        assertThat(grpc(ALICE, false)).isEqualTo("Hello, " + principal(ALICE) + ", admin=true");
        assertThat(message(json(ALICE, "sayhello"))).isEqualTo("Hello, " + principal(ALICE) + ", admin=true");
        assertThat(grpc(BOB, false)).isEqualTo("Hello, " + principal(BOB) + ", admin=false");
        assertThat(message(json(BOB, "sayhello"))).isEqualTo("Hello, " + principal(BOB) + ", admin=false");
        // @RolesAllowed("admin") on the service sees the container's roles of the certificate user
        assertThat(grpc(ALICE, true)).isEqualTo("secret for " + principal(ALICE));
        assertThat(message(json(ALICE, "sayhellostream"))).isEqualTo("secret for " + principal(ALICE));
        assertThat(grpcStatus(BOB, true).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertJsonError(json(BOB, "sayhellostream"), 403, "permission_denied");
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
        assertThat(grpcStatus(STRANGER, false).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertJsonError(json(STRANGER, "sayhello"), 401, "unauthenticated");
    }

    @Test
    void aUserWithoutTheConstraintsRoleIsPermissionDenied() throws Exception {
        Status status = grpcStatus(GUEST, false);
        assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).startsWith("Permission denied");
        assertJsonError(json(GUEST, "sayhello"), 403, "permission_denied");
    }
}
