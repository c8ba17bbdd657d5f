package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.inventory.InventoryGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.MethodDescriptor;

/**
 * The example's landing page (a static index.html) from outside, on each container: {@code GET /} and {@code HEAD /}
 * answer it as HTML, it names every gRPC method the WAR serves and each JSON route it lists answers, its links to health
 * and metrics work, and no directory of the WAR is listed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LandingPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void getRootAnswersTheLandingPage() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Switchboard example</title>", "GreeterService", "Service <code>Greeter</code>",
                "href=\"health\"", "href=\"metrics\"", "docs/");
    }

    @Test
    void headRootAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(endpoints.http("/")).timeout(Duration.ofSeconds(20))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(head.body()).isEmpty();
    }

    /** The page is written by hand: it must name each method of the service and nothing the WAR does not serve. */
    @Test
    void pageListsEveryGrpcMethodOfTheService() throws Exception {
        List<String> served = Stream.of(GreeterGrpc.getServiceDescriptor(), InventoryGrpc.getServiceDescriptor())
                .flatMap(service -> service.getMethods().stream())
                .map(MethodDescriptor::getFullMethodName).map(name -> "/" + name).toList();
        assertThat(codes(get("/").body(), "grpc-method")).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyJsonRouteOnThePageAnswers() throws Exception {
        List<String> routes = codes(get("/").body(), "json-route");
        assertThat(routes).isNotEmpty();
        for (String route : routes) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoints.http(route)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Connect-Protocol-Version", "1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Page\", \"count\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST %s", route).isEqualTo(200);
            assertThat(response.body()).as("POST %s", route).contains("Hello, Page!");
        }
    }

    /** The REST routes the page lists ({@code GET path}, from the proto's HTTP rules) answer JSON. */
    @Test
    void everyRestRouteOnThePageAnswers() throws Exception {
        List<String> routes = codes(get("/").body(), "rest-route");
        assertThat(routes).hasSizeGreaterThan(3);
        for (String route : routes) {
            assertThat(route).startsWith("GET ");
            HttpResponse<String> response = get(route.substring(4));
            assertThat(response.statusCode()).as(route).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(route)
                    .hasValueSatisfying(type -> assertThat(type).contains("json"));
            assertThat(response.body()).as(route).contains("\"name\"");
        }
    }

    @Test
    void healthAndMetricsLinksAnswer() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("SERVING");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("grpc_server_calls");
    }

    /** The try-it page and the OpenAPI document it reads, both linked from the page. */
    @Test
    void tryItPageAndOpenApiDocumentAnswer() throws Exception {
        assertThat(get("/").body()).contains("href=\"docs\"", "href=\"openapi.json\"");
        HttpResponse<String> docs = get("/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
        HttpResponse<String> document = get("/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\": \"3.1.0\"", "/Greeter/SayHello", "Switchboard example");
        HttpResponse<String> yaml = get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1.0\n").contains("/Greeter/SayHello:");
    }

    /**
     * The .proto files' comments reach the document as descriptions: the proto module's build writes a descriptor set
     * with source info where Switchboard looks for it (docs/openapi.md), and the WAR carries that jar.
     */
    @Test
    void theDocumentDescribesTheMethodsWithTheProtosComments() throws Exception {
        for (String path : new String[] {"/openapi.json", "/openapi.yaml"}) {
            assertThat(get(path).body()).as(path).contains(
                    "Streaming over gRPC: one reply per greeting, `count` of them (3 when unset).",
                    "A multi-segment resource name; also reachable by the item's SKU alone.",
                    "A custom verb: moves an item to another warehouse");
        }
    }

    /** /static/ is a real directory of the WAR without a welcome file: Jetty's default servlet would list it. */
    @Test
    void noDirectoryIsListed() throws Exception {
        assertThat(get("/static/switchboard.css").statusCode()).isEqualTo(200);
        for (String directory : List.of("/static/", "/static", "/WEB-INF/", "/META-INF/")) {
            HttpResponse<String> response = get(directory);
            assertThat(response.statusCode()).as("GET %s", directory).isNotEqualTo(200);
            assertThat(response.body()).as("GET %s", directory)
                    .doesNotContain("switchboard.css", "web.xml", "beans.xml", "MANIFEST.MF", "lib/");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = endpoints.http(path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> codes(String html, String cssClass) {
        Matcher matcher = Pattern.compile("<code class=\"" + cssClass + "\">([^<]+)</code>").matcher(html);
        return matcher.results().map(result -> result.group(1)).toList();
    }
}
