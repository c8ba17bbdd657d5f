package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Arquillian container, selected by src/test/resources/arquillian.xml. */
@ExtendWith(ArquillianExtension.class)
class JettyEmbeddedContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.hello("arq.war");
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void urlIsTheContextRoot() {
        assertThat(base.toString()).isEqualTo("http://127.0.0.1:" + endpoints.httpPort() + "/arq/");
    }

    @Test
    void http() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.toURI().resolve("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("HTTP/1.1|http|greetings from CDI");
        assertThat(endpoints.http("/arq/hello")).isEqualTo(base.toURI().resolve("hello"));
    }

    @Test
    void httpsWithH2() throws Exception {
        URI uri = endpoints.https("/arq/hello");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(endpoints.certificate().clientSslContext())
                .build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("HTTP/2.0|https|greetings from CDI");
    }
}
