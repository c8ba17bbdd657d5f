package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.LibraryGateway;
import dev.switchboard.it.services.LibraryGetOnlyGateway;
import dev.switchboard.it.services.LibraryServiceImpl;
import dev.switchboard.it.support.AsyncCatchAllServlet;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * {@code google.api.http} rules (library.proto's LibraryService) over HTTP/1.1 and HTTP/2: every verb and body form,
 * {@code response_body}, {@code additional_bindings}, a custom verb and a custom HTTP method, query parameters of every
 * kind, the spec's percent-decoding, server streaming, each error in the JSON error body — after which the server
 * still serves — the gateway's {@code httpMethods} limit, and {@link Switchboard#HTTP_RULES} {@code false}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpRulesIT {

    @Deployment(name = "rules", testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", LibraryServiceImpl.class, LibraryGateway.class, AsyncCatchAllServlet.class);
    }

    @Deployment(name = "get-only", testable = false)
    static WebArchive getOnly() {
        return TestWars.war("getonly.war", LibraryServiceImpl.class, LibraryGetOnlyGateway.class, AsyncCatchAllServlet.class);
    }

    @Deployment(name = "off", testable = false)
    static WebArchive off() {
        return TestWars.war("off.war", LibraryServiceImpl.class, LibraryGateway.class, AsyncCatchAllServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.HTTP_RULES, "false"), "web.xml");
    }

    @Deployment(name = "json-settings", testable = false)
    static WebArchive jsonSettings() {
        return TestWars.war("settings.war", LibraryServiceImpl.class, LibraryGateway.class, AsyncCatchAllServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.PROTO_FIELD_NAMES, "true", Switchboard.INCLUDE_DEFAULT_VALUES, "true"),
                        "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private HttpClient h1;
    private HttpClient h2;

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void everyVerbAndBodyForm(String protocol) throws Exception {
        JsonObject got = ok(send(protocol, "GET", "/v1/shelves/s1/books/b1", null));
        assertThat(got.get("name").getAsString()).isEqualTo("shelves/s1/books/b1");

        JsonObject created = ok(send(protocol, "POST", "/v1/shelves/s1/books?bookId=7", "{\"title\":\"New\",\"year\":1999}"));
        assertThat(created.get("name").getAsString()).isEqualTo("shelves/s1/books/7");
        assertThat(created.get("title").getAsString()).isEqualTo("New");
        assertThat(created.get("year").getAsInt()).isEqualTo(1999);

        // body: "book" with the path setting book.name, and a FieldMask from the query
        JsonObject updated = ok(send(protocol, "PATCH", "/v1/shelves/s1/books/b2?update_mask=title,author",
                "{\"name\":\"ignored\",\"title\":\"T\"}"));
        assertThat(updated.get("name").getAsString()).as("the path's field wins").isEqualTo("shelves/s1/books/b2");
        assertThat(updated.get("title").getAsString()).isEqualTo("T");
        assertThat(updated.getAsJsonArray("tags").toString()).isEqualTo("[\"title\",\"author\"]");

        JsonObject replaced = ok(send(protocol, "PUT", "/v1/shelves/s1/books/b3", "{\"title\":\"R\",\"tags\":[\"x\"]}"));
        assertThat(replaced.get("name").getAsString()).isEqualTo("shelves/s1/books/b3");
        assertThat(replaced.get("title").getAsString()).isEqualTo("R");

        HttpResponse<String> deleted = send(protocol, "DELETE", "/v1/shelves/s1/books/missing?force=true", null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");

        JsonObject archived = ok(send(protocol, "POST", "/v1/shelves/s1/books/b4:archive", null));
        assertThat(archived.get("name").getAsString()).isEqualTo("shelves/s1/books/b4");
        assertThat(archived.getAsJsonArray("tags").get(0).getAsString()).isEqualTo("archived");

        JsonObject moved = ok(send(protocol, "MOVE", "/v1/shelves/s1/books/b5", "{\"destination\":\"shelves/s2/books/b5\"}"));
        assertThat(moved.get("name").getAsString()).isEqualTo("shelves/s2/books/b5");
        assertThat(moved.getAsJsonArray("tags").get(0).getAsString()).isEqualTo("moved from shelves/s1/books/b5");

        JsonObject shelf = ok(send(protocol, "GET", "/v1/shelves/42", null));
        assertThat(shelf.get("id").getAsString()).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void responseBodyAndAdditionalBindings(String protocol) throws Exception {
        HttpResponse<String> whole = send(protocol, "GET", "/v1/shelves/s1/books?page_size=1&pageToken=t", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("{\"books\":[{\"name\":\"shelves/s1/books/1\",\"title\":\"Book 1\"}],\"nextPageToken\":\"t+\"}");

        HttpResponse<String> field = send(protocol, "GET", "/v1/shelves/s1/books:list?page_size=2", null);
        assertThat(field.statusCode()).isEqualTo(200);
        assertThat(field.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonArray books = JsonParser.parseString(field.body()).getAsJsonArray();
        assertThat(books).hasSize(2);
        assertThat(books.get(1).getAsJsonObject().get("name").getAsString()).isEqualTo("shelves/s1/books/2");

        // GetBook's additional binding, a multi-segment ** variable
        assertThat(ok(send(protocol, "GET", "/v1/books/a/b/c", null)).get("name").getAsString()).isEqualTo("a/b/c");
        // A method without a rule is at the gateway's routes only.
        assertThat(ok(send(protocol, "POST", "/grpc/switchboard.test.v1.LibraryService/Ping", "{\"name\":\"x\"}"))
                .get("name").getAsString()).isEqualTo("pong x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void clientStreamingFromAnNdjsonBody(String protocol) throws Exception {
        HttpResponse<String> created = client(protocol).send(request(protocol, "/v1/shelves/s1/books:batchCreate?book_id=batch")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}\n\n{\"title\":\"b\",\"year\":2001}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray books = ok(created).getAsJsonArray("books");
        assertThat(books).hasSize(2);
        assertThat(books.get(1).toString()).isEqualTo("{\"name\":\"shelves/s1/books/b\",\"title\":\"b\",\"year\":2001,\"tags\":[\"batch\"]}");

        HttpResponse<String> badLine = client(protocol).send(request(protocol, "/v1/shelves/s1/books:batchCreate")
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("{\"year\":\"old\"}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(error(badLine, 400, "invalid_argument")).contains("year");
        assertThat(error(send(protocol, "POST", "/v1/shelves/s1/books:batchCreate", "{}"), 415, "invalid_argument"))
                .contains("application/x-ndjson");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void httpBodyCarriesAnyContentTypeBothWays(String protocol) throws Exception {
        HttpResponse<byte[]> cover = client(protocol).send(request(protocol, "/v1/shelves/s1/books/b1/cover").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cover.statusCode()).isEqualTo(200);
        assertThat(cover.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(cover.body()).hasSize(256);
        assertThat(cover.body()[255]).isEqualTo((byte) 255);

        HttpResponse<String> put = client(protocol).send(request(protocol, "/v1/shelves/s1/books/b1/cover?overwrite=true")
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject book = ok(put);
        assertThat(book.get("name").getAsString()).isEqualTo("shelves/s1/books/b1");
        assertThat(book.getAsJsonArray("tags").toString()).isEqualTo("[\"image/jpeg\",\"1000 bytes\",\"overwrite true\"]");

        HttpResponse<String> imported = client(protocol).send(request(protocol, "/v1/imports").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(imported.body()).isEqualTo("imported 8 bytes of text/csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void queryParametersOfEveryKind(String protocol) throws Exception {
        JsonObject seen = ok(send(protocol, "GET", "/v1/shelves/s%201:search?query=a%20b&pageSize=5&tags=x&tags=y"
                + "&genre=HISTORY&genres=1&genres=FICTION&filter.author=Ann&filter.years.from=1990&since=2024-01-02T03:04:05Z"
                + "&max_age=30s&limit=7&available=true&big=9007199254740993&score=1.5&token=AQID", null));
        assertThat(seen.get("shelf").getAsString()).isEqualTo("s 1");
        assertThat(seen.get("query").getAsString()).isEqualTo("a b");
        assertThat(seen.get("pageSize").getAsInt()).isEqualTo(5);
        assertThat(seen.getAsJsonArray("tags").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(seen.get("genre").getAsString()).isEqualTo("HISTORY");
        assertThat(seen.getAsJsonArray("genres").toString()).isEqualTo("[\"FICTION\",\"FICTION\"]");
        assertThat(seen.getAsJsonObject("filter").toString()).isEqualTo("{\"author\":\"Ann\",\"years\":{\"from\":1990}}");
        assertThat(seen.get("since").getAsString()).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(seen.get("maxAge").getAsString()).isEqualTo("30s");
        assertThat(seen.get("limit").getAsInt()).isEqualTo(7);
        assertThat(seen.get("available").getAsBoolean()).isTrue();
        assertThat(seen.get("big").getAsString()).isEqualTo("9007199254740993");
        assertThat(seen.get("score").getAsDouble()).isEqualTo(1.5);
        assertThat(seen.get("token").getAsString()).isEqualTo("AQID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void pathVariablesArePercentDecodedAsTheSpecSays(String protocol) throws Exception {
        // %2F and bytes that are not UTF-8 are not here: Jetty 12 refuses them before any filter (400, "Ambiguous URI
        // path separator", "Bad URI"); PathTemplateTest has what becomes of them where they arrive (docs/http-rules.md).
        // {shelf}, one segment: everything decoded
        assertThat(ok(send(protocol, "GET", "/v1/shelves/a%3Ab%20c%3F:search", null)).get("shelf").getAsString()).isEqualTo("a:b c?");
        // {name=**}, several segments: everything but %2F
        assertThat(ok(send(protocol, "GET", "/v1/books/a%20b/c%3F", null)).get("name").getAsString()).isEqualTo("a b/c?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void anEncodedSlashStaysEncodedInMultiSegmentVariablesWhereTheContainerLetsItThrough(String protocol) throws Exception {
        HttpResponse<String> single = send(protocol, "GET", "/v1/shelves/a%2Fb:search", null);
        HttpResponse<String> multi = send(protocol, "GET", "/v1/books/a%2Fb/c", null);
        if (!"wildfly".equals(System.getProperty("switchboard.test.container"))) {
            // Jetty 12 refuses it before any filter ("Ambiguous URI path separator"), by its default UriCompliance.
            assertThat(single.statusCode()).isEqualTo(400);
            assertThat(multi.statusCode()).isEqualTo(400);
            return;
        }
        assertThat(ok(single).get("shelf").getAsString()).isEqualTo("a/b");
        assertThat(ok(multi).get("name").getAsString()).isEqualTo("a%2Fb/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void serverStreamingInEachFormByAccept(String protocol) throws Exception {
        HttpResponse<String> ndjson = send(protocol, "GET", "/v1/shelves/s1/books:watch?page_size=3", null);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
        assertThat(ndjson.body().split("\n")).hasSize(3);
        assertThat(ndjson.body()).startsWith("{\"name\":\"shelves/s1/books/1\",\"title\":\"Book 1\"}\n");

        HttpResponse<String> sse = accepting(protocol, "/v1/shelves/s1/books:watch?page_size=2", "text/event-stream");
        assertThat(sse.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(sse.body()).startsWith("data: {\"name\":\"shelves/s1/books/1\"").contains("event: end");

        HttpResponse<String> array = accepting(protocol, "/v1/shelves/s1/books:watch?page_size=2", "application/json");
        assertThat(array.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(JsonParser.parseString(array.body()).getAsJsonArray()).hasSize(2);
        assertThat(accepting(protocol, "/v1/shelves/s1/books:watch?page_size=-1", "application/json").body()).isEqualTo("[]");
        assertThat(accepting(protocol, "/v1/shelves/s1/books:watch?page_size=2", "application/x-ndjson, application/json")
                .headers().firstValue("content-type").orElse("")).as("the first named wins").startsWith("application/x-ndjson");

        // response_body of each message
        assertThat(send(protocol, "GET", "/v1/shelves/s1/titles:watch?page_size=2", null).body()).isEqualTo("\"Book 1\"\n\"Book 2\"\n");
        assertThat(accepting(protocol, "/v1/shelves/s1/titles:watch?page_size=2", "application/json").body()).isEqualTo("[\"Book 1\",\"Book 2\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void aStreamThatFailsMidwayEndsWithTheErrorInItsForm(String protocol) throws Exception {
        String path = "/v1/shelves/s1/books:watch?page_size=5&page_token=fail";
        String[] lines = send(protocol, "GET", path, null).body().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JsonParser.parseString(lines[1]).getAsJsonObject().getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("failed_precondition");

        JsonArray array = JsonParser.parseString(accepting(protocol, path, "application/json").body()).getAsJsonArray();
        assertThat(array).hasSize(2);
        assertThat(array.get(1).getAsJsonObject().getAsJsonObject("error").get("message").getAsString()).isEqualTo("stopped after 1");

        assertThat(accepting(protocol, path, "text/event-stream").body()).contains("event: error\ndata: {\"code\":\"failed_precondition\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void aSlowReaderGetsEverythingAndAClientThatLeavesMidwayHarmsNoOne(String protocol) throws Exception {
        HttpResponse<InputStream> slow = client(protocol).send(request(protocol, "/v1/shelves/s1/books:watch?page_size=3000")
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = slow.body()) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int reads = 0;
            for (int n; (n = in.read(chunk)) >= 0 && reads < 100_000; reads++) {
                all.write(chunk, 0, n);
                if (reads % 8 == 0) {
                    Thread.sleep(5); // a reader slower than the writer: the writer waits for it
                }
            }
            body = all.toByteArray();
        }
        JsonArray books = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonArray();
        assertThat(books).hasSize(3000);
        assertThat(books.get(2999).getAsJsonObject().get("name").getAsString()).isEqualTo("shelves/s1/books/3000");

        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> leaving = client(protocol).send(request(protocol, "/v1/shelves/s1/books:watch?page_size=100000")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = leaving.body()) {
                assertThat(in.readNBytes(100)).hasSize(100);
            }
        }
        assertThat(ok(send(protocol, "GET", "/v1/shelves/s1/books/b1", null)).get("name").getAsString()).isEqualTo("shelves/s1/books/b1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/2"})
    @OperateOnDeployment("rules")
    void errorsAreJsonAndTheServerServesOn(String protocol) throws Exception {
        // Under a rule's leading literal segments (/v1/shelves), but no rule's
        assertThat(error(send(protocol, "GET", "/v1/shelves/s1/nothing/here", null), 404, "not_found")).contains("/v1/shelves/s1/nothing/here");

        HttpResponse<String> wrongVerb = send(protocol, "PATCH", "/v1/shelves/s1/books", "{}");
        assertThat(error(wrongVerb, 405, "unimplemented")).contains("PATCH");
        assertThat(wrongVerb.headers().firstValue("allow")).hasValue("GET, POST");

        assertThat(error(send(protocol, "GET", "/v1/shelves/s1/books?nope=1", null), 400, "invalid_argument")).contains("nope");
        assertThat(error(send(protocol, "GET", "/v1/shelves/s1/books?shelf=s2", null), 400, "invalid_argument")).contains("shelf").contains("path");
        assertThat(error(send(protocol, "DELETE", "/v1/shelves/s1/books/b1", "{\"force\":true}"), 400, "invalid_argument")).contains("takes no request body");
        assertThat(error(send(protocol, "GET", "/v1/shelves/abc", null), 400, "invalid_argument")).contains("shelf_id").contains("abc");
        assertThat(error(send(protocol, "POST", "/v1/shelves/s1/books", "{\"year\":\"old\"}"), 400, "invalid_argument")).contains("year");
        HttpResponse<String> notJson = client(protocol).send(request(protocol, "/v1/shelves/s1/books").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(415);

        assertThat(error(send(protocol, "DELETE", "/v1/shelves/s1/books/missing", null), 404, "not_found")).isEqualTo("No book shelves/s1/books/missing");

        // Not under a rule's leading literal segments: the application's.
        assertThat(send(protocol, "GET", "/elsewhere", null).body()).isEqualTo("app GET /elsewhere");
        assertThat(send(protocol, "GET", "/v1/other", null).body()).isEqualTo("app GET /v1/other");
        // And the server (the same client, its connection reused) still serves.
        assertThat(ok(send(protocol, "GET", "/v1/shelves/s1/books/b1", null)).get("name").getAsString()).isEqualTo("shelves/s1/books/b1");
    }

    @Test
    @OperateOnDeployment("rules")
    void callsThroughRulesAreMetricsLabelledByMethod() throws Exception {
        ok(send("HTTP/1.1", "GET", "/v1/shelves/s1/books/m1", null));
        assertThat(send("HTTP/1.1", "GET", "/metrics", null).body()).containsPattern(
                "grpc_server_calls_total\\{method=\"switchboard.test.v1.LibraryService/GetBook\",protocol=\"http\",status=\"OK\"} [1-9]");
    }

    @Test
    @OperateOnDeployment("get-only")
    void theGatewaysMethodLimitApplies() throws Exception {
        HttpResponse<String> patch = send("HTTP/1.1", "PATCH", "/getonly/v1/shelves/s1/books/b1", "{}");
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("allow")).hasValue("GET");
        assertThat(ok(send("HTTP/1.1", "GET", "/getonly/v1/shelves/s1/books/b1", null)).get("name").getAsString())
                .isEqualTo("shelves/s1/books/b1");
    }

    @Test
    @OperateOnDeployment("json-settings")
    void theJsonSettingsApplyAsOnTheOtherRoutes() throws Exception {
        assertThat(send("HTTP/1.1", "GET", "/settings/v1/shelves/s1/books?page_size=1", null).body())
                .isEqualTo("{\"books\":[{\"name\":\"shelves/s1/books/1\",\"title\":\"Book 1\",\"author\":\"\",\"year\":0,"
                        + "\"tags\":[]}],\"next_page_token\":\"+\"}");
        assertThat(ok(send("HTTP/1.1", "GET", "/settings/v1/shelves/s1:search?page_size=3", null)).get("page_size").getAsInt()).isEqualTo(3);
    }

    @Test
    @OperateOnDeployment("off")
    void turnedOffTheRulesPathsAreTheApplications() throws Exception {
        assertThat(send("HTTP/1.1", "GET", "/off/v1/shelves/s1/books/b1", null).body()).isEqualTo("app GET /off/v1/shelves/s1/books/b1");
        assertThat(ok(send("HTTP/1.1", "POST", "/off/grpc/switchboard.test.v1.LibraryService/GetBook", "{\"name\":\"n\"}"))
                .get("name").getAsString()).isEqualTo("n");
    }

    private HttpClient client(String protocol) {
        if (protocol.equals("HTTP/2")) {
            if (h2 == null) {
                h2 = Clients.https(endpoints);
            }
            return h2;
        }
        if (h1 == null) {
            h1 = Clients.http(endpoints);
        }
        return h1;
    }

    private HttpRequest.Builder request(String protocol, String path) {
        return HttpRequest.newBuilder(protocol.equals("HTTP/2") ? endpoints.https(path) : endpoints.http(path))
                .timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> accepting(String protocol, String path, String accept) throws IOException, InterruptedException {
        return client(protocol).send(request(protocol, path).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String protocol, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(protocol, path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client(protocol).send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.version()).isEqualTo(protocol.equals("HTTP/2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        return response;
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** The JSON error body's message, after checking the HTTP status and the code. */
    private static String error(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("code").getAsString()).as(response.body()).isEqualTo(code);
        return body.get("message").getAsString();
    }
}
