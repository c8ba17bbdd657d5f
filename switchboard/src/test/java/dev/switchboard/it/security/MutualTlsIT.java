package dev.switchboard.it.security;

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
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.security.CertificateGreeter;
import dev.switchboard.it.services.security.SecureGateway;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;

/**
 * Client-certificate TLS: the verified client certificate reaches service code on both protocols. The container's
 * TLS connector asks for a certificate and trusts {@link JettyEndpoints#clientCertificate()} (arquillian.xml
 * {@code clientAuth} on the embedded Jetty; an Elytron trust manager and {@code want-client-auth} on WildFly; the ssl
 * module's trust store and {@code jetty.sslContext.wantClientAuth} in the standalone Jetty's base).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MutualTlsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", CertificateGreeter.class, SecureGateway.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private SelfSignedCertificate client() {
        assertThat(endpoints.clientCertificate()).as("the container trusts a test client certificate").isNotNull();
        return endpoints.clientCertificate();
    }

    private String grpcHello(boolean presentCertificate) throws Exception {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(endpoints.certificate().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (presentCertificate) {
            tls.keyManager(keyManagers());
        }
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpsPort(), tls.build()).build();
        try {
            return GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .sayHello(HelloRequest.getDefaultInstance()).getMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(client().keyStore(), client().password());
        return keys.getKeyManagers();
    }

    private String jsonHello(boolean presentCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore server = KeyStore.getInstance("PKCS12");
        server.load(null, null);
        server.setCertificateEntry("server", endpoints.certificate().certificate());
        trust.init(server);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(presentCertificate ? keyManagers() : null, trust.getTrustManagers(), null);
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(context).build().send(
                HttpRequest.newBuilder(endpoints.https("/grpc/certificategreeter/sayhello"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("message").getAsString();
    }

    @Test
    void theClientCertificateReachesServiceCodeOnBothProtocols() throws Exception {
        String subject = "cert=" + client().certificate().getSubjectX500Principal().getName();
        assertThat(grpcHello(true)).isEqualTo(subject);
        assertThat(jsonHello(true)).isEqualTo(subject);
    }

    @Test
    void withoutACertificateThereIsNone() throws Exception {
        assertThat(grpcHello(false)).isEqualTo("cert=none");
        assertThat(jsonHello(false)).isEqualTo("cert=none");
    }
}
