package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJettyTest {

    private static SelfSignedCertificate certificate;
    private static EmbeddedJetty jetty;
    private static EmbeddedJetty.Deployment hello;

    @TempDir
    static Path wars;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.generate();
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults()
                .withTls(0, certificate.keyStore(), certificate.password())
                .withStopTimeout(Duration.ofSeconds(5)));
        hello = jetty.deploy(exploded(TestWars.hello("hello.war")), "/hello");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
    }

    private static Path exploded(WebArchive war) {
        File dir = war.as(ExplodedExporter.class).exportExploded(wars.toFile());
        return dir.toPath();
    }

    private static URI http(String path) {
        return URI.create("http://" + jetty.host() + ":" + jetty.httpPort() + path);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void portsAreBound() {
        assertThat(jetty.host()).isEqualTo("127.0.0.1");
        assertThat(jetty.httpPort()).isPositive();
        assertThat(jetty.httpsPort()).isPositive().isNotEqualTo(jetty.httpPort());
    }

    @Test
    void http11WithCdiInsideTheWar() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = get(client, http("/hello/hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("HTTP/1.1|http|greetings from CDI");
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        // Jetty's HTTP/2 transport on http:// sends the connection preface straight away (no Upgrade).
        org.eclipse.jetty.client.HttpClient client =
                new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        client.start();
        try {
            ContentResponse response = client.GET(http("/hello/hello"));
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.getContentAsString()).isEqualTo("HTTP/2.0|http|greetings from CDI");
        } finally {
            client.stop();
        }
    }

    @Test
    void tlsNegotiatesH2WithAlpn() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(certificate.clientSslContext())
                .build();
        HttpResponse<String> response =
                get(client, URI.create("https://127.0.0.1:" + jetty.httpsPort() + "/hello/hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("HTTP/2.0|https|greetings from CDI");
    }

    @Test
    void tlsStillServesHttp11Clients() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificate.clientSslContext())
                .build();
        HttpResponse<String> response =
                get(client, URI.create("https://localhost:" + jetty.httpsPort() + "/hello/hello"));
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("HTTP/1.1|https|greetings from CDI");
    }

    @Test
    void aWarWhoseListenerThrowsIsNotDeployed() {
        Path war = exploded(TestWars.failingListener("failing.war"));
        assertThatThrownBy(() -> jetty.deploy(war, "/failing"))
                .satisfies(e -> assertThat(causeChain(e)).contains(FailingListener.MESSAGE));
        assertThat(hello.webAppContext().isAvailable()).isTrue();
    }

    @Test
    void aWarWhoseCdiDeploymentFailsIsNotDeployed() throws Exception {
        Path war = exploded(TestWars.unsatisfiedInjection("broken.war"));
        assertThatThrownBy(() -> jetty.deploy(war, "/broken"))
                .satisfies(e -> assertThat(causeChain(e)).contains("WELD-001408"));
        HttpResponse<String> response = get(HttpClient.newHttpClient(), http("/broken/hello"));
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void undeployRemovesTheContext() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        EmbeddedJetty.Deployment other = jetty.deploy(exploded(TestWars.hello("other.war")), "/other");
        assertThat(other.contextPath()).isEqualTo("/other");
        assertThat(get(client, http("/other/hello")).body()).endsWith("greetings from CDI");

        jetty.undeploy(other);
        assertThat(get(client, http("/other/hello")).statusCode()).isEqualTo(404);
        assertThat(get(client, http("/hello/hello")).statusCode()).isEqualTo(200);

        // The same path can be deployed again (a fresh Weld container for the new context).
        EmbeddedJetty.Deployment again = jetty.deploy(exploded(TestWars.hello("other.war")), "/other");
        assertThat(get(client, http("/other/hello")).body()).endsWith("greetings from CDI");
        jetty.undeploy(again);
    }

    private static String causeChain(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }
}
