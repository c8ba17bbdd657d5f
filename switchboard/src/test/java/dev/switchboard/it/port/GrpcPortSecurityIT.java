package dev.switchboard.it.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.security.CertificateGreeter;
import dev.switchboard.it.services.security.SecureGreeter;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.GrpcPortServlet;
import dev.switchboard.it.support.GrpcPorts;
import dev.switchboard.it.support.PemFiles;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

/**
 * The dedicated gRPC port's own TLS, on every container: client-certificate TLS hands the verified certificate to
 * service code ({@code client-auth} {@code optional} and the default {@code require}), and {@code @RolesAllowed}
 * methods are refused there even with a certificate (no container authentication on that port). The identities are
 * written as files to this module's target/, which the container reads (it runs on this machine).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcPortSecurityIT {

    private static final SelfSignedCertificate SERVER = SelfSignedCertificate.generate();
    private static final SelfSignedCertificate CLIENT = SelfSignedCertificate.generate("CN=port-client, O=Switchboard tests");
    private static final Path DIR = directory();
    private static final PemFiles SERVER_PEM = PemFiles.write(SERVER, DIR, "server");
    private static final PemFiles CLIENT_PEM = PemFiles.write(CLIENT, DIR, "client");

    @ArquillianResource
    JettyEndpoints endpoints;

    private static Path directory() {
        try {
            return Files.createDirectories(Path.of("target", "grpc-port-security").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebArchive war(String name, Class<?> service, String... params) {
        return TestWars.war(name, service, GrpcPortServlet.class).addAsWebInfResource(TestWars.webXml(params), "web.xml");
    }

    @Deployment(name = "optional", testable = false)
    static WebArchive optional() {
        return war("optional.war", CertificateGreeter.class, Switchboard.GRPC_PORT, "0",
                Switchboard.GRPC_TLS_CERT_CHAIN, SERVER_PEM.certChain().toString(),
                Switchboard.GRPC_TLS_PRIVATE_KEY, SERVER_PEM.privateKey().toString(),
                Switchboard.GRPC_TLS_TRUST_CERTS, CLIENT_PEM.certChain().toString(), Switchboard.GRPC_TLS_CLIENT_AUTH, "optional");
    }

    @Deployment(name = "required", testable = false)
    static WebArchive required() {
        // client-auth defaults to require with trust-certs
        return war("required.war", CertificateGreeter.class, Switchboard.GRPC_PORT, "0",
                Switchboard.GRPC_TLS_CERT_CHAIN, SERVER_PEM.certChain().toString(),
                Switchboard.GRPC_TLS_PRIVATE_KEY, SERVER_PEM.privateKey().toString(),
                Switchboard.GRPC_TLS_TRUST_CERTS, CLIENT_PEM.certChain().toString());
    }

    @Deployment(name = "secure", testable = false)
    static WebArchive secure() {
        return war("secure.war", SecureGreeter.class, Switchboard.GRPC_PORT, "0",
                Switchboard.GRPC_TLS_KEY_STORE, keyStoreFile().toString(),
                Switchboard.GRPC_TLS_KEY_STORE_PASSWORD, new String(SERVER.password()),
                Switchboard.GRPC_TLS_TRUST_CERTS, CLIENT_PEM.certChain().toString());
    }

    /** The server identity as a PKCS12 file, for {@code switchboard.grpc.tls.key-store}. */
    private static Path keyStoreFile() {
        Path file = DIR.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            SERVER.keyStore().store(out, SERVER.password());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ManagedChannel tls(int port, boolean presentCertificate) throws Exception {
        TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(SERVER.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (presentCertificate) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(CLIENT.keyStore(), CLIENT.password());
            credentials.keyManager(keys.getKeyManagers());
        }
        return Grpc.newChannelBuilderForAddress("localhost", port, credentials.build()).build();
    }

    /** sayHello once, closing the channel. */
    private static String hello(ManagedChannel channel) throws InterruptedException {
        try {
            return GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .sayHello(HelloRequest.getDefaultInstance()).getMessage();
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    @OperateOnDeployment("optional") // all three WARs are on one server; this selects it for @ArquillianResource
    void theVerifiedClientCertificateReachesServiceCode() throws Exception {
        String subject = "cert=" + CLIENT.certificate().getSubjectX500Principal().getName();
        int optional = GrpcPorts.of(endpoints, "/optional");
        assertThat(hello(tls(optional, true))).isEqualTo(subject);
        assertThat(hello(tls(optional, false))).isEqualTo("cert=none");
        int required = GrpcPorts.of(endpoints, "/required");
        assertThat(hello(tls(required, true))).isEqualTo(subject);
        ManagedChannel anonymous = tls(required, false);
        assertThatThrownBy(() -> hello(anonymous)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    @OperateOnDeployment("secure")
    void rolesAllowedMethodsAreUnauthenticatedOnTheDedicatedPortEvenWithAClientCertificate() throws Exception {
        ManagedChannel channel = tls(GrpcPorts.of(endpoints, "/secure"), true);
        try {
            assertThatThrownBy(() -> GreeterGrpc.newBlockingStub(channel).sayHelloStream(HelloRequest.getDefaultInstance()).next())
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            Clients.close(channel);
        }
    }
}
