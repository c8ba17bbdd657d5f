package dev.switchboard.it.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.Switchboard;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.SingletonGreeter;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.Color;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.FailRequest;
import dev.switchboard.test.v1.Nested;
import dev.switchboard.test.v1.OtherServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * One WAR, both protocols, one port each for plaintext and TLS: the same services answer gRPC (h2c and TLS) and
 * JSON (HTTP/1.1 and HTTP/2 over TLS), through the same interceptors, with the status table applied to JSON.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DualProtocolIT {

    private static final String BASE = "/api/v1/grpc";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                        SingletonGreeter.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.BASE_PATH, "/api/v1/"), "web.xml")
                .addAsWebResource(new StringAsset("static page"), "index.html");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel h2c;
    private ManagedChannel tls;
    private HttpClient http;

    @BeforeEach
    void clients() {
        h2c = Clients.h2cChannelBuilder(endpoints).build();
        tls = Clients.tlsChannelBuilder(endpoints).build();
        http = Clients.http(endpoints);
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(h2c);
        Clients.close(tls);
    }

    private static final EchoRequest REQUEST = EchoRequest.newBuilder().setText("hi").setNumber(7).addTags("a").addTags("b")
            .setNested(Nested.newBuilder().setLabel("n")).setBig(9007199254740993L).setColor(Color.GREEN).build();

    @Test
    void grpcOverH2cAndTls() {
        for (ManagedChannel channel : List.of(h2c, tls)) {
            EchoResponse response = EchoServiceGrpc.newBlockingStub(channel).echo(REQUEST);
            assertThat(response.getText()).isEqualTo("hi");
            assertThat(response.getBig()).isEqualTo(9007199254740993L);
            assertThat(response.getTagsList()).containsExactly("a", "b");
        }
    }

    @Test
    void aUnaryResponseLargerThanTheFlowControlWindowArrivesWhole() {
        // 1.5 MiB each way: more than one of the transport's frame buffers, and a write the container cannot take at once
        String text = "x".repeat(1536 * 1024);
        for (ManagedChannel channel : List.of(h2c, tls)) {
            EchoResponse response = EchoServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText(text).build());
            assertThat(response.getText()).isEqualTo(text);
        }
    }

    @Test
    void aUnaryCallPastItsDeadlineIsCancelledInServiceCodeAndTheServerKeepsServing() throws Exception {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(h2c);
        int before = cancellations(stub);
        long start = System.nanoTime();
        assertThatThrownBy(() -> stub.withDeadlineAfter(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                .sleep(SleepRequest.newBuilder().setMillis(10_000).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
        // the service's sleep loop sees its Context cancelled and counts it
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (cancellations(stub) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cancellations(stub)).isGreaterThan(before);
        assertThat(stub.echo(REQUEST).getText()).isEqualTo("hi");
    }

    @Test
    void aClientCancellingAUnaryCallReachesItsServiceCodeWhileItRuns() throws Exception {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(h2c);
        int before = cancellations(stub);
        // 20 s of sleep, checking Context.isCancelled(); on Jetty inline-first runs it on the container's thread
        int sleeps = Integer.parseInt(stub.stats(EchoRequest.getDefaultInstance()).getSeenOrThrow("sleeps"));
        com.google.common.util.concurrent.ListenableFuture<EchoResponse> sleeping = EchoServiceGrpc.newFutureStub(h2c)
                .sleep(SleepRequest.newBuilder().setMillis(20_000).build());
        // once the call runs in service code, not after a fixed wait that a busy machine can outlast
        long started = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (Integer.parseInt(stub.stats(EchoRequest.getDefaultInstance()).getSeenOrThrow("sleeps")) <= sleeps
                && System.nanoTime() < started) {
            Thread.sleep(20);
        }
        sleeping.cancel(true);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (cancellations(stub) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cancellations(stub)).as("cancellations seen by service code").isGreaterThan(before);
        assertThat(stub.echo(REQUEST).getText()).isEqualTo("hi");
    }

    @Test
    void aClientCancellingAServerStreamReachesItsServiceCodeWhileItRuns() throws Exception {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(h2c);
        // 2,000 messages 10 ms apart, checking isCancelled() before each: the cancel must reach it long before its end
        for (int round = 0; round < 3; round++) {
            int before = cancellations(stub);
            io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
            try {
                java.util.Iterator<EchoResponse> messages = call.call(() -> EchoServiceGrpc.newBlockingStub(h2c)
                        .count(dev.switchboard.test.v1.CountRequest.newBuilder().setUpTo(2000).setPauseMillis(10).build()));
                messages.next();
                messages.next();
            } finally {
                call.cancel(null);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (cancellations(stub) <= before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(cancellations(stub)).as("cancellations seen by the streaming service, round %s", round).isGreaterThan(before);
        }
        assertThat(stub.echo(REQUEST).getText()).isEqualTo("hi");
    }

    @Test
    void aGrpcCallWithAMalformedBinaryHeaderIsInternalAndTheServerKeepsServing() throws Exception {
        // grpc-java's clients cannot send one; a hand-made HTTP/2 request can
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(endpoints.https("/switchboard.test.v1.EchoService/Echo"))
                .header("Content-Type", "application/grpc").header("TE", "trailers").header("X-Data-Bin", "%%%")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0})).build();
        HttpResponse<byte[]> response = Clients.https(endpoints).send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        // as grpc-go and grpc-java's Netty server answer a malformed header (GrpcRequestCheck)
        assertThat(response.headers().firstValue("grpc-status")).hasValue(String.valueOf(Status.Code.INTERNAL.value()));
        assertThat(response.headers().firstValue("grpc-message")).hasValueSatisfying(m -> assertThat(m).contains("x-data-bin"));
        assertThat(EchoServiceGrpc.newBlockingStub(tls).echo(REQUEST).getText()).isEqualTo("hi");
    }

    private static int cancellations(EchoServiceGrpc.EchoServiceBlockingStub stub) {
        return Integer.parseInt(stub.stats(EchoRequest.getDefaultInstance()).getSeenOrThrow("cancellations"));
    }

    @Test
    void jsonAtTheCanonicalAndTheShortRoute() throws Exception {
        String json = "{\"text\":\"hi\",\"number\":7,\"tags\":[\"a\",\"b\"],\"nested\":{\"label\":\"n\"},"
                + "\"big\":\"9007199254740993\",\"color\":\"GREEN\"}";
        for (String path : List.of(BASE + "/switchboard.test.v1.EchoService/Echo", BASE + "/echoservice/echo",
                BASE + "/EchoService/Echo")) {
            HttpResponse<String> response = Clients.postJson(http, endpoints.http(path), json);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
            JsonObject expected = JsonParser.parseString(json).getAsJsonObject();
            expected.addProperty("echoText", "hi");
            assertThat(JsonParser.parseString(response.body())).isEqualTo(expected);
        }
    }

    @Test
    void jsonOverHttp2WithTls() throws Exception {
        HttpResponse<String> response = Clients.postJson(Clients.https(endpoints),
                endpoints.https(BASE + "/other/echo"), "{\"text\":\"tls\"}");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"text\":\"other: tls\"}");
    }

    @Test
    void originalProtoFieldNamesAreAcceptedToo() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(BASE + "/echoservice/echo"), "{\"text\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void bothProtocolsPassTheSameInterceptorsAndContext() throws Exception {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-test", Metadata.ASCII_STRING_MARSHALLER), "grpc");
        EchoResponse viaGrpc = EchoServiceGrpc.newBlockingStub(h2c)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).echo(REQUEST);
        assertThat(viaGrpc.getSeenMap()).containsEntry("x-test", "interceptor saw grpc");

        HttpResponse<String> viaJson = http.send(java.net.http.HttpRequest.newBuilder(endpoints.http(BASE + "/echoservice/echo"))
                .header("Content-Type", "application/json").header("X-Test", "json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JsonParser.parseString(viaJson.body()).getAsJsonObject().getAsJsonObject("seen").get("x-test").getAsString())
                .isEqualTo("interceptor saw json");
    }

    @Test
    void everyStatusCodeMapsToItsHttpStatusWithTheSameDetailOnBothProtocols() throws Exception {
        Map<Status.Code, Integer> table = Map.ofEntries(Map.entry(Status.Code.CANCELLED, 499), Map.entry(Status.Code.UNKNOWN, 500),
                Map.entry(Status.Code.INVALID_ARGUMENT, 400), Map.entry(Status.Code.DEADLINE_EXCEEDED, 504),
                Map.entry(Status.Code.NOT_FOUND, 404), Map.entry(Status.Code.ALREADY_EXISTS, 409),
                Map.entry(Status.Code.PERMISSION_DENIED, 403), Map.entry(Status.Code.RESOURCE_EXHAUSTED, 429),
                Map.entry(Status.Code.FAILED_PRECONDITION, 400), Map.entry(Status.Code.ABORTED, 409),
                Map.entry(Status.Code.OUT_OF_RANGE, 400), Map.entry(Status.Code.UNIMPLEMENTED, 501),
                Map.entry(Status.Code.INTERNAL, 500), Map.entry(Status.Code.UNAVAILABLE, 503),
                Map.entry(Status.Code.DATA_LOSS, 500), Map.entry(Status.Code.UNAUTHENTICATED, 401));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Status.Code, Integer> row : table.entrySet()) {
            Status.Code code = row.getKey();
            String message = "because " + code;
            HttpResponse<String> json = Clients.postJson(http, endpoints.http(BASE + "/echoservice/fail"),
                    "{\"code\":" + code.value() + ",\"message\":\"" + message + "\"}");
            softly.assertThat(json.statusCode()).as(code + " over JSON").isEqualTo(row.getValue());
            JsonObject body = JsonParser.parseString(json.body()).getAsJsonObject();
            softly.assertThat(body.get("detail").getAsString()).as(code + " detail").isEqualTo(message);
            softly.assertThat(body.get("code").getAsString()).as(code + " code")
                    .isEqualTo(code == Status.Code.CANCELLED ? "canceled" : code.name().toLowerCase());

            softly.assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(h2c)
                    .fail(FailRequest.newBuilder().setCode(code.value()).setMessage(message).build()))
                    .as(code + " over gRPC")
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(code);
                        assertThat(e.getStatus().getDescription()).isEqualTo(message);
                    });
        }
        softly.assertAll();
    }

    @Test
    void unknownGrpcMethodsAndServicesAreUnimplemented() {
        assertThatThrownBy(() -> GreeterGrpc.newBlockingStub(h2c).sayHelloStream(HelloRequest.getDefaultInstance()).next())
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        // OtherService is deployed; a service the server does not know:
        assertThatThrownBy(() -> io.grpc.testing.integration.TestServiceGrpc.newBlockingStub(tls)
                .emptyCall(io.grpc.testing.integration.EmptyProtos.Empty.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void singletonAndApplicationScopedAndDependentBeansAreAllServed() {
        assertThat(GreeterGrpc.newBlockingStub(h2c).sayHello(HelloRequest.newBuilder().setName("GRPC").build()).getMessage())
                .isEqualTo("Hello, GRPC!");
        assertThat(OtherServiceGrpc.newBlockingStub(h2c).echo(EchoRequest.newBuilder().setText("x").build()).getText())
                .isEqualTo("other: x");
        assertThat(EchoServiceGrpc.newBlockingStub(h2c).echo(REQUEST).getText()).isEqualTo("hi");
    }

    @Test
    void serverStreamingOverGrpcAndNdjson() throws Exception {
        Iterator<EchoResponse> stream = EchoServiceGrpc.newBlockingStub(tls).count(CountRequest.newBuilder().setUpTo(5).build());
        List<Integer> numbers = new ArrayList<>();
        stream.forEachRemaining(r -> numbers.add(r.getNumber()));
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5);

        HttpResponse<String> json = Clients.postJson(http, endpoints.http(BASE + "/echoservice/count"), "{\"upTo\":3}");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("content-type")).get().asString().startsWith("application/x-ndjson");
        assertThat(json.body()).isEqualTo("{\"number\":1}\n{\"number\":2}\n{\"number\":3}\n");

        HttpResponse<String> failing = Clients.postJson(http, endpoints.http(BASE + "/echoservice/count"), "{\"upTo\":3,\"failAfter\":2}");
        assertThat(failing.body().split("\n")).hasSize(3);
        assertThat(failing.body()).endsWith("{\"error\":{\"code\":\"failed_precondition\",\"message\":\"failed after 2\",\"detail\":\"failed after 2\"}}\n");
    }

    @Test
    void gatewaysWithoutExposeHttpAndOtherPathsAreLeftToTheApplication() throws Exception {
        HttpResponse<String> hidden = Clients.send(http, "GET", endpoints.http("/api/v1/hidden/other/echo"), null, null);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.headers().firstValue("content-type").orElse("")).doesNotStartWith("application/json");

        HttpResponse<String> page = Clients.send(http, "GET", endpoints.http("/index.html"), null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("static page");
    }

    private static String jsonDetail(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        return JsonParser.parseString(response.body()).getAsJsonObject().get("detail").getAsString();
    }

}
