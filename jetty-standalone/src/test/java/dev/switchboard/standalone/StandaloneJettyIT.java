package dev.switchboard.standalone;

import static dev.switchboard.standalone.JettyDistribution.HOST;
import static dev.switchboard.standalone.JettyDistribution.freePort;
import static dev.switchboard.standalone.JettyDistribution.postJson;
import static dev.switchboard.standalone.JettyDistribution.property;
import static dev.switchboard.standalone.JettyDistribution.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.google.gson.JsonParser;

import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

/**
 * The example WAR on a standalone Jetty 12.1 distribution: the jetty-base the build made (http, http2c, ssl, https,
 * http2, ee10-deploy, ee10-annotations, weld), with this module's webapps directory (ROOT.war) in place of the base's,
 * started as its own process with {@code java -jar $JETTY_HOME/start.jar jetty.base=...} on free ports, called over gRPC
 * (h2c and TLS, grpc-java) and JSON (HTTP/1.1 and HTTP/2 over TLS, the JDK client), then stopped. {@link StockJettyWeldWarIT}
 * is the other way: Weld in the WAR, a base with only Jetty's own modules.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneJettyIT {

    private static JettyDistribution jetty;
    private static int httpPort;
    private static int httpsPort;
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void startJetty() throws Exception {
        certificate = SelfSignedCertificate.load(Path.of(property("switchboard.jetty.keystore")),
                property("switchboard.jetty.keystore.password").toCharArray(), "server");
        httpPort = freePort();
        httpsPort = freePort();
        jetty = JettyDistribution.start(Path.of(property("switchboard.jetty.home")), Path.of(property("switchboard.jetty.base")),
                httpPort, List.of("jetty.deploy.webappsDir=" + property("switchboard.jetty.webapps"),
                        "jetty.http.port=" + httpPort, "jetty.ssl.port=" + httpsPort));
        jetty.awaitServing(Duration.ofSeconds(60), httpsPort);
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    @Test
    void grpcOverH2cAndTls() throws Exception {
        ExampleCalls.assertGreeterServes(Grpc.newChannelBuilderForAddress(HOST, httpPort, InsecureChannelCredentials.create()).build());
        ExampleCalls.assertGreeterServes(Grpc.newChannelBuilderForAddress(HOST, httpsPort, tls()).build());
    }

    @Test
    void jsonOverHttp11AndHttp2WithTls() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> plain = postJson(http11, uri("http", httpPort, "/grpc/greeterservice/sayhello"),
                "{\"name\": \"World\"}");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(JsonParser.parseString(plain.body())).isEqualTo(JsonParser.parseString("{\"message\": \"Hello, World!\"}"));

        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(certificate.clientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> secure = postJson(h2, uri("https", httpsPort, "/grpc/greeterservice/sayhello"),
                "{\"name\": \"error\"}");
        assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(secure.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(secure.body()).getAsJsonObject().get("detail").getAsString()).isEqualTo("Invalid request");
    }

    private static ChannelCredentials tls() throws IOException {
        return TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(certificate.certificatePem().getBytes(StandardCharsets.US_ASCII))).build();
    }
}
