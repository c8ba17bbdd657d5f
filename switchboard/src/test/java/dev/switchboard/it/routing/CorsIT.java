package dev.switchboard.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.ProbeServlet;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * CORS on Switchboard's routes, as browsers use it: preflights to a JSON route, a served gRPC method's path and the
 * health endpoint answered for an allowed origin and refused for another; calls from another origin run only when it is
 * allowed (the echo service counts what ran), and then carry the headers a browser script needs; same-origin requests
 * and the application's own paths untouched; and nothing allowed cross-origin without configuration. Raw clients (a raw
 * HTTP/2 client, a socket for HTTP/1.1) send the {@code Origin} headers browsers send.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorsIT {

    private static final String ALLOWED = "https://app.example.test";
    private static final String OTHER = "https://elsewhere.example.test";
    private static final String METHOD = "/switchboard.test.v1.EchoService/";
    private static final String JSON = "/grpc/echoservice/";

    @Deployment(name = "cors", testable = false)
    static WebArchive cors() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                        TestGateways.class, ProbeServlet.class)
                .addAsWebInfResource(TestWars.webXml(
                        Switchboard.CORS_ALLOWED_ORIGINS, "http://localhost:5173, " + ALLOWED.toUpperCase() + ":443",
                        Switchboard.CORS_ALLOWED_HEADERS, "Authorization, x-echo-header",
                        Switchboard.CORS_MAX_AGE_SECONDS, "600"), "web.xml");
    }

    @Deployment(name = "defaults", testable = false)
    static WebArchive defaults() {
        return TestWars.war("defaults.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                TestGateways.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("cors")
    void preflightsFromAnAllowedOriginAreAnsweredOnEverySwitchboardPath() throws Exception {
        try (RawH2 h2 = h2()) {
            for (String path : List.of(JSON + "echo", METHOD + "Echo", METHOD + "Count", "/health")) {
                RawH2.Answer answer = h2.exchange("OPTIONS", path, preflight(ALLOWED), null);
                Map<String, String> headers = answer.headers();
                assertThat(headers).as(path).containsEntry(":status", "204")
                        .containsEntry("access-control-allow-origin", ALLOWED)
                        .containsEntry("access-control-allow-methods", "POST, GET")
                        .containsEntry("access-control-max-age", "600")
                        .doesNotContainKey("access-control-allow-credentials");
                assertThat(headers.get("vary")).as(path).containsIgnoringCase("origin");
                assertThat(headers.get("access-control-allow-headers").split(", ")).as(path)
                        .contains("content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "connect-protocol-version",
                                "connect-timeout-ms", "authorization", "x-echo-header");
            }
        }
        // Browsers preflight over HTTP/1.1 as much as over HTTP/2
        String http1 = http1("OPTIONS " + JSON + "echo", null, "Origin: http://localhost:5173", "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: content-type");
        assertThat(http1).startsWith("HTTP/1.1 204").containsIgnoringCase("access-control-allow-origin: http://localhost:5173");
    }

    @Test
    @OperateOnDeployment("cors")
    void preflightsFromAnotherOriginAreRefusedWithoutCorsHeaders() throws Exception {
        try (RawH2 h2 = h2()) {
            for (String origin : List.of(OTHER, "http://localhost:5174", "null", "https://app.example.test.evil.test")) {
                for (String path : List.of(JSON + "echo", METHOD + "Echo", "/health")) {
                    RawH2.Answer answer = h2.exchange("OPTIONS", path, preflight(origin), null);
                    assertThat(answer.headers()).as(origin + " " + path).containsEntry(":status", "403");
                    assertNoCors(answer, origin + " " + path);
                    assertThat(JsonParser.parseString(body(answer)).getAsJsonObject().get("code").getAsString())
                            .isEqualTo("permission_denied");
                }
            }
        }
        assertThat(http1("OPTIONS " + METHOD + "Echo", null, "Origin: " + OTHER, "Access-Control-Request-Method: POST"))
                .startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("access-control-");
    }

    @Test
    @OperateOnDeployment("cors")
    void aJsonCallFromAnAllowedOriginRunsAndExposesWhatAScriptReads() throws Exception {
        try (RawH2 h2 = h2()) {
            RawH2.Answer answer = h2.exchange("POST", JSON + "echo", RawH2.headers("content-type", "application/json",
                    "origin", ALLOWED, "x-echo-header", "e"), "{\"text\":\"from the browser\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(answer.headers()).containsEntry(":status", "200").containsEntry("access-control-allow-origin", ALLOWED)
                    .containsEntry("x-echoed", "e").containsEntry("trailer-x-trailer", "done e");
            assertThat(answer.headers().get("access-control-expose-headers").split(", "))
                    .contains("grpc-status", "grpc-message", "grpc-status-details-bin", "*");
            assertThat(body(answer)).contains("from the browser");

            RawH2.Answer health = h2.exchange("GET", "/health", RawH2.headers("origin", ALLOWED), null);
            assertThat(health.headers()).containsEntry(":status", "200").containsEntry("access-control-allow-origin", ALLOWED);
        }
    }

    @Test
    @OperateOnDeployment("cors")
    void aCallFromAnotherOriginIsRefusedBeforeItRuns() throws Exception {
        byte[] sleep = "{\"millis\":1}".getBytes(StandardCharsets.UTF_8);
        try (RawH2 h2 = h2()) {
            int before = sleeps(h2);
            RawH2.Answer json = h2.exchange("POST", JSON + "sleep", RawH2.headers("content-type", "application/json", "origin", OTHER), sleep);
            assertThat(json.headers()).containsEntry(":status", "403");
            assertNoCors(json, "JSON");
            assertThat(JsonParser.parseString(body(json)).getAsJsonObject().get("code").getAsString()).isEqualTo("permission_denied");

            RawH2.Answer grpc = h2.exchange("POST", METHOD + "Sleep", RawH2.grpcHeaders("origin", OTHER),
                    RawH2.frame(false, SleepRequest.newBuilder().setMillis(1).build().toByteArray()));
            assertThat(grpc.grpc("grpc-status")).as(grpc.toString()).isEqualTo("7");
            assertNoCors(grpc, "gRPC");
            // over HTTP/1.1 with a body too (left unread: the connection closes)
            assertThat(http1("POST " + JSON + "sleep", new String(sleep, StandardCharsets.US_ASCII), "Origin: " + OTHER,
                    "Content-Type: application/json"))
                    .startsWith("HTTP/1.1 403").contains("permission_denied").doesNotContainIgnoringCase("access-control-");
            assertThat(sleeps(h2)).as("no refused call ran").isEqualTo(before);

            // the same calls from the allowed origin do run: the count above can tell
            assertThat(h2.exchange("POST", JSON + "sleep", RawH2.headers("content-type", "application/json", "origin", ALLOWED), sleep)
                    .headers()).containsEntry(":status", "200");
            assertThat(sleeps(h2)).isEqualTo(before + 1);
        }
    }

    @Test
    @OperateOnDeployment("cors")
    void aGrpcCallFromAnAllowedOriginExposesTheStatusHeaders() throws Exception {
        try (RawH2 h2 = h2()) {
            RawH2.Answer answer = h2.exchange("POST", METHOD + "Echo", RawH2.grpcHeaders("origin", ALLOWED, "x-echo-header", "g"), RawH2.echoMessage());
            assertThat(answer.headers()).containsEntry("access-control-allow-origin", ALLOWED).containsEntry("x-echoed", "g");
            assertThat(answer.headers().get("access-control-expose-headers").split(", "))
                    .contains("grpc-status", "grpc-message", "grpc-status-details-bin");
            assertThat(answer.grpc("grpc-status")).isEqualTo("0");
            assertThat(answer.trailers()).containsEntry("x-trailer", "done g");
        }
    }

    /**
     * gRPC-Web (a content type of gRPC's) and Connect (on a served method's path, Connect's content types and its GET
     * form) are covered whatever serves them: another origin is refused before anything reads the request, an allowed
     * one gets its CORS headers whatever the answer.
     */
    @Test
    @OperateOnDeployment("cors")
    void gRpcWebAndConnectOnAMethodsPathAreCoveredToo() throws Exception {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        try (RawH2 h2 = h2()) {
            for (List<String> request : List.of(RawH2.headers("content-type", "application/grpc-web+proto", "x-grpc-web", "1"),
                    RawH2.headers("content-type", "application/grpc-web-text"),
                    RawH2.headers("content-type", "application/json", "connect-protocol-version", "1"),
                    RawH2.headers("content-type", "application/connect+proto"))) {
                String what = request.get(1);
                List<String> other = RawH2.headers("origin", OTHER);
                other.addAll(request);
                RawH2.Answer refused = h2.exchange("POST", METHOD + "Echo", other, empty);
                assertNoCors(refused, what);
                assertThat(refused.grpc("grpc-status") != null ? refused.grpc("grpc-status") : refused.headers().get(":status"))
                        .as(what).isIn("7", "403");
                if (what.startsWith("application/grpc-web")) {
                    // in gRPC-Web's own form, so that a browser client on an allowed origin could read it too
                    assertThat(refused.headers().get("content-type")).as(what)
                            .startsWith(what.contains("text") ? "application/grpc-web-text" : "application/grpc-web");
                    assertThat(refused.grpc("grpc-status")).as(what).isEqualTo("7");
                }
                List<String> allowed = RawH2.headers("origin", ALLOWED);
                allowed.addAll(request);
                assertThat(h2.exchange("POST", METHOD + "Echo", allowed, empty).headers())
                        .as(what).containsEntry("access-control-allow-origin", ALLOWED);
            }
            RawH2.Answer get = h2.exchange("GET", METHOD + "Echo?connect=v1&encoding=json&message=%7B%7D", RawH2.headers("origin", OTHER), null);
            assertThat(get.headers()).containsEntry(":status", "403");
            assertNoCors(get, "Connect's GET form");
        }
    }

    @Test
    @OperateOnDeployment("cors")
    void sameOriginRequestsAndTheApplicationsPathsAreUntouched() throws Exception {
        String own = "http://" + endpoints.host() + ":" + endpoints.httpPort();
        try (RawH2 h2 = h2()) {
            RawH2.Answer json = h2.exchange("POST", JSON + "echo", RawH2.headers("content-type", "application/json", "origin", own),
                    "{\"text\":\"same\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(json.headers()).containsEntry(":status", "200");
            assertNoCors(json, "same-origin JSON");
            RawH2.Answer grpc = h2.exchange("POST", METHOD + "Echo", RawH2.grpcHeaders("origin", own), RawH2.echoMessage());
            assertThat(grpc.grpc("grpc-status")).isEqualTo("0");
            assertNoCors(grpc, "same-origin gRPC");
            assertThat(h2.exchange("OPTIONS", JSON + "echo", preflight(own), null).headers().get(":status"))
                    .as("a same-origin OPTIONS is no preflight of Switchboard's").isNotEqualTo("204");

            // The application's servlet answers its own path, from any origin, preflight or not
            RawH2.Answer app = h2.exchange("GET", "/probe", RawH2.headers("origin", OTHER), null);
            assertThat(app.headers()).containsEntry(":status", "200");
            assertNoCors(app, "the application's GET");
            RawH2.Answer appPreflight = h2.exchange("OPTIONS", "/probe", preflight(OTHER), null);
            assertThat(appPreflight.headers().get(":status")).isNotEqualTo("403");
            assertNoCors(appPreflight, "the application's OPTIONS");
            // and so does the container for a path nobody serves (not a served method)
            assertNoCors(h2.exchange("OPTIONS", "/no.Such/Method", preflight(ALLOWED), null), "an unknown method's path");
        }
    }

    @Test
    @OperateOnDeployment("defaults")
    void withoutConfigurationNothingIsAllowedCrossOrigin() throws Exception {
        try (RawH2 h2 = h2()) {
            RawH2.Answer preflight = h2.exchange("OPTIONS", "/defaults" + JSON + "echo", preflight(ALLOWED), null);
            assertThat(preflight.headers()).containsEntry(":status", "403");
            assertNoCors(preflight, "preflight");
            RawH2.Answer call = h2.exchange("POST", "/defaults" + JSON + "echo", RawH2.headers("content-type", "application/json",
                    "origin", ALLOWED), "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(call.headers()).containsEntry(":status", "403");
            assertNoCors(call, "call");
            RawH2.Answer same = h2.exchange("POST", "/defaults" + JSON + "echo", RawH2.headers("content-type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(same.headers()).containsEntry(":status", "200");
        }
    }

    private RawH2 h2() throws InterruptedException {
        return new RawH2(endpoints.host(), endpoints.httpPort());
    }

    /** The echo service's count of Sleep calls that reached it, asked same-origin. */
    private static int sleeps(RawH2 h2) throws Exception {
        RawH2.Answer stats = h2.exchange("POST", JSON + "stats", RawH2.headers("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
        return JsonParser.parseString(body(stats)).getAsJsonObject().getAsJsonObject("seen").get("sleeps").getAsInt();
    }

    private static List<String> preflight(String origin) {
        return RawH2.headers("origin", origin, "access-control-request-method", "POST",
                "access-control-request-headers", "content-type,x-grpc-web");
    }

    private static String body(RawH2.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static void assertNoCors(RawH2.Answer answer, String what) {
        assertThat(answer.headers()).as(what).isNotNull();
        assertThat(answer.headers().keySet()).as(what).noneMatch(name -> name.startsWith("access-control-"));
    }

    /**
     * One HTTP/1.1 exchange on a socket of its own: {@code requestLine} like {@code OPTIONS /path}, {@code body} null for
     * none; the whole answer, read until the server closes the connection.
     */
    private String http1(String requestLine, String body, String... headers) throws Exception {
        try (Socket socket = new Socket(endpoints.host(), endpoints.httpPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: ").append(endpoints.host())
                    .append(':').append(endpoints.httpPort()).append("\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Length: ").append(body.length()).append("\r\n");
            }
            request.append("\r\n").append(body == null ? "" : body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; answer.size() < 1 << 20 && (n = in.read(buffer)) != -1;) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
