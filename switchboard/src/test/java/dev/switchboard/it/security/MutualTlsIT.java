package dev.switchboard.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
import io.grpc.TlsChannelCredentials;

/** Client-certificate TLS: the verified client certificate reaches service code on both protocols. */
class MutualTlsIT {

    private static final SelfSignedCertificate SERVER = SelfSignedCertificate.generate();
    private static final SelfSignedCertificate CLIENT = SelfSignedCertificate.generate();
    private static EmbeddedJetty jetty;
    private static EmbeddedJetty.Deployment deployment;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", CLIENT.certificate());
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withTls(0, SERVER.keyStore(), SERVER.password())
                .withClientAuth(trusted));
        Path war = Files.createTempFile(dir, "mtls-", ".war");
        TestWars.war("ROOT.war", CertificateGreeter.class, SecureGateway.class).as(ZipExporter.class).exportTo(war.toFile(), true);
        deployment = jetty.deploy(war, "/");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.undeploy(deployment);
        jetty.stop();
    }

    private static String grpcHello(boolean presentCertificate) throws Exception {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(SERVER.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        if (presentCertificate) {
            tls.keyManager(keyManagers());
        }
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(jetty.host(), jetty.httpsPort(), tls.build()).build();
        try {
            return GreeterGrpc.newBlockingStub(channel).sayHello(HelloRequest.getDefaultInstance()).getMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(CLIENT.keyStore(), CLIENT.password());
        return keys.getKeyManagers();
    }

    private static String jsonHello(boolean presentCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore server = KeyStore.getInstance("PKCS12");
        server.load(null, null);
        server.setCertificateEntry("server", SERVER.certificate());
        trust.init(server);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(presentCertificate ? keyManagers() : null, trust.getTrustManagers(), null);
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(context).build().send(
                HttpRequest.newBuilder(java.net.URI.create("https://" + jetty.host() + ":" + jetty.httpsPort() + "/grpc/certificategreeter/sayhello"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject().get("message").getAsString();
    }

    @Test
    void theClientCertificateReachesServiceCodeOnBothProtocols() throws Exception {
        String subject = "cert=" + CLIENT.certificate().getSubjectX500Principal().getName();
        assertThat(grpcHello(true)).isEqualTo(subject);
        assertThat(jsonHello(true)).isEqualTo(subject);
    }

    @Test
    void withoutACertificateThereIsNone() throws Exception {
        assertThat(grpcHello(false)).isEqualTo("cert=none");
        assertThat(jsonHello(false)).isEqualTo("cert=none");
    }
}
