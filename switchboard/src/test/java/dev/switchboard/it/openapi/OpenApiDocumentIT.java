package dev.switchboard.it.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.NodeClients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * {@code GET /openapi.json} of a WAR with three gateways (everything at /grpc, OtherService POST-only at /post-only,
 * one without JSON) and Connect at the method paths: valid OpenAPI 3.1 for swagger-parser and for Redocly's linter
 * (npm, pinned by src/test/node/package-lock.json), listing exactly the JSON routes served, with proto3 JSON schemas;
 * the context-params' title, version, servers, field names and base path; off when turned off; and behind a
 * web.xml security constraint like any path of the WAR.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiDocumentIT {

    private static final String PROTECTED_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>api description</web-resource-name>
                  <url-pattern>/openapi.json</url-pattern><url-pattern>/openapi.yaml</url-pattern><url-pattern>/docs</url-pattern><url-pattern>/docs/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>admin</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>switchboard</realm-name></login-config>
              <security-role><role-name>admin</role-name></security-role>
              <context-param><param-name>switchboard.openapi.docs</param-name><param-value>true</param-value></context-param>
            </web-app>
            """;

    @Deployment(name = "default", testable = false)
    static WebArchive defaults() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class);
    }

    @Deployment(name = "settings", testable = false)
    static WebArchive withSettings() {
        return TestWars.war("settings.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(
                        Switchboard.OPENAPI_TITLE, "Echo API",
                        Switchboard.OPENAPI_VERSION, "2.3",
                        Switchboard.OPENAPI_SERVERS, "https://api.example.com/echo, http://localhost:8080/settings",
                        Switchboard.PROTO_FIELD_NAMES, "true",
                        Switchboard.METHOD_PATH_CONNECT, "false",
                        Switchboard.BASE_PATH, "/api"), "web.xml");
    }

    @Deployment(name = "gateways", testable = false)
    static WebArchive describedByTheGateways() {
        return TestWars.war("gateways.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                DescribedGateways.class);
    }

    @Deployment(name = "off", testable = false)
    static WebArchive turnedOff() {
        return TestWars.war("off.war", EchoImpl.class, EchoService.class, SeenHeaders.class, TestGateways.class, OtherServiceImpl.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.OPENAPI, "false", Switchboard.OPENAPI_DOCS, "true"), "web.xml");
    }

    @Deployment(name = "protected", testable = false)
    static WebArchive constrained() {
        return TestWars.war("protected.war", EchoImpl.class, EchoService.class, SeenHeaders.class)
                .addAsWebInfResource(new StringAsset(PROTECTED_WEB_XML), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("default")
    void theDocumentIsValidOpenApi31ForSwaggerParser() throws Exception {
        String json = document("/openapi.json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKey("/grpc/echoservice/echo");
    }

    @Test
    @OperateOnDeployment("default")
    void theYamlFormIsTheSameDocumentAndValidToo() throws Exception {
        HttpResponse<String> response = get("/openapi.yaml", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(response.body()).as("block style, not JSON").startsWith("openapi: 3.1.0\n");
        Object yaml = new org.yaml.snakeyaml.Yaml().load(response.body());
        assertThat(new com.google.gson.GsonBuilder().serializeNulls().create().toJsonTree(yaml)).isEqualTo(JsonParser.parseString(document("/openapi.json")));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/grpc/echoservice/echo");
    }

    @Test
    @OperateOnDeployment("default")
    void theDocumentPassesRedoclysLinter() throws Exception {
        assumeTrue(NodeClients.available(), "node and npm are not installed");
        Path file = Path.of("target/openapi-lint/openapi.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, document("/openapi.json"));
        Path config = Path.of("src/test/node/redocly.yaml").toAbsolutePath();
        NodeClients.Result lint = NodeClients.node("node_modules/@redocly/cli/bin/cli.js", "lint", "--config=" + config, file.toString());
        assertThat(lint.exitValue()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Woohoo! Your API description is valid.");
    }

    @Test
    @OperateOnDeployment("default")
    void theDocumentListsTheServedRoutes() throws Exception {
        JsonObject doc = JsonParser.parseString(document("/openapi.json")).getAsJsonObject();
        JsonObject paths = doc.getAsJsonObject("paths");
        // the short route: POST, and GET with the fields as query parameters (the gateway allows every method)
        JsonObject echo = paths.getAsJsonObject("/grpc/echoservice/echo");
        assertThat(echo.keySet()).containsExactlyInAnyOrder("post", "get");
        assertThat(echo.getAsJsonObject("post").get("operationId").getAsString()).isEqualTo("EchoService_Echo");
        assertThat(echo.getAsJsonObject("get").get("operationId").getAsString()).isEqualTo("EchoService_Echo_get");
        assertThat(echo.getAsJsonObject("get").get("x-grpc-method").getAsString()).isEqualTo("switchboard.test.v1.EchoService/Echo");
        assertThat(names(echo.getAsJsonObject("get").getAsJsonArray("parameters")))
                .containsExactly("text", "number", "tags", "nested.label", "big", "color", "when");
        assertThat(echo.getAsJsonObject("post").getAsJsonObject("responses").keySet())
                .contains("200", "400", "401", "403", "404", "408", "409", "413", "415", "429", "499", "500", "501", "503", "504");
        // the canonical route under the gateway and Connect at the method path
        assertThat(paths.getAsJsonObject("/grpc/switchboard.test.v1.EchoService/Echo").keySet()).containsExactly("post");
        assertThat(paths.getAsJsonObject("/switchboard.test.v1.EchoService/Echo").keySet()).containsExactlyInAnyOrder("post", "get");
        // streams: NDJSON or server-sent events out, NDJSON in
        JsonObject count = paths.getAsJsonObject("/grpc/echoservice/count").getAsJsonObject("post");
        assertThat(count.getAsJsonObject("responses").getAsJsonObject("200").getAsJsonObject("content").keySet())
                .containsExactlyInAnyOrder("application/x-ndjson", "text/event-stream");
        JsonObject chat = paths.getAsJsonObject("/grpc/echoservice/chat");
        assertThat(chat.keySet()).containsExactly("post");
        assertThat(chat.getAsJsonObject("post").getAsJsonObject("requestBody").getAsJsonObject("content").keySet())
                .containsExactly("application/x-ndjson");
        // a POST-only gateway has no GET; a gateway without JSON has no routes
        assertThat(paths.getAsJsonObject("/post-only/other/echo").keySet()).containsExactly("post");
        assertThat(paths.getAsJsonObject("/post-only/other/echo").getAsJsonObject("post").get("operationId").getAsString())
                .isEqualTo("post_only_OtherService_Echo");
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/hidden"));
        // operation ids are unique
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (String path : paths.keySet()) {
            for (var operation : paths.getAsJsonObject(path).entrySet()) {
                String id = operation.getValue().getAsJsonObject().get("operationId").getAsString();
                ids.add(id);
                all.add(id);
            }
        }
        assertThat(ids).hasSameSizeAs(all);
        // proto3 JSON: int64 as a string, enums by name, Timestamp as date-time, maps as objects
        JsonObject schemas = doc.getAsJsonObject("components").getAsJsonObject("schemas");
        JsonObject response = schemas.getAsJsonObject("switchboard.test.v1.EchoResponse").getAsJsonObject("properties");
        assertThat(response.getAsJsonObject("big").get("type").getAsString()).isEqualTo("string");
        assertThat(response.getAsJsonObject("big").get("format").getAsString()).isEqualTo("int64");
        assertThat(response.getAsJsonObject("color").get("$ref").getAsString()).isEqualTo("#/components/schemas/switchboard.test.v1.Color");
        assertThat(schemas.getAsJsonObject("switchboard.test.v1.Color").getAsJsonArray("enum").toString())
                .isEqualTo("[\"COLOR_UNSPECIFIED\",\"RED\",\"GREEN\"]");
        assertThat(response.getAsJsonObject("when").get("format").getAsString()).isEqualTo("date-time");
        assertThat(response.getAsJsonObject("seen").getAsJsonObject("additionalProperties").get("type").getAsString()).isEqualTo("string");
        assertThat(response.keySet()).contains("echoText");
        assertThat(schemas.getAsJsonObject("dev.switchboard.ErrorBody").getAsJsonArray("required").toString()).isEqualTo("[\"code\",\"message\"]");
    }

    @Test
    @OperateOnDeployment("settings")
    void contextParamsSetTitleVersionServersNamesAndPaths() throws Exception {
        String json = document("/settings/api/openapi.json");
        assertThat(new OpenAPIV3Parser().readContents(json, null, new ParseOptions()).getMessages()).as("swagger-parser's messages").isEmpty();
        JsonObject doc = JsonParser.parseString(json).getAsJsonObject();
        assertThat(doc.getAsJsonObject("info").get("title").getAsString()).isEqualTo("Echo API");
        assertThat(doc.getAsJsonObject("info").get("version").getAsString()).isEqualTo("2.3");
        assertThat(doc.getAsJsonArray("servers").toString())
                .isEqualTo("[{\"url\":\"https://api.example.com/echo\"},{\"url\":\"http://localhost:8080/settings\"}]");
        JsonObject paths = doc.getAsJsonObject("paths");
        assertThat(paths.keySet()).contains("/api/grpc/echoservice/echo").allMatch(path -> path.startsWith("/api/"));
        assertThat(doc.getAsJsonObject("components").getAsJsonObject("schemas").getAsJsonObject("switchboard.test.v1.EchoResponse")
                .getAsJsonObject("properties").keySet()).contains("echo_text").doesNotContain("echoText");
        assertThat(names(paths.getAsJsonObject("/api/grpc/echoservice/count").getAsJsonObject("get").getAsJsonArray("parameters")))
                .containsExactly("up_to", "pause_millis", "fail_after");
    }

    @Test
    @OperateOnDeployment("default")
    void theDefaultServerIsTheContextPathAndThePageIsOff() throws Exception {
        JsonObject doc = JsonParser.parseString(document("/openapi.json")).getAsJsonObject();
        assertThat(doc.getAsJsonArray("servers").toString()).isEqualTo("[{\"url\":\"/\"}]");
        assertThat(get("/docs", null).statusCode()).isEqualTo(404);
    }

    @Test
    @OperateOnDeployment("gateways")
    void gatewaysGiveTheTitleVersionAndServersAndCanStayUnlisted() throws Exception {
        JsonObject doc = JsonParser.parseString(document("/gateways/openapi.json")).getAsJsonObject();
        assertThat(doc.getAsJsonObject("info").get("title").getAsString()).isEqualTo("Echo from its gateway");
        assertThat(doc.getAsJsonObject("info").get("version").getAsString()).isEqualTo("4.5");
        assertThat(doc.getAsJsonArray("servers").toString()).isEqualTo("[{\"url\":\"https://gateway.example.com/echo\"}]");
        Set<String> paths = doc.getAsJsonObject("paths").keySet();
        assertThat(paths).contains("/api/echoservice/echo", "/admin/other/echo").noneMatch(p -> p.startsWith("/internal"));
        HttpResponse<String> served = Clients.http(endpoints).send(HttpRequest.newBuilder(endpoints.http("/gateways/internal/echoservice/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as("unlisted, still served: " + served.body()).isEqualTo(200);
    }

    @Test
    @OperateOnDeployment("off")
    void theContextParamTurnsTheDocumentAndPageOff() throws Exception {
        for (String path : List.of("/off/openapi.json", "/off/openapi.yaml", "/off/docs")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("\"openapi\"").doesNotContain("swagger");
        }
    }

    @Test
    @OperateOnDeployment("protected")
    void aSecurityConstraintProtectsTheDocumentAndThePage() throws Exception {
        for (String path : List.of("/protected/openapi.json", "/protected/openapi.yaml", "/protected/docs",
                "/protected/docs/swagger-ui-bundle.js")) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path + ": " + anonymous.body()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("openapi").doesNotContain("SwaggerUI");
            assertThat(get(path, "bob:bob-pw").statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, "alice:alice-pw").statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> slash = get("/protected/docs/", "alice:alice-pw");
        assertThat(slash.statusCode()).as("the page's folder sends the browser to the page").isEqualTo(301);
        assertThat(endpoints.http("/protected/docs/").resolve(slash.headers().firstValue("location").orElseThrow()))
                .isEqualTo(endpoints.http("/protected/docs"));
        assertThat(get("/protected/docs", "alice:alice-pw").body()).contains("swagger-ui-bundle.js");
        assertThat(get("/protected/openapi.json", "alice:alice-pw").body()).contains("\"openapi\": \"3.1.0\"");
    }

    private static List<String> names(com.google.gson.JsonArray parameters) {
        List<String> names = new ArrayList<>();
        for (JsonElement parameter : parameters) {
            names.add(parameter.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    private String document(String path) throws Exception {
        HttpResponse<String> response = get(path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return response.body();
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return Clients.http(endpoints).send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
