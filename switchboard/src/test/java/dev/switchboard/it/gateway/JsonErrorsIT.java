package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The gateway's errors of HTTP itself and of the request, each a JSON error body with the right HTTP status: 405 with
 * {@code Allow}, 404 under a gateway, 400 naming what is wrong with the JSON, 415, 413 from the Content-Length alone,
 * 500 without the exception's message, 501 for bidi over HTTP/1.1; an error answered before the body arrived leaves
 * the connection usable.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JsonErrorsIT {

    private static final String BASE = "/api/v1/grpc";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.BASE_PATH, "/api/v1/"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel h2c;
    private HttpClient http;

    @BeforeEach
    void clients() {
        h2c = Clients.h2cChannelBuilder(endpoints).build();
        http = Clients.http(endpoints);
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(h2c);
    }

    @Test
    void disallowedHttpMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = Clients.send(http, "GET", endpoints.http("/api/v1/post-only/other/echo"), null, null);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
        assertThat(jsonDetail(response)).contains("GET").contains("POST");

        HttpResponse<String> allowed = Clients.postJson(http, endpoints.http("/api/v1/post-only/other/echo"), "{\"text\":\"p\"}");
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteUnderAGatewayIsAJson404() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(BASE + "/echoservice/nosuchmethod"), "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(jsonDetail(response)).contains("/api/v1/grpc/echoservice/nosuchmethod");
        // A gateway only serves its own services.
        HttpResponse<String> notInGateway = Clients.postJson(http, endpoints.http("/api/v1/post-only/echoservice/echo"), "{}");
        assertThat(notInGateway.statusCode()).isEqualTo(404);
    }

    @Test
    void anErrorSentBeforeTheBodyArrivedKeepsTheConnectionUsable() throws Exception {
        // The 404 can be decided from the headers alone; the body comes later. The server must still read it (or say
        // "Connection: close"), else the client's next request on the connection is lost.
        try (java.net.Socket socket = new java.net.Socket(endpoints.host(), endpoints.httpPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            String path = BASE + "/echoservice/nosuchmethod";
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(("{}POST " + BASE + "/echoservice/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 13\r\n\r\n{\"text\":\"ok\"}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Responses as they come (a JSON body ends without a newline, so no line reading): until two status
            // lines, or the server closes the connection.
            java.io.InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            java.util.regex.Pattern status = java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3})");
            byte[] buffer = new byte[8192];
            List<String> codes = new ArrayList<>();
            for (int n = in.read(buffer); n > 0 && codes.size() < 2; n = codes.size() < 2 ? in.read(buffer) : -1) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                codes.clear();
                status.matcher(received).results().forEach(m -> codes.add(m.group(1)));
            }
            assertThat(codes).as(received.toString()).isNotEmpty();
            assertThat(codes.get(0)).isEqualTo("404");
            if (!received.toString().toLowerCase(java.util.Locale.ROOT).contains("connection: close")) {
                assertThat(codes).as("the second request on the connection is answered: " + received).containsExactly("404", "200");
            }
        }
    }

    @Test
    void malformedJsonIs400NamingTheProblem() throws Exception {
        HttpResponse<String> syntax = Clients.postJson(http, endpoints.http(BASE + "/echoservice/echo"), "{\"text\": ");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(jsonDetail(syntax)).startsWith("Invalid switchboard.test.v1.EchoRequest");

        HttpResponse<String> unknownField = Clients.postJson(http, endpoints.http(BASE + "/echoservice/echo"), "{\"nme\": \"x\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(jsonDetail(unknownField)).contains("nme");

        HttpResponse<String> wrongType = Clients.postJson(http, endpoints.http(BASE + "/echoservice/echo"), "{\"number\": \"abc\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(jsonDetail(wrongType)).contains("abc");

        byte[] badUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> utf8 = Clients.send(http, "POST", endpoints.http(BASE + "/echoservice/echo"), "application/json", badUtf8);
        assertThat(utf8.statusCode()).isEqualTo(400);
        assertThat(jsonDetail(utf8)).contains("UTF-8");
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1")) {
            HttpResponse<String> response = Clients.send(http, "POST", endpoints.http(BASE + "/echoservice/echo"), type,
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(jsonDetail(response)).contains("application/json");
        }
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        // The server answers from the Content-Length alone and closes the connection without reading the body. The
        // request goes out as headers only: a client still sending the body when that close comes gets a TCP reset,
        // which can discard the answer before the client reads it (an HTTP client then sees "no bytes", not 413).
        try (java.net.Socket socket = new java.net.Socket(endpoints.host(), endpoints.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + BASE + "/echoservice/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (Switchboard.DEFAULT_MAX_REQUEST_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(JsonParser.parseString(body).getAsJsonObject().get("detail").getAsString())
                    .contains(Integer.toString(Switchboard.DEFAULT_MAX_REQUEST_BYTES));
        }
    }

    @Test
    void anExceptionInServiceCodeIs500WithoutItsMessage() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(BASE + "/echoservice/crash"), "{\"text\":\"xyz\"}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret").doesNotContain("xyz").doesNotContain("IllegalStateException");
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("code").getAsString()).isEqualTo("unknown");

        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(h2c).crash(EchoRequest.newBuilder().setText("xyz").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain("secret");
                });
        // and the server keeps serving
        assertThat(Clients.postJson(http, endpoints.http(BASE + "/echoservice/echo"), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void bidiOverHttp1SaysWhyItNeedsHttp2() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(BASE + "/echoservice/chat"), "{}");
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(jsonDetail(response)).contains("HTTP/2");
    }

    private static String jsonDetail(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        return JsonParser.parseString(response.body()).getAsJsonObject().get("detail").getAsString();
    }
}
