package dev.switchboard.it.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.it.services.LibraryGateway;
import dev.switchboard.it.services.LibraryServiceImpl;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.NodeClients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The {@code google.api.http} rules' routes in the OpenAPI document (library.proto's service, as HttpRulesIT deploys
 * it): still valid for swagger-parser and Redocly's linter; multi-segment variables written out a parameter per
 * wildcard; path fields as path parameters, the body as the rule says, every other field as a query parameter;
 * {@code response_body}'s field as the response; {@code google.api.HttpBody} as raw bytes; a custom HTTP method left
 * out (OpenAPI 3.1 has no place for it).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiHttpRulesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", LibraryServiceImpl.class, LibraryGateway.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void theDocumentWithRulesIsValidForBothValidators() throws Exception {
        String json = document();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        assumeTrue(NodeClients.available(), "node and npm are not installed");
        Path file = Path.of("target/openapi-lint/openapi-rules.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        Path config = Path.of("src/test/node/redocly.yaml").toAbsolutePath();
        NodeClients.Result lint = NodeClients.node("node_modules/@redocly/cli/bin/cli.js", "lint", "--config=" + config, file.toString());
        assertThat(lint.exitValue()).as(lint.output()).isZero();
    }

    @Test
    void theRulesRoutesAreListedAsTheyBindTheRequest() throws Exception {
        JsonObject paths = JsonParser.parseString(document()).getAsJsonObject().getAsJsonObject("paths");
        JsonObject book = paths.getAsJsonObject("/v1/shelves/{shelf}/books/{book}");
        assertThat(book.keySet()).as("GetBook, UpdateBook, ReplaceBook, DeleteBook; not MoveBook's MOVE")
                .containsExactlyInAnyOrder("get", "patch", "put", "delete");
        JsonObject get = book.getAsJsonObject("get");
        assertThat(get.get("x-grpc-method").getAsString()).isEqualTo("switchboard.test.v1.LibraryService/GetBook");
        assertThat(parameters(get, "path")).containsExactly("shelf", "book");
        assertThat(get.has("requestBody")).isFalse();
        assertThat(paths.getAsJsonObject("/v1/books/{name}").getAsJsonObject("get").get("description").getAsString())
                .contains("GET /v1/books/{name=**}");

        JsonObject create = paths.getAsJsonObject("/v1/shelves/{shelf}/books").getAsJsonObject("post");
        assertThat(parameters(create, "path")).containsExactly("shelf");
        assertThat(parameters(create, "query")).as("neither the path's nor the body's field").contains("bookId")
                .doesNotContain("shelf", "book").noneMatch(name -> name.startsWith("book."));
        assertThat(create.getAsJsonObject("requestBody").toString()).contains("#/components/schemas/switchboard.test.v1.Book");

        JsonObject put = book.getAsJsonObject("put");
        assertThat(parameters(put, "query")).as("body: * leaves nothing to the query").isEmpty();

        JsonObject list = paths.getAsJsonObject("/v1/shelves/{shelf}/books:list").getAsJsonObject("get");
        JsonObject listed = list.getAsJsonObject("responses").getAsJsonObject("200").getAsJsonObject("content")
                .getAsJsonObject("application/json").getAsJsonObject("schema");
        assertThat(listed.get("type").getAsString()).as("response_body: books").isEqualTo("array");

        JsonObject cover = paths.getAsJsonObject("/v1/shelves/{shelf}/books/{book}/cover").getAsJsonObject("get");
        assertThat(cover.getAsJsonObject("responses").getAsJsonObject("200").getAsJsonObject("content").keySet())
                .as("google.api.HttpBody").containsExactly("*/*");
        JsonObject imports = paths.getAsJsonObject("/v1/imports").getAsJsonObject("post");
        assertThat(imports.getAsJsonObject("requestBody").getAsJsonObject("content").keySet()).containsExactly("*/*");

        JsonObject watch = paths.getAsJsonObject("/v1/shelves/{shelf}/books:watch").getAsJsonObject("get");
        assertThat(watch.getAsJsonObject("responses").getAsJsonObject("200").getAsJsonObject("content").keySet())
                .contains("application/x-ndjson", "text/event-stream");
    }

    private static List<String> parameters(JsonObject operation, String in) {
        List<String> names = new ArrayList<>();
        JsonArray parameters = operation.has("parameters") ? operation.getAsJsonArray("parameters") : new JsonArray();
        for (JsonElement parameter : parameters) {
            if (parameter.getAsJsonObject().get("in").getAsString().equals(in)) {
                names.add(parameter.getAsJsonObject().get("name").getAsString());
            }
        }
        return names;
    }

    private String document() throws Exception {
        HttpResponse<String> response = Clients.http(endpoints).send(HttpRequest.newBuilder(endpoints.http("/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
