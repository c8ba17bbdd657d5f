package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.it.support.RawHttp1;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * Hostile requests to every kind of route Switchboard serves — unary and streaming gRPC on both transports (one WAR
 * each: {@code switchboard}, the default, at the root; {@code grpc-servlet} under /servlet), JSON unary, NDJSON, SSE
 * and Connect streaming, GET with a query, Connect's GET form, unknown methods under a gateway, health, metrics —
 * each answered at once in its protocol: a gRPC status (the expected one, where there is one) or Switchboard's JSON
 * error body, never an HTML page, never a stack trace in the body, the headers or grpc-message. Afterwards normal
 * calls still succeed. Raw clients (a raw HTTP/2 client, the JDK's HTTP client) send what gRPC clients would refuse to.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    private static final Pattern LEAK = Pattern.compile("at java\\.|Exception|<html|\\.java:", Pattern.CASE_INSENSITIVE);
    private static final String SERVICE = "/switchboard.test.v1.EchoService/";
    /** Unary, server streaming, client streaming, bidi. */
    private static final List<String> METHODS = List.of("Echo", "Count", "Collect", "Chat");
    /** The two WARs: unary gRPC on Switchboard's transport, and on grpc-servlet's. */
    private static final List<String> CONTEXTS = List.of("", "/servlet");
    private static final int INTERNAL = 13;
    private static final int UNIMPLEMENTED = 12;
    private static final int RESOURCE_EXHAUSTED = 8;

    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class);
    }

    @Deployment(name = "servlet", testable = false)
    static WebArchive servlet() {
        return TestWars.war("servlet.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.GRPC_TRANSPORT, "grpc-servlet"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    @OperateOnDeployment("root")
    void malformedGrpcHeadersGetAGrpcStatusAtOnceOnEveryMethodAndTransport() throws Exception {
        // A connection per request: Undertow (WildFly) closes a connection on which it has ended streams before their
        // request bodies were read (as these answers do), at a count that varies from run to run; that is the
        // container's guard, not what this test is about.
        for (String context : CONTEXTS) {
            for (String method : METHODS) {
                String path = context + SERVICE + method;
                for (String timeout : List.of("abc", "1Z", "123456789", "", "1000000000S", "-S")) {
                    assertGrpc(exchange("POST", path, RawH2.grpcHeaders("grpc-timeout", timeout), RawH2.echoMessage()), INTERNAL,
                            path + " grpc-timeout '" + timeout + "'");
                }
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders("trace-bin", "!!not base64!!"), RawH2.echoMessage()), INTERNAL, path + " bad -bin");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders("grpc-encoding", "snappy-x"), RawH2.frame(true, new byte[] {1, 2})),
                        UNIMPLEMENTED, path + " unknown grpc-encoding");
                assertGrpc(exchange("GET", path, RawH2.grpcHeaders(), null), UNIMPLEMENTED, path + " GET");
                // gRPC-Web with protobuf is served (GrpcWebIT, GrpcWebHostileInputIT); with other messages it is not.
                for (String type : List.of("application/grpc-web+json", "application/grpc-web-text+thrift", "text/plain; x=application/grpc",
                        "application/grpcx")) {
                    assertGrpc(exchange("POST", path, RawH2.headers("content-type", type, "te", "trailers"), RawH2.echoMessage()),
                            INTERNAL, path + " content type " + type);
                }
            }
            for (String unknown : List.of(SERVICE + "Nope", "/no.Such/Method", "/", "/x")) {
                assertGrpc(exchange("POST", context + unknown, RawH2.grpcHeaders(), RawH2.echoMessage()), UNIMPLEMENTED, context + unknown);
            }
        }
        assertStillServing();
    }

    @Test
    @OperateOnDeployment("root")
    void malformedGrpcBodiesGetAGrpcStatusOnEveryMethodAndTransport() throws Exception {
        byte[] bomb = gzip(EchoRequest.newBuilder().setText("a".repeat(16 * 1024 * 1024)).build().toByteArray());
        byte[] validThenTruncated = concat(RawH2.echoMessage(), new byte[] {0, 0, 0, 0, 100, 1, 2});
        // A connection per request, as above.
        for (String context : CONTEXTS) {
            for (String method : METHODS) {
                String path = context + SERVICE + method;
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders("grpc-encoding", "gzip"), RawH2.frame(true, bomb)),
                        RESOURCE_EXHAUSTED, path + " gzip bomb");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders("grpc-encoding", "gzip"), RawH2.frame(true, new byte[] {1, 2, 3})),
                        -1, path + " corrupt gzip");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), RawH2.frame(false, new byte[] {(byte) 0xff, (byte) 0xff, 1})),
                        INTERNAL, path + " not protobuf");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), RawH2.frame(true, new byte[] {10, 1, 'x'})), INTERNAL,
                        path + " compressed flag without grpc-encoding");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), new byte[] {0, 0, 0, 0, 100, 1, 2}), -1, path + " truncated frame");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), validThenTruncated), -1, path + " a message, then a truncated one");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                        RESOURCE_EXHAUSTED, path + " frame declaring 2 GB");
                assertGrpc(exchange("POST", path, RawH2.grpcHeaders(), new byte[] {7, 0, 0, 0, 0}), -1, path + " unknown frame flag");
            }
        }
        assertStillServing();
    }

    @Test
    @OperateOnDeployment("root")
    void malformedJsonRequestsGetTheJsonErrorBody() throws Exception {
        HttpClient http = Clients.http(endpoints);
        List<HttpRequest.Builder> requests = new ArrayList<>();
        String shortRoute = "/grpc/echoservice/";
        String canonical = "/grpc/switchboard.test.v1.EchoService/";
        for (String path : List.of(shortRoute + "echo", shortRoute + "count", canonical + "Echo")) {
            for (String[] header : List.of(new String[] {"Connect-Timeout-Ms", "abc"}, new String[] {"Connect-Timeout-Ms", "-1"},
                    new String[] {"Connect-Timeout-Ms", "99999999999"}, new String[] {"grpc-timeout", "1Z"},
                    new String[] {"trace-bin", "!!not base64!!"})) {
                requests.add(post(path, "application/json", "{}").header(header[0], header[1]));
            }
            for (String type : List.of("text/html", "application/xml", "application/json; charset=klingon", "multipart/form-data")) {
                requests.add(post(path, type, "{}"));
            }
        }
        requests.add(post(shortRoute + "count", "application/json", "{}").header("Accept", "text/event-stream").header("Connect-Timeout-Ms", "x"));
        requests.add(post(canonical + "Count", "application/connect+json", "{}").header("Connect-Timeout-Ms", "x"));
        requests.add(post(canonical + "Count", "application/connect+json", "{}"));
        requests.add(post(canonical + "Count", "application/connect+json", "\u0000\u0000\u0000\u0000\u0064{}"));
        requests.add(post(canonical + "Count", "application/connect+bogus", "{}"));
        for (String query : List.of("echo?number=many", "echo?nested.no=1", "count?upTo=x",
                "count?upTo=1&upTo=2")) {
            requests.add(get(shortRoute + query));
        }
        for (String query : List.of("encoding=json&message=%7Bbad", "encoding=proto&base64=1&message=!!!", "encoding=xml&message=x",
                "message=%7B%7D", "encoding=json", "encoding=json&message=%7B%7D&compression=snappy-x")) {
            requests.add(get(canonical + "Echo?connect=v1&" + query));
        }
        for (String unknown : List.of(shortRoute + "nope", "/grpc/nosuch/echo", canonical + "Nope", "/grpc/no.Such/Method", "/grpc/",
                "/post-only/otherservice/nope")) {
            requests.add(post(unknown, "application/json", "{}"));
            requests.add(get(unknown));
        }
        requests.add(HttpRequest.newBuilder(endpoints.http("/post-only/otherservice/echo")).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        requests.add(HttpRequest.newBuilder(endpoints.http(shortRoute + "echo")).method("PATCH", HttpRequest.BodyPublishers.ofString("x")));
        String previous = "none";
        for (HttpRequest.Builder request : requests) {
            HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new AssertionError(built.method() + " " + built.uri() + " " + built.headers().map() + " after " + previous, e);
            }
            String what = response.request().method() + " " + response.request().uri() + " " + response.request().headers().map();
            previous = what + " -> " + response.statusCode() + " " + response.headers().map();
            assertNoLeak(response, what);
            // Connect's streaming protocol answers 200 and puts the error in its end-of-stream message.
            boolean connectStream = response.headers().firstValue("content-type").orElse("").startsWith("application/connect+");
            assertThat(connectStream ? response.body().contains("\"error\"") : response.statusCode() >= 400)
                    .as(what + ": " + response.statusCode() + " " + response.body()).isTrue();
            assertThat(response.headers().firstValue("content-type")).as(what).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/"));
        }
        assertStillServing();
    }

    /**
     * An error answered to an HTTP/1.1 request whose body arrives after its head (as the JDK's client sends them, or
     * over a slow network) leaves the connection usable: either the answer waits for the body and the connection
     * serves the next request, or it comes before the body and says {@code Connection: close}. A server that answers
     * early without saying so, then closes because the body was left unread, fails the client's next request on
     * that connection ("header parser received no bytes"), now and then, depending on when the body arrived.
     */
    @Test
    @OperateOnDeployment("root")
    void errorAnswersToLateBodiesKeepHttp1ConnectionsUsable() throws Exception {
        List<String[]> requests = List.of(
                new String[] {"POST", "/grpc/echoservice/nope", "Content-Type: application/json"},
                new String[] {"POST", "/grpc/no.Such/Method", "Content-Type: application/json"},
                new String[] {"POST", "/grpc/", "Content-Type: application/json"},
                new String[] {"POST", "/grpc/echoservice/echo", "Content-Type: application/json; charset=klingon"},
                new String[] {"PUT", "/post-only/otherservice/echo", "Content-Type: application/json"},
                new String[] {"POST", "/post-only/otherservice/nope", "Content-Type: application/json"},
                new String[] {"POST", "/grpc/echoservice/echo", "Content-Type: text/html"},
                new String[] {"POST", "/grpc/echoservice/echo", "Content-Type: application/json", "Connect-Timeout-Ms: abc"},
                new String[] {"POST", "/grpc/echoservice/count", "Content-Type: application/json", "grpc-timeout: 1Z"},
                new String[] {"POST", "/switchboard.test.v1.EchoService/Count", "Content-Type: application/connect+json",
                        "Connect-Timeout-Ms: x"},
                new String[] {"POST", "/health", "Content-Type: application/json"},
                new String[] {"POST", "/metrics", "Content-Type: application/json"});
        List<String> wrong = new ArrayList<>();
        for (String[] request : requests) {
            String what = String.join(" ", request);
            try (RawHttp1 http = new RawHttp1(endpoints.host(), endpoints.httpPort())) {
                http.head(request[0], request[1], 2, java.util.Arrays.copyOfRange(request, 2, request.length));
                boolean early = http.answersWithin(300);
                if (!early) {
                    http.write("{}".getBytes(StandardCharsets.US_ASCII));
                }
                RawHttp1.Response answer = http.response();
                if (answer.status() < 400 && !answer.body().contains("\"error\"")
                        || !answer.headers().getOrDefault("content-type", "").startsWith("application/")) {
                    wrong.add(what + ": not an error in JSON: " + answer);
                } else if (early && !answer.closes()) {
                    wrong.add(what + ": answered before the body without Connection: close: " + answer);
                } else if (answer.closes()) {
                    if (!http.endsConnection()) {
                        wrong.add(what + ": Connection: close, but the connection stays open");
                    }
                } else {
                    http.head("GET", "/health", -1);
                    RawHttp1.Response next = http.response();
                    if (next.status() != 200) {
                        wrong.add(what + ": the next request on the connection got " + next);
                    }
                }
            } catch (java.io.IOException e) {
                wrong.add(what + ": " + e);
            }
        }
        assertThat(wrong).isEmpty();
        assertStillServing();
    }

    @Test
    @OperateOnDeployment("root")
    void healthAndMetricsAnswerOddRequestsWithoutHtml() throws Exception {
        HttpClient http = Clients.http(endpoints);
        List<HttpRequest.Builder> requests = new ArrayList<>();
        for (String path : List.of("/health", "/metrics")) {
            requests.add(get(path + "?service=" + "x".repeat(2000)));
            requests.add(post(path, "application/json", "{}"));
            requests.add(HttpRequest.newBuilder(endpoints.http(path)).DELETE());
            requests.add(get(path).header("Accept", "text/html"));
        }
        for (HttpRequest.Builder request : requests) {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertNoLeak(response, response.request().method() + " " + response.request().uri());
        }
        assertStillServing();
    }

    /** What the JDK's client refuses to send: malformed percent-encoding, raw angle brackets (over HTTP/2). */
    @Test
    @OperateOnDeployment("root")
    void malformedUrisAreAnsweredWithoutHtml() throws Exception {
        for (String path : List.of("/health?service=%ZZ", "/health?service=<script>", "/metrics?%", "/grpc/echoservice/echo?text=%ZZ",
                "/grpc/echoservice/echo?%=", "/grpc/echoservice/count?upTo=%", "/grpc/switchboard.test.v1.EchoService/Echo?connect=v1"
                + "&encoding=json&message=%7B%ZZ")) {
            // A connection each: Undertow (WildFly) refuses some of these at the HTTP/2 level and closes it.
            try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
                RawH2.Answer answer = h2.exchange("GET", path, RawH2.headers(), null);
                String what = "GET " + path + ": " + answer.everything();
                if (answer.headers() == null) {
                    assertThat(answer.reset()).as(what + ": no answer, so refused by the container's HTTP/2 layer").isNotEqualTo(-1);
                    continue;
                }
                assertThat(answer.headers().get("content-type")).as(what).isNotNull().doesNotContain("html");
                assertThat(answer.everything()).as(what).doesNotContainPattern(LEAK);
            }
        }
        assertStillServing();
    }

    private RawH2.Answer exchange(String method, String path, List<String> headers, byte[] body) throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            return h2.exchange(method, path, headers, body);
        }
    }

    /** A gRPC answer: a status other than OK (the given one, unless -1), no reset, and nothing leaked. */
    private static void assertGrpc(RawH2.Answer answer, int expected, String what) {
        assertThat(answer.reset()).as(what + ": reset or connection closed instead of a status; " + answer).isEqualTo(-1);
        assertThat(answer.headers()).as(what).isNotNull();
        String contentType = answer.headers().get("content-type");
        assertThat(contentType).as(what + ": " + answer.everything()).isNotNull().doesNotContain("html");
        assertThat(answer.everything()).as(what).doesNotContainPattern(LEAK);
        String status = answer.grpc("grpc-status");
        assertThat(status).as(what + ": " + answer.everything()).isNotNull().isNotEqualTo("0");
        if (expected >= 0) {
            assertThat(Integer.parseInt(status)).as(what + ": " + answer.grpc("grpc-message")).isEqualTo(expected);
        }
    }

    private static void assertNoLeak(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("content-type").orElse("")).as(what + ": " + response.body()).doesNotContain("html");
        assertThat(response.body()).as(what).doesNotContainPattern(LEAK);
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            assertThat(header.getKey() + ": " + header.getValue()).as(what).doesNotContainPattern(LEAK);
        }
    }

    /** A normal call on each transport (and JSON) still succeeds. */
    private void assertStillServing() throws Exception {
        try (RawH2 h2 = new RawH2(endpoints.host(), endpoints.httpPort())) {
            for (String context : CONTEXTS) {
                RawH2.Answer answer = h2.exchange("POST", context + SERVICE + "Echo", RawH2.grpcHeaders(), RawH2.echoMessage());
                assertThat(answer.grpc("grpc-status")).as("the server keeps serving " + context + ": " + answer).isEqualTo("0");
            }
        }
        HttpResponse<String> json = Clients.postJson(Clients.http(endpoints), endpoints.http("/grpc/echoservice/echo"), "{\"text\":\"ok\"}");
        assertThat(json.statusCode()).as("the server keeps serving JSON").isEqualTo(200);
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(endpoints.http(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(endpoints.http(pathAndQuery)).GET();
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
