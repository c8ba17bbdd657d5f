package dev.switchboard.standalone;

import static dev.switchboard.standalone.JettyDistribution.HOST;
import static dev.switchboard.standalone.JettyDistribution.freePort;
import static dev.switchboard.standalone.JettyDistribution.postJson;
import static dev.switchboard.standalone.JettyDistribution.property;
import static dev.switchboard.standalone.JettyDistribution.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.google.gson.JsonParser;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;

/**
 * The example's second WAR (switchboard-example-weld.war: Weld in WEB-INF/lib) on a stock Jetty distribution, the way
 * Jetty's documentation describes CDI: a fresh jetty-base made with {@code start.jar --add-modules=} {@value #MODULES}
 * only (none of this project's modules, no jar in the base), the WAR as webapps/ROOT.war; called from outside over gRPC
 * (h2c, grpc-java) and JSON (HTTP/1.1), and its landing page. The plain WAR (no Weld) does not serve on this base:
 * {@code -Dstock-jetty.war=target/webapps/ROOT.war} (that WAR) makes this test fail.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StockJettyWeldWarIT {

    static final String MODULES = "http,http2c,ee10-deploy,ee10-annotations,ee10-cdi-decorate";

    private static Path base;
    private static JettyDistribution jetty;
    private static int httpPort;

    @BeforeAll
    static void startJetty() throws Exception {
        Path home = Path.of(property("switchboard.jetty.home"));
        base = Path.of(property("switchboard.jetty.stock-base"));
        deleteRecursively(base);
        JettyDistribution.createBase(home, base, MODULES);
        Files.createDirectories(base.resolve("webapps"));
        Files.copy(Path.of(property("switchboard.jetty.weld-war")), base.resolve("webapps/ROOT.war"));
        httpPort = freePort();
        jetty = JettyDistribution.start(home, base, httpPort, List.of("jetty.http.host=" + HOST, "jetty.http.port=" + httpPort));
        jetty.awaitServing(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    /** The base is Jetty's own: no jar in it (Weld comes with the WAR), and no module file of ours. */
    @Test
    void baseHasOnlyJettysOwnModules() throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            assertThat(files.map(base::relativize).map(Path::toString))
                    .noneMatch(path -> path.endsWith(".jar") || path.endsWith(".mod"))
                    .contains("webapps/ROOT.war");
        }
    }

    @Test
    void grpcOverH2c() throws Exception {
        ExampleCalls.assertGreeterServes(Grpc.newChannelBuilderForAddress(HOST, httpPort, InsecureChannelCredentials.create()).build());
    }

    @Test
    void jsonOverHttp11() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> ok = postJson(http11, uri("http", httpPort, "/grpc/greeterservice/sayhello"), "{\"name\": \"World\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(ok.body())).isEqualTo(JsonParser.parseString("{\"message\": \"Hello, World!\"}"));
        HttpResponse<String> error = postJson(http11, uri("http", httpPort, "/grpc/greeterservice/sayhello"), "{\"name\": \"error\"}");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(error.body()).getAsJsonObject().get("detail").getAsString()).isEqualTo("Invalid request");
    }

    @Test
    void landingPageAndNoDirectoryListing() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = get(http11, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Service <code>Greeter</code>", "/grpc/greeterservice/sayhello");
        HttpResponse<String> directory = get(http11, "/static/");
        assertThat(directory.statusCode()).isNotEqualTo(200);
        assertThat(directory.body()).doesNotContain("switchboard.css");
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("http", httpPort, path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
