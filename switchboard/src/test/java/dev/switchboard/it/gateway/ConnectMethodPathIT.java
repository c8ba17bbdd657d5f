package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.AsyncCatchAllServlet;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.Envelope;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;

/**
 * Connect at every served method's own path, {@code /package.Service/Method}, with no gateway exposing anything: its
 * unary POST (JSON and binary) and GET forms, streams in envelopes, errors in Connect's JSON, health and reflection
 * (a bidi stream, over HTTP/2) and the metrics' {@code connect} label. Other requests at those paths stay native
 * gRPC's or the application's, and with {@link Switchboard#METHOD_PATH_CONNECT} {@code false} all of them are the
 * application's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectMethodPathIT {

    private static final String ECHO = "/switchboard.test.v1.EchoService/";

    @Deployment(name = "on", testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                AsyncCatchAllServlet.class);
    }

    @Deployment(name = "off", testable = false)
    static WebArchive off() {
        return TestWars.war("off.war", EchoImpl.class, EchoService.class, SeenHeaders.class, AsyncCatchAllServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.METHOD_PATH_CONNECT, "false"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @OperateOnDeployment("on")
    void unaryPostInJsonAndBinary() throws Exception {
        HttpResponse<String> json = post(ECHO + "Echo", "application/json", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(json.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(JsonParser.parseString(json.body()).getAsJsonObject().get("text").getAsString()).isEqualTo("hi");

        HttpResponse<byte[]> binary = http.send(request(ECHO + "Echo", "application/proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EchoRequest.newBuilder().setText("bin").build().toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("content-type")).hasValue("application/proto");
        assertThat(EchoResponse.parseFrom(binary.body()).getText()).isEqualTo("bin");

        HttpResponse<String> health = post("/grpc.health.v1.Health/Check", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(health.body()).isEqualTo("{\"status\":\"SERVING\"}");
    }

    @Test
    @OperateOnDeployment("on")
    void unaryGetInJsonAndBinary() throws Exception {
        HttpResponse<String> json = get(ECHO + "Echo?connect=v1&encoding=json&message="
                + URLEncoder.encode("{\"text\":\"got\"}", StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(JsonParser.parseString(json.body()).getAsJsonObject().get("text").getAsString()).isEqualTo("got");

        String message = Base64.getUrlEncoder().withoutPadding().encodeToString(EchoRequest.newBuilder().setText("b64").build().toByteArray());
        HttpResponse<byte[]> binary = http.send(request(ECHO + "Echo?connect=v1&encoding=proto&base64=1&message=" + message, null)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(EchoResponse.parseFrom(binary.body()).getText()).isEqualTo("b64");
    }

    @Test
    @OperateOnDeployment("on")
    void serverStreamInEnvelopes() throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(request(ECHO + "Count", "application/connect+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Envelope.json("{\"upTo\":2}"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/connect+json");
        List<Envelope> envelopes = Envelope.readAll(response.body());
        assertThat(envelopes).extracting(Envelope::flags).containsExactly(0, 0, 2);
        assertThat(envelopes.get(1).text()).isEqualTo("{\"number\":2}");
    }

    @Test
    @OperateOnDeployment("on")
    void errorsAreConnectErrorJson() throws Exception {
        HttpResponse<String> notFound = post(ECHO + "Fail", "application/json", "{\"code\":5,\"message\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(error(notFound).get("code").getAsString()).isEqualTo("not_found");
        assertThat(error(notFound).get("message").getAsString()).isEqualTo("nope");

        HttpResponse<String> badJson = post(ECHO + "Echo", "application/json", "{\"number\":\"abc\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(error(badJson).get("code").getAsString()).isEqualTo("invalid_argument");

        HttpResponse<String> crash = post(ECHO + "Crash", "application/json", "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(crash.statusCode()).isEqualTo(500);
        assertThat(error(crash).get("code").getAsString()).isEqualTo("unknown");
        assertThat(crash.body()).doesNotContain("secret");

        // A served service without that method: Connect's 404, not the application's page.
        HttpResponse<String> noMethod = post(ECHO + "NoSuchMethod", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(noMethod.statusCode()).isEqualTo(404);
        assertThat(error(noMethod).get("code").getAsString()).isEqualTo("not_found");
    }

    @Test
    @OperateOnDeployment("on")
    void reflectionAnswersOverConnectOnHttp2() throws Exception {
        HttpClient h2 = Clients.https(endpoints);
        byte[] body = Envelope.binary(ServerReflectionRequest.newBuilder().setListServices("").build(),
                ServerReflectionRequest.newBuilder().setFileContainingSymbol("switchboard.test.v1.EchoService").build());
        HttpResponse<java.io.InputStream> response = h2.send(HttpRequest.newBuilder(
                endpoints.https("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/connect+proto").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        List<Envelope> envelopes = Envelope.readAll(response.body());
        assertThat(envelopes).extracting(Envelope::flags).containsExactly(0, 0, 2);
        ServerReflectionResponse list = ServerReflectionResponse.parseFrom(envelopes.get(0).payload());
        assertThat(list.getListServicesResponse().getServiceList()).extracting(s -> s.getName())
                .contains("switchboard.test.v1.EchoService", "switchboard.test.v1.OtherService", "grpc.health.v1.Health",
                        "grpc.reflection.v1.ServerReflection");
        ServerReflectionResponse file = ServerReflectionResponse.parseFrom(envelopes.get(1).payload());
        assertThat(file.getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
    }

    @Test
    @OperateOnDeployment("on")
    void metricsLabelTheCallsConnect() throws Exception {
        assertThat(post(ECHO + "Echo", "application/json", "{\"text\":\"m\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.body()).containsPattern(
                "grpc_server_calls_total\\{method=\"switchboard.test.v1.EchoService/Echo\",protocol=\"connect\",status=\"OK\"} [1-9]");
    }

    @Test
    @OperateOnDeployment("on")
    void otherRequestsAtThePathStayGrpcOrTheApplications() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("g").build()).getText())
                    .isEqualTo("g");
        } finally {
            Clients.close(channel);
        }
        assertThat(post(ECHO + "Echo", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("app POST " + ECHO + "Echo");
        // NDJSON is the gateway's, not Connect's.
        assertThat(post(ECHO + "Echo", "application/x-ndjson", "{}".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("app POST " + ECHO + "Echo");
        assertThat(get(ECHO + "Echo?text=x").body()).isEqualTo("app GET " + ECHO + "Echo");
        // Not a served service: the application's, whatever the content type.
        assertThat(post("/no.Such/Method", "application/json", "{}".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("app POST /no.Such/Method");
    }

    @Test
    @OperateOnDeployment("off")
    void turnedOffTheMethodPathsAreTheApplications() throws Exception {
        assertThat(post("/off" + ECHO + "Echo", "application/json", "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("app POST /off" + ECHO + "Echo");
        assertThat(get("/off" + ECHO + "Echo?encoding=json&message=%7B%7D").body()).isEqualTo("app GET /off" + ECHO + "Echo");
    }

    private HttpRequest.Builder request(String path, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoints.http(path))
                .timeout(Duration.ofSeconds(20));
        return contentType == null ? builder : builder.header("Content-Type", contentType);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonObject error(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
