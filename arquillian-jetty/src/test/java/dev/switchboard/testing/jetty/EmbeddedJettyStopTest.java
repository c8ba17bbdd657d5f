package dev.switchboard.testing.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJettyStopTest {

    @TempDir
    Path wars;

    @Test
    void aStopThatTimesOutNamesTheRequestsThatHeldIt() throws Exception {
        EmbeddedJetty jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withStopTimeout(Duration.ofSeconds(1)));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "hang.war").addClass(HangingServlet.class);
        jetty.deploy(war.as(ExplodedExporter.class).exportExploded(wars.toFile()).toPath(), "/app");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://" + jetty.host() + ":" + jetty.httpPort() + "/app/hang");
        // Returns once the headers are there, i.e. once the servlet has run and left its request open.
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        Throwable failure = catchThrowable(jetty::stop);

        assertThat(failure).isNotNull();
        assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                .anySatisfy(message -> assertThat(message).contains("Requests open when the stop began (1)", "GET ",
                        "/app/hang", "HTTP/1.1"));
        response.body().close();
    }

    @Test
    void aStopThatTimesOutNamesTheHttp2SessionsThatHeldIt() throws Exception {
        EmbeddedJetty jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults().withStopTimeout(Duration.ofSeconds(1)));
        // An HTTP/2 client by prior knowledge that never answers the server's GOAWAY nor closes its connection.
        try (java.net.Socket socket = new java.net.Socket(jetty.host(), jetty.httpPort())) {
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().readNBytes(9)).as("the server's SETTINGS").hasSize(9);

            Throwable failure = catchThrowable(jetty::stop);

            assertThat(failure).isNotNull();
            assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                    .anySatisfy(message -> assertThat(message).contains("HTTP/2 sessions open when the stop began (1)",
                            "HTTP2ServerSession"));
            // When it timed out, the server's GOAWAY had left and the client had not answered it.
            assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                    .anySatisfy(message -> assertThat(message).contains("HTTP/2 sessions open when the stop timed out (1)",
                            "goAwayRecv=null", "goAwaySent=oejh2f.GoAwayFrame"));
        }
    }
}
