package dev.switchboard.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.LibraryGateway;
import dev.switchboard.it.services.LibraryServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.telemetry.CallingService;
import dev.switchboard.it.services.telemetry.InMemoryOpenTelemetry;
import dev.switchboard.it.services.telemetry.OpenTelemetryProducer;
import dev.switchboard.it.services.telemetry.TelemetryServlet;
import dev.switchboard.it.services.telemetry.TracePropagation;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.GrpcWebWire;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/**
 * OpenTelemetry on every protocol, with the application's SDK (a CDI bean exporting to memory, read back through the
 * deployment's TelemetryServlet): each of native gRPC, gRPC-Web, Connect, a gateway JSON route and a
 * {@code google.api.http} rule yields gRFC A66's four instruments with their attributes and one SERVER span under the
 * caller's {@code traceparent}; an error, an exception and a passed deadline are recorded as such; a trace crosses
 * from Connect into native gRPC through the service's own instrumented channel; and a deployment without any
 * OpenTelemetry records nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryIT {

    private static final String ECHO = "switchboard.test.v1.EchoService";
    private static final String LIBRARY = "switchboard.test.v1.LibraryService";

    @Deployment(name = "traced", testable = false)
    static WebArchive traced() {
        return TestWars.withJarsOf(TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class,
                LibraryServiceImpl.class, LibraryGateway.class, CallingService.class,
                TracePropagation.class, InMemoryOpenTelemetry.class,
                OpenTelemetryProducer.class, TelemetryServlet.class), sdkClasses());
    }

    @Deployment(name = "off", testable = false)
    static WebArchive off() {
        // The same SDK and servlet, but no bean offers it: Switchboard finds no OpenTelemetry.
        return TestWars.withJarsOf(TestWars.war("off.war", EchoImpl.class, EchoService.class, SeenHeaders.class,
                InMemoryOpenTelemetry.class, TelemetryServlet.class), sdkClasses());
    }

    private static Class<?>[] sdkClasses() {
        return new Class<?>[] {OpenTelemetrySdk.class, CompletableResultCode.class, SdkTracerProvider.class,
                SdkMeterProvider.class, SdkLoggerProvider.class, InMemorySpanExporter.class};
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A fresh W3C trace context: its trace id, parent span id and traceparent header. */
    private record Parent(String traceId, String spanId) {
        static Parent random() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new Parent(String.format("%016x%016x", random.nextLong() | 1, random.nextLong()),
                    String.format("%016x", random.nextLong() | 1));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        /** A blocking stub sending this traceparent. */
        EchoServiceGrpc.EchoServiceBlockingStub stub(ManagedChannel channel) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent());
            return EchoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
    }

    @Test
    @OperateOnDeployment("traced")
    void nativeGrpc() throws Exception {
        Parent parent = Parent.random();
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            parent.stub(channel).withDeadlineAfter(20, TimeUnit.SECONDS).echo(EchoRequest.newBuilder().setText("traced").build());
        } finally {
            Clients.close(channel);
        }
        assertCall(parent, ECHO + "/Echo", "grpc", 0, "UNSET");
    }

    @Test
    @OperateOnDeployment("traced")
    void grpcWeb() throws Exception {
        Parent parent = Parent.random();
        GrpcWebWire.Reply reply = GrpcWebWire.http11(endpoints.http("/" + ECHO + "/Echo"), GrpcWebWire.BINARY,
                GrpcWebWire.body(EchoRequest.newBuilder().setText("traced").build(), false), "traceparent", parent.traceparent());
        assertThat(reply.status()).as(reply.toString()).isZero();
        assertCall(parent, ECHO + "/Echo", "grpc-web", 0, "UNSET");
    }

    @Test
    @OperateOnDeployment("traced")
    void connect() throws Exception {
        Parent parent = Parent.random();
        HttpResponse<String> response = post("/" + ECHO + "/Echo", "{\"text\":\"traced\"}", parent, "connect-protocol-version", "1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertCall(parent, ECHO + "/Echo", "connect", 0, "UNSET");
    }

    @Test
    @OperateOnDeployment("traced")
    void gatewayJsonRoute() throws Exception {
        Parent parent = Parent.random();
        HttpResponse<String> response = post("/grpc/" + LIBRARY + "/Ping", "{\"name\":\"x\"}", parent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertCall(parent, LIBRARY + "/Ping", "json", 0, "UNSET");
    }

    @Test
    @OperateOnDeployment("traced")
    void httpRuleRoute() throws Exception {
        Parent parent = Parent.random();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoints.http("/v1/shelves/s1/books/b1"))
                .timeout(Duration.ofSeconds(20)).header("traceparent", parent.traceparent()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertCall(parent, LIBRARY + "/GetBook", "rest", 0, "UNSET");
    }

    @Test
    @OperateOnDeployment("traced")
    void anErrorAndAnExceptionAreRecorded() throws Exception {
        Parent failed = Parent.random();
        HttpResponse<String> response = post("/" + ECHO + "/Fail", "{\"code\":13,\"message\":\"broken\"}", failed,
                "connect-protocol-version", "1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonObject span = assertCall(failed, ECHO + "/Fail", "connect", 13, "ERROR");
        assertThat(span.get("statusDescription").getAsString()).isEqualTo("broken");

        Parent crashed = Parent.random();
        HttpResponse<String> crash = post("/" + ECHO + "/Crash", "{\"text\":\"x\"}", crashed, "connect-protocol-version", "1");
        assertThat(crash.statusCode()).as(crash.body()).isEqualTo(500);
        JsonObject crashSpan = assertCall(crashed, ECHO + "/Crash", "connect", 2, "ERROR");
        assertThat(crashSpan.getAsJsonArray("events").toString()).contains("\"name\":\"exception\"")
                .contains("java.lang.IllegalStateException");
    }

    @Test
    @OperateOnDeployment("traced")
    void aPassedDeadlineIsRecorded() throws Exception {
        Parent parent = Parent.random();
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            // connected and warm first, so that the call reaches service code well within its deadline
            EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS).echo(EchoRequest.getDefaultInstance());
            assertThatThrownBy(() -> parent.stub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .sleep(SleepRequest.newBuilder().setMillis(10_000).build()))
                    .isInstanceOf(StatusRuntimeException.class);
        } finally {
            Clients.close(channel);
        }
        // The client gives up at its deadline and resets the stream, a moment before the server's own deadline (from
        // grpc-timeout, started later) passes: the server sees whichever comes first, and records what it saw.
        int code = only(spans(parent.traceId(), 1), ECHO + "/Sleep", "SERVER").getAsJsonObject("attributes")
                .get("rpc.grpc.status_code").getAsInt();
        assertThat(code).as("CANCELLED or DEADLINE_EXCEEDED").isIn(1, 4);
        JsonObject span = assertCall(parent, ECHO + "/Sleep", "grpc", code, code == 4 ? "ERROR" : "UNSET");
        assertThat(span.getAsJsonArray("events").toString()).contains(code == 4 ? "deadline exceeded" : "\"cancelled\"");
    }

    @Test
    @OperateOnDeployment("traced")
    void aTraceCrossesFromConnectIntoNativeGrpc() throws Exception {
        Parent parent = Parent.random();
        HttpResponse<String> response = post("/switchboard.test.v1.OtherService/Echo",
                "{\"text\":\"" + endpoints.host() + ":" + endpoints.httpPort() + "\"}", parent, "connect-protocol-version", "1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("A got: ");

        List<JsonObject> spans = spans(parent.traceId(), 3);
        JsonObject a = only(spans, "switchboard.test.v1.OtherService/Echo", "SERVER");
        JsonObject client = only(spans, ECHO + "/Echo", "CLIENT");
        JsonObject b = only(spans, ECHO + "/Echo", "SERVER");
        assertThat(a.get("parentSpanId").getAsString()).as("A's parent: the caller's").isEqualTo(parent.spanId());
        assertThat(a.getAsJsonObject("attributes").get("protocol").getAsString()).isEqualTo("connect");
        assertThat(client.get("parentSpanId").getAsString()).as("A's client span: under A's server span, current in service code")
                .isEqualTo(a.get("spanId").getAsString());
        assertThat(b.get("parentSpanId").getAsString()).as("B's parent: A's client span, from its traceparent")
                .isEqualTo(client.get("spanId").getAsString());
        assertThat(b.getAsJsonObject("attributes").get("protocol").getAsString()).isEqualTo("grpc");
    }

    @Test
    @OperateOnDeployment("off")
    void withoutOpenTelemetryNothingIsRecorded() throws Exception {
        Parent parent = Parent.random();
        HttpResponse<String> response = post("/off/" + ECHO + "/Echo", "{\"text\":\"untraced\"}", parent,
                "connect-protocol-version", "1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject exported = exported("/off/exported-telemetry");
        assertThat(exported.getAsJsonArray("spans")).as(exported.toString()).isEmpty();
        assertThat(exported.getAsJsonArray("metrics")).as(exported.toString()).isEmpty();
    }

    /** Asserts the call's one SERVER span and its A66 metrics; returns the span. */
    private JsonObject assertCall(Parent parent, String method, String protocol, int code, String spanStatus) throws Exception {
        JsonObject span = only(spans(parent.traceId(), 1), method, "SERVER");
        assertThat(span.get("scope").getAsString()).isEqualTo("dev.switchboard");
        assertThat(span.get("parentSpanId").getAsString()).isEqualTo(parent.spanId());
        assertThat(span.get("status").getAsString()).as(span.toString()).isEqualTo(spanStatus);
        JsonObject attributes = span.getAsJsonObject("attributes");
        int slash = method.indexOf('/');
        assertThat(attributes.get("rpc.system").getAsString()).isEqualTo("grpc");
        assertThat(attributes.get("rpc.service").getAsString()).isEqualTo(method.substring(0, slash));
        assertThat(attributes.get("rpc.method").getAsString()).isEqualTo(method.substring(slash + 1));
        assertThat(attributes.get("rpc.grpc.status_code").getAsInt()).as(span.toString()).isEqualTo(code);
        assertThat(attributes.get("protocol").getAsString()).isEqualTo(protocol);
        assertThat(attributes.has("network.peer.address")).as(span.toString()).isTrue();

        String status = io.grpc.Status.fromCodeValue(code).getCode().name();
        JsonObject exported = exported("/exported-telemetry");
        Map<String, String> started = Map.of("grpc.method", method, "protocol", protocol);
        Map<String, String> ended = Map.of("grpc.method", method, "protocol", protocol, "grpc.status", status);
        assertThat(point(exported, "grpc.server.call.started", "{call}", started).get("value").getAsLong()).isPositive();
        assertThat(point(exported, "grpc.server.call.duration", "s", ended).get("count").getAsLong()).isPositive();
        assertThat(point(exported, "grpc.server.call.sent_total_compressed_message_size", "By", ended).get("count").getAsLong())
                .isPositive();
        JsonObject received = point(exported, "grpc.server.call.rcvd_total_compressed_message_size", "By", ended);
        assertThat(received.get("count").getAsLong()).isPositive();
        assertThat(received.get("sum").getAsDouble()).as("request bytes of " + method).isPositive();
        return span;
    }

    private static JsonObject point(JsonObject exported, String name, String unit, Map<String, String> attributes) {
        for (JsonElement m : exported.getAsJsonArray("metrics")) {
            JsonObject metric = m.getAsJsonObject();
            if (!metric.get("name").getAsString().equals(name)) {
                continue;
            }
            assertThat(metric.get("unit").getAsString()).isEqualTo(unit);
            assertThat(metric.get("scope").getAsString()).isEqualTo("dev.switchboard");
            for (JsonElement p : metric.getAsJsonArray("points")) {
                JsonObject point = p.getAsJsonObject();
                JsonObject has = point.getAsJsonObject("attributes");
                if (has.size() == attributes.size() && attributes.entrySet().stream()
                        .allMatch(e -> has.has(e.getKey()) && has.get(e.getKey()).getAsString().equals(e.getValue()))) {
                    return point;
                }
            }
            throw new AssertionError("no point " + attributes + " in " + metric);
        }
        throw new AssertionError("no metric " + name + " in " + exported);
    }

    private static JsonObject only(List<JsonObject> spans, String name, String kind) {
        List<JsonObject> matching = spans.stream()
                .filter(s -> s.get("name").getAsString().equals(name) && s.get("kind").getAsString().equals(kind)).toList();
        assertThat(matching).as(name + " " + kind + " in " + spans).hasSize(1);
        return matching.get(0);
    }

    /**
     * The ended spans of a trace, waiting (at most 15 s) until there are {@code atLeast}: a cancelled call ends when
     * service code notices, at the latest when the test service's 10 s sleep is over.
     */
    private List<JsonObject> spans(String traceId, int atLeast) throws Exception {
        List<JsonObject> found = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            found.clear();
            for (JsonElement s : exported("/exported-telemetry").getAsJsonArray("spans")) {
                if (s.getAsJsonObject().get("traceId").getAsString().equals(traceId)) {
                    found.add(s.getAsJsonObject());
                }
            }
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trace " + traceId + ": " + found);
    }

    private JsonObject exported(String path) throws Exception {
        HttpResponse<String> response = Clients.send(http, "GET", endpoints.http(path), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private HttpResponse<String> post(String path, String json, Parent parent, String... headers) throws Exception {
        URI uri = endpoints.http(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("traceparent", parent.traceparent())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
