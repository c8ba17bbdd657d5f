package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.it.services.LibraryGateway;
import dev.switchboard.it.services.LibraryServiceImpl;
import dev.switchboard.it.support.ArmeriaYardstick;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The yardstick of the HTTP rules: the same annotated service (library.proto's LibraryService, the same
 * {@link LibraryServiceImpl}) served by Switchboard and by Armeria's HTTP/JSON transcoding at its default settings, the
 * same requests sent to both. Where they answer alike: the same status, and for a success the same body (JSON parsed,
 * so key order does not matter; other bodies byte for byte, with their content type). Error bodies differ in shape
 * (Switchboard's {@code {code, message, detail}}, Armeria's {@code {code, grpc-code}} or plain text), so errors
 * compare by status code only. Every case where they differ is in {@link #CASES} with both statuses and the reason
 * Switchboard's answer is the one {@code google/api/http.proto} asks for, or a deliberate choice; any other
 * difference fails, and so does a listed one that has gone. On embedded Jetty only: the same Switchboard code runs
 * on every container, which HttpRulesIT covers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpRulesYardstickIT {

    private static final String JSON = "application/json";

    /** Answered alike, unless {@code difference} says how and why not. */
    private static final List<Case> CASES = List.of(
            // every verb, path variables (one segment, several, nested), the body forms
            alike("GET", "/v1/shelves/s1/books/b1"),
            alike("GET", "/v1/books/a/b/c"),
            alike("GET", "/v1/shelves/42"),
            alike("POST", "/v1/shelves/s1/books?book_id=7", JSON, "{\"title\":\"New\",\"year\":1999}"),
            alike("PATCH", "/v1/shelves/s1/books/b2?update_mask=title,author", JSON, "{\"name\":\"ignored\",\"title\":\"T\"}"),
            alike("PUT", "/v1/shelves/s1/books/b3", JSON, "{\"title\":\"R\",\"tags\":[\"x\"]}"),
            alike("PUT", "/v1/shelves/s1/books/b3", JSON, "{\"name\":\"other\",\"title\":\"R\"}"),
            alike("DELETE", "/v1/shelves/s1/books/missing?force=true"),
            alike("POST", "/v1/shelves/s1/books/b4:archive"),
            alike("POST", "/v1/shelves/s1/books/b4:archive", JSON, "{\"name\":\"x\"}"),
            // query parameters of every kind, by their proto names
            alike("GET", "/v1/shelves/s1/books?page_size=1&page_token=t"),
            alike("GET", "/v1/shelves/s%201:search?query=a%20b&page_size=5&tags=x&tags=y&genre=HISTORY&genres=HISTORY&genres=FICTION"
                    + "&filter.author=Ann&filter.years.from=1990&since=2024-01-02T03:04:05Z&max_age=30s&limit=7&available=true"
                    + "&big=9007199254740993&score=1.5&token=AQID"),
            // percent-decoding: one segment entirely, several segments but for %2F
            alike("GET", "/v1/shelves/a%3Ab%20c%3F:search"),
            alike("GET", "/v1/books/a%20b/c%3F"),
            // google.api.HttpBody, a response and a whole request
            alike("GET", "/v1/shelves/s1/books/b1/cover"),
            alike("POST", "/v1/imports", "text/csv", "a,b\n1,2\n"),
            // errors, by status: no rule's path, a verb the path has not, a path value its field cannot take, a body
            // that is not the message, the service's own error, a query value its field cannot take
            alike("GET", "/v1/shelves/s1/nothing/here"),
            alike("PATCH", "/v1/shelves/s1/books", JSON, "{}"),
            alike("GET", "/v1/shelves/abc"),
            alike("POST", "/v1/shelves/s1/books", JSON, "{\"year\":\"old\"}"),
            alike("POST", "/v1/shelves/s1/books", JSON, "not json"),
            alike("DELETE", "/v1/shelves/s1/books/missing"),
            alike("GET", "/v1/shelves/s1:search?page_size=x"),

            // Where they differ. Quotes are google/api/http.proto's unless named otherwise.
            differs("GET", "/v1/shelves/s1/books:list?page_size=2", 200, 200, "Armeria ignores an additional binding's"
                    + " response_body and answers the whole message; an additional binding is an HttpRule, whose response_body"
                    + " is \"the name of the response field whose value is mapped to the HTTP response body\""),
            differs("MOVE", "/v1/shelves/s1/books/b5", JSON, "{\"destination\":\"shelves/s2/books/b5\"}", 200, 405,
                    "Armeria has no custom HTTP methods; \"the custom pattern is used for specifying an HTTP method that is not"
                    + " included in the pattern field\""),
            differs("GET", "/v1/shelves/s1/books?shelf=s2", 400, 200, "Armeria lets the query override the path (shelf s2);"
                    + " \"Fields referred by the path template. They are passed via the URL path ... All other fields are passed"
                    + " via the URL query parameters\""),
            differs("GET", "/v1/shelves/s1/books/b1?name=zz", 400, 200, "Armeria answers book zz, not the path's; as above"),
            differs("DELETE", "/v1/shelves/s1/books/b1", JSON, "{\"force\":true}", 400, 200, "Armeria drops the body; \"If"
                    + " HttpRule.body is omitted, there is no HTTP request body\": a body there is the client's mistake"),
            differs("GET", "/v1/shelves/s1/books?nope=1", 400, 200, "deliberate: a query parameter naming no field is a 400"
                    + " naming it (issue #20's error table), where Armeria (and grpc-gateway) ignore it, so a misspelt filter"
                    + " silently filters nothing; the spec has no word on it (switchboard.json.ignore-unknown-fields ignores it too)"),
            differs("POST", "/v1/shelves/s1/books?bookId=7", JSON, "{\"title\":\"New\"}", 200, 200, "deliberate, as"
                    + " grpc-gateway: the JSON name (bookId) is accepted beside the proto name the spec gives (\"the parameter"
                    + " name is the field path in the request message\"); Armeria's default takes the proto name only and"
                    + " ignores bookId"),
            differs("GET", "/v1/shelves/s1:search?genre=2&genres=1&genres=FICTION", 200, 200, "Armeria drops enum values"
                    + " given by number; the proto3 JSON mapping, which the query values follow: \"Parsers accept both enum"
                    + " names and integer values\""),
            differs("GET", "/v1/shelves/s1:search?available=maybe", 400, 200, "Armeria reads a bool it cannot parse as"
                    + " false; a value its field cannot take is the client's mistake, as in a path variable"),
            differs("POST", "/v1/shelves/s1/books", JSON, "{\"unknownField\":1}", 400, 200, "deliberate, the proto3 JSON"
                    + " mapping's default: \"Proto3 JSON parser should reject unknown fields by default but may provide an option"
                    + " to ignore unknown fields\" (switchboard.json.ignore-unknown-fields); Armeria ignores them"),
            differs("POST", "/v1/shelves/s1/books", "text/plain", "hi", 415, 400, "both refuse; 415 is HTTP's status for"
                    + " a content type the resource does not take (RFC 9110, 15.5.16)"),
            differs("PUT", "/v1/shelves/s1/books/b1/cover?overwrite=true", "image/jpeg", "JPEG", 200, 400, "Armeria takes an"
                    + " HttpBody only as the whole request; google/api/httpbody.proto: \"It can be used as a top-level request"
                    + " field, which is convenient if one wants to extract parameters from either the URL or HTTP template into"
                    + " the request fields and also want access to the raw HTTP body\""),
            differs("GET", "/v1/shelves/s1/books:watch?page_size=2", 200, 404, "Armeria transcodes unary methods only;"
                    + " Switchboard streams (NDJSON here, docs/http-rules.md), which the spec leaves to the implementation"),
            differs("POST", "/v1/shelves/s1/books:batchCreate?book_id=batch", "application/x-ndjson", "{\"title\":\"a\"}\n",
                    200, 404, "Armeria transcodes unary methods only; Switchboard takes a client stream as NDJSON"),
            differs("GET", "/v1/books/a%2Fb/c", 400, 200, "Armeria decodes %2F in a multi-segment variable (name a/b/c),"
                    + " against \"The server side does the reverse decoding, except %2F and %2f are left unchanged\"; Jetty"
                    + " refuses %2F before Switchboard sees it (on WildFly Switchboard answers name a%2Fb/c, HttpRulesIT)"));

    private static ArmeriaYardstick armeria;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", LibraryServiceImpl.class, LibraryGateway.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startArmeria() throws Exception {
        armeria = ArmeriaYardstick.serve(LibraryServiceImpl.class);
    }

    @AfterAll
    static void stopArmeria() throws Exception {
        if (armeria != null) {
            armeria.close();
        }
    }

    @Test
    void bothAnswerAlikeButWhereTheTableSaysWhy() throws Exception {
        List<String> unexpected = new ArrayList<>();
        for (Case c : CASES) {
            Answer ours = send(endpoints.http(c.path()), c);
            Answer theirs = send(armeria.uri(c.path()), c);
            String mismatch = c.difference() == null ? ours.unlike(theirs) : c.difference().unmetBy(ours, theirs);
            if (mismatch != null) {
                unexpected.add(c + ": " + mismatch + "\n    Switchboard: " + ours + "\n    Armeria:     " + theirs);
            }
        }
        assertThat(unexpected).as("requests answered otherwise than the table says").isEmpty();
    }

    private Answer send(URI uri, Case c) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).method(c.method(),
                c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
    }

    private static Case alike(String method, String path) {
        return new Case(method, path, null, null, null);
    }

    private static Case alike(String method, String path, String contentType, String body) {
        return new Case(method, path, contentType, body, null);
    }

    private static Case differs(String method, String path, int switchboard, int armeria, String why) {
        return differs(method, path, null, null, switchboard, armeria, why);
    }

    private static Case differs(String method, String path, String contentType, String body, int switchboard, int armeria, String why) {
        return new Case(method, path, contentType, body, new Difference(switchboard, armeria, why));
    }

    private record Case(String method, String path, String contentType, String body, Difference difference) {

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + contentType + " " + body.replace("\n", "\\n"));
        }
    }

    /** How the two answer a request differently (their statuses), and why Switchboard's answer is the right one. */
    private record Difference(int switchboard, int armeria, String why) {

        /** What does not hold of the two answers, or null. */
        String unmetBy(Answer ours, Answer theirs) {
            if (ours.status() != switchboard || theirs.status() != armeria) {
                return "expected Switchboard " + switchboard + " and Armeria " + armeria + " (" + why + ")";
            }
            if (switchboard == armeria && ours.unlike(theirs) == null) {
                return "now answered alike: the difference (" + why + ") has gone; make it an alike case";
            }
            return null;
        }
    }

    private record Answer(int status, String contentType, byte[] body) {

        /** How {@code other} differs from this answer, or null: by status, then for a success by body. */
        String unlike(Answer other) {
            if (status != other.status) {
                return "statuses differ";
            }
            if (status >= 300) {
                return null; // error bodies differ in shape: the status is what they share
            }
            if (isJson() && other.isJson()) {
                return JsonParser.parseString(text()).equals(JsonParser.parseString(other.text())) ? null : "JSON bodies differ";
            }
            return mediaType().equals(other.mediaType()) && Arrays.equals(body, other.body) ? null : "bodies differ";
        }

        private boolean isJson() {
            return mediaType().equals(JSON);
        }

        private String mediaType() {
            return contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        }

        private String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length > 300 ? text().substring(0, 300) + "…" : text());
        }
    }
}
