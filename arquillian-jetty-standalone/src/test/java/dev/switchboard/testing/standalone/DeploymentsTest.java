package dev.switchboard.testing.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's own moving parts against the jetty-base this module builds: Jetty started on port 0 reports both
 * ports, a WAR is served once deploy() returns and gone once undeploy() returns, and a WAR Jetty cannot start is a
 * DeploymentException carrying Jetty's reason (and is removed again).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeploymentsTest {

    @TempDir
    static Path dir;

    private static JettyProcess jetty;
    private static Deployments deployments;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path webapps = Files.createDirectory(dir.resolve("webapps")).toRealPath();
        jetty = JettyProcess.start(Path.of(System.getProperty("switchboard.jetty.home")), Path.of(System.getProperty("switchboard.jetty.base")),
                List.of("-Xmx256m"), List.of("jetty.deploy.webappsDir=" + webapps, "jetty.deploy.scanInterval=1"),
                dir.resolve("jetty.log"), Duration.ofSeconds(60));
        deployments = new Deployments(webapps, jetty.log(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            assertThat(jetty.stop(Duration.ofSeconds(30))).as("stopped by SIGTERM").isTrue();
        }
    }

    @Test
    void bothConnectorsOnTheirBoundPortsAndAWarServedFromDeployToUndeploy() throws Exception {
        assertThat(jetty.httpPort()).isPositive().isNotEqualTo(jetty.httpsPort());
        assertThat(jetty.httpsPort()).isPositive();

        WebArchive war = ShrinkWrap.create(WebArchive.class, "hello.war").add(new StringAsset("hello"), "index.txt");
        deployments.deploy("hello.war", file -> war.as(ZipExporter.class).exportTo(file.toFile(), true));
        assertThat(get("/hello/index.txt")).isEqualTo("200 hello");

        deployments.undeploy("hello.war");
        assertThat(get("/hello/index.txt")).startsWith("404");
        deployments.undeploy("hello.war"); // not there any more: nothing to do
    }

    @Test
    void aWarJettyCannotStartIsADeploymentExceptionWithJettysReason() throws Exception {
        WebArchive broken = ShrinkWrap.create(WebArchive.class, "broken.war").setWebXML(new StringAsset(
                "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"><listener>"
                        + "<listener-class>no.such.Listener</listener-class></listener></web-app>"));
        assertThatThrownBy(() -> deployments.deploy("broken.war", file -> broken.as(ZipExporter.class).exportTo(file.toFile(), true)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Jetty could not start broken.war")
                .hasMessageContaining("no.such.Listener");
        assertThat(get("/broken/")).startsWith("404");
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jetty.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
