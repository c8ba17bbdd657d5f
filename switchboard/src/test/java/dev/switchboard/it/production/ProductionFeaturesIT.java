package dev.switchboard.it.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.rpc.BadRequest;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.production.CallOrder;
import dev.switchboard.it.services.production.CallScoped;
import dev.switchboard.it.services.production.FirstGlobalInterceptor;
import dev.switchboard.it.services.production.HealthToggleServlet;
import dev.switchboard.it.services.production.InterceptorLog;
import dev.switchboard.it.services.production.LocalInterceptor;
import dev.switchboard.it.services.production.NoSuchElementMapper;
import dev.switchboard.it.services.production.ProductionGateway;
import dev.switchboard.it.services.production.ReadinessServlet;
import dev.switchboard.it.services.production.ScopedGreeter;
import dev.switchboard.it.services.production.SecondGlobalInterceptor;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.RawHttp1;
import dev.switchboard.it.support.ReflectionChecks;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;

/**
 * Production features on both protocols: interceptors as CDI beans (global by priority, per service), exception
 * mappers (custom, Bean Validation, unmapped), one request scope per call (request-scoped service and dependency,
 * also in streaming), health (gRPC and JSON, flipped by the application), reflection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProductionFeaturesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", CallOrder.class, InterceptorLog.class, FirstGlobalInterceptor.class,
                SecondGlobalInterceptor.class, LocalInterceptor.class, CallScoped.class, ScopedGreeter.class,
                ScopedGreeter.Name.class, NoSuchElementMapper.class, ProductionGateway.class, HealthToggleServlet.class,
                ReadinessServlet.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel channel;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        channel = Clients.h2cChannelBuilder(endpoints).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(channel);
    }

    private String grpcHello(String name) {
        return GreeterGrpc.newBlockingStub(channel).sayHello(HelloRequest.newBuilder().setName(name).build()).getMessage();
    }

    private HttpResponse<String> jsonHello(String name) throws Exception {
        return Clients.postJson(http, endpoints.http("/grpc/scopedgreeter/sayhello"), "{\"name\":\"" + name + "\"}");
    }

    @Test
    void globalInterceptorsByPriorityThenTheServicesOwnOnBothProtocols() throws Exception {
        assertThat(grpcHello("grpc")).startsWith("order=first,second,local ");
        HttpResponse<String> json = jsonHello("json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(json.body()).getAsJsonObject().get("message").getAsString()).startsWith("order=first,second,local ");
    }

    @Test
    void aRequestScopedServiceAndItsDependenciesAreOnePerCall() throws Exception {
        Set<String> instances = new HashSet<>();
        Set<String> scoped = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String grpc = grpcHello("g" + i);
            String json = JsonParser.parseString(jsonHello("j" + i).body()).getAsJsonObject().get("message").getAsString();
            for (String message : List.of(grpc, json)) {
                instances.add(message.replaceAll(".* instance=(\\S+) .*", "$1"));
                scoped.add(message.replaceAll(".* scoped=(\\S+)$", "$1"));
            }
        }
        assertThat(scoped).hasSize(6);
        assertThat(instances).hasSizeGreaterThan(1);
        // within one streaming call, every callback sees the same request-scoped bean
        List<String> stream = new ArrayList<>();
        GreeterGrpc.newBlockingStub(channel).sayHelloStream(HelloRequest.newBuilder().setName("s").setCount(4).build())
                .forEachRemaining(r -> stream.add(r.getMessage()));
        assertThat(stream).hasSize(4);
        assertThat(new HashSet<>(stream)).hasSize(1).doesNotContainAnyElementsOf(scoped);
    }

    /**
     * With request-scoped beans, unary calls still run within the container's dispatch, on its thread, over both
     * protocols: Weld leaves its servlet request context off for them (WeldContextActivation), so the call's own can
     * be activated there. Before, they were handed to Switchboard's pools (threads named switchboard-*). Except gRPC on
     * the inline front (the embedded Jetty's, the distribution's module switchboard-front), where the container's thread
     * is the one that parsed the call and goes on parsing its connection's others: there every call's service code
     * runs on Switchboard's pool.
     */
    @Test
    void unaryCallsOfARequestScopedServiceRunOnTheContainersThread() throws Exception {
        // A call whose request body arrives after the dispatch starts on Switchboard's pool (bodies are never waited
        // for on the container's thread), which a loaded machine makes happen often (a CI run on WildFly: 4 of 10 JSON
        // calls): of ten calls per protocol, some must run on the container's thread — before, every one went to the
        // pool. How many is a matter of timing, not of the rule under test.
        for (String protocol : List.of("grpc", "json")) {
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String message = protocol.equals("grpc") ? grpcHello("thread")
                        : JsonParser.parseString(jsonHello("thread").body()).getAsJsonObject().get("message").getAsString();
                String thread = message.replaceAll(".* thread=\\[(.*)\\] .*", "$1");
                assertThat(thread).as(message).isNotEqualTo(message);
                threads.add(thread);
            }
            if (protocol.equals("grpc") && Servers.unaryGrpcOnTheParsingThread()) {
                assertThat(threads).as("gRPC calls off the parsing thread").allMatch(t -> t.startsWith("switchboard-call-"));
                continue;
            }
            assertThat(threads.stream().filter(t -> !t.startsWith("switchboard-")).count())
                    .as("%s calls on the container's thread: %s", protocol, threads).isPositive();
        }
    }

    /**
     * Service code sees the same naming environment on Switchboard's pool as on the container's thread: a JSON call
     * whose body arrives after its head is served on the pool (bodies are never waited for on the container's
     * thread), one whose body comes with the head inline. On WildFly the lookup in {@code java:module} must succeed;
     * on Jetty, which has no naming environment here, it fails alike on both.
     */
    @Test
    void serviceCodeOnThePoolSeesTheDeploymentsNamingContext() throws Exception {
        String inline = JsonParser.parseString(jsonHello("naming").body()).getAsJsonObject().get("message").getAsString();
        byte[] body = "{\"name\":\"naming\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String late;
        try (RawHttp1 http = new RawHttp1(endpoints.host(), endpoints.httpPort())) {
            http.head("POST", "/grpc/scopedgreeter/sayhello", body.length, "Content-Type: application/json");
            Thread.sleep(300);
            http.write(body);
            RawHttp1.Response answer = http.response();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            late = JsonParser.parseString(answer.body()).getAsJsonObject().get("message").getAsString();
        }
        assertThat(late).as("the late body's call ran on the pool").contains("thread=[switchboard-call-");
        assertThat(late.replaceAll(" thread=.*", "")).as(inline + " / " + late).isEqualTo(inline.replaceAll(" thread=.*", ""));
        if ("wildfly".equals(System.getProperty("switchboard.test.container"))) {
            assertThat(late).startsWith("naming=ROOT ");
        }
    }

    @Test
    void exceptionMappersOnBothProtocols() throws Exception {
        for (String name : List.of("missing", "missing-later")) {
            assertThatThrownBy(() -> grpcHello(name)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                assertThat(e.getStatus().getDescription()).startsWith("no such greeting");
            });
            HttpResponse<String> json = jsonHello(name);
            assertThat(json.statusCode()).as(name).isEqualTo(404);
            assertThat(json.body()).contains("no such greeting");
        }
    }

    @Test
    void beanValidationBecomesInvalidArgumentWithBadRequest() throws Exception {
        assertThatThrownBy(() -> grpcHello("x")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            com.google.rpc.Status rich = StatusProto.fromThrowable(e);
            try {
                BadRequest badRequest = rich.getDetails(0).unpack(BadRequest.class);
                assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("value");
                assertThat(badRequest.getFieldViolations(0).getDescription()).isEqualTo("must have at least 2 characters");
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        });
        HttpResponse<String> json = jsonHello("x");
        assertThat(json.statusCode()).isEqualTo(400);
        JsonObject detail = JsonParser.parseString(json.body()).getAsJsonObject().getAsJsonArray("details").get(0).getAsJsonObject();
        assertThat(detail.get("type").getAsString()).isEqualTo("google.rpc.BadRequest");
        assertThat(detail.getAsJsonObject("debug").toString()).contains("must have at least 2 characters");
    }

    @Test
    void unmappedExceptionsAreUnknownWithoutTheirMessage() throws Exception {
        assertThatThrownBy(() -> grpcHello("boom")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain("secret");
        });
        HttpResponse<String> json = jsonHello("boom");
        assertThat(json.statusCode()).isEqualTo(500);
        assertThat(json.body()).doesNotContain("secret");
    }

    @Test
    void healthOverGrpcAndJsonAndTheApplicationCanFlipIt() throws Exception {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("Greeter").build()).getStatus()).isEqualTo(ServingStatus.SERVING);
        HttpResponse<String> json = Clients.send(http, "GET", endpoints.http("/health"), null, null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"status\":\"SERVING\"}");
        assertThat(Clients.send(http, "GET", endpoints.http("/health?service=nope"), null, null).statusCode()).isEqualTo(404);

        assertThat(Clients.send(http, "GET", endpoints.http("/toggle?service=Greeter&status=NOT_SERVING"), null, null).body())
                .isEqualTo("NOT_SERVING");
        try {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("Greeter").build()).getStatus())
                    .isEqualTo(ServingStatus.NOT_SERVING);
            HttpResponse<String> down = Clients.send(http, "GET", endpoints.http("/health?service=Greeter"), null, null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"status\":\"NOT_SERVING\"}");
        } finally {
            Clients.send(http, "GET", endpoints.http("/toggle?service=Greeter&status=SERVING"), null, null);
        }
    }

    @Test
    void metricsPerMethodProtocolAndStatusAndAnAccessLog() throws Exception {
        java.util.List<String> access;
        String wildFlyHome = System.getProperty("switchboard.wildfly.home");
        if (wildFlyHome != null) {
            // a server in another JVM: its log configuration (arquillian-wildfly/.../configure.cli) writes the
            // logger dev.switchboard.access, at FINE, to this file, one message per line
            java.nio.file.Path file = java.nio.file.Path.of(wildFlyHome, "standalone", "log", "switchboard-access.log");
            long before = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
            grpcHello("metrics");
            jsonHello("metrics");
            jsonHello("missing");
            access = newLines(file, before, "Greeter/SayHello http NOT_FOUND ");
        } else if (System.getProperty("switchboard.jetty.log") != null) {
            // a standalone Jetty (profile jetty-standalone): its JVM logs dev.switchboard.access at FINE to its output
            // (the jetty-base's etc/switchboard-logging.properties), which the container copies to this file
            java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("switchboard.jetty.log"));
            long before = java.nio.file.Files.size(file);
            grpcHello("metrics");
            jsonHello("metrics");
            jsonHello("missing");
            String logger = "dev.switchboard.access: ";
            access = newLines(file, before, "Greeter/SayHello http NOT_FOUND ").stream().filter(line -> line.contains(logger))
                    .map(line -> line.substring(line.indexOf(logger) + logger.length())).toList();
        } else {
            access = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<String> lines = access;
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.switchboard.access");
            java.util.logging.Handler capture = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord record) {
                    lines.add(record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            java.util.logging.Level level = logger.getLevel();
            logger.setLevel(java.util.logging.Level.FINE);
            logger.addHandler(capture);
            try {
                grpcHello("metrics");
                jsonHello("metrics");
                jsonHello("missing");
            } finally {
                logger.removeHandler(capture);
                logger.setLevel(level);
            }
        }
        assertThat(access).anyMatch(line -> line.startsWith("Greeter/SayHello grpc OK "))
                .anyMatch(line -> line.startsWith("Greeter/SayHello http NOT_FOUND "));

        HttpResponse<String> metrics = Clients.send(http, "GET", endpoints.http("/metrics"), null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("grpc_server_calls_total\\{method=\"Greeter/SayHello\",protocol=\"grpc\",status=\"OK\"} [1-9]")
                .containsPattern("grpc_server_calls_total\\{method=\"Greeter/SayHello\",protocol=\"http\",status=\"NOT_FOUND\"} [1-9]")
                .contains("grpc_server_call_duration_seconds_bucket{method=\"Greeter/SayHello\",protocol=\"http\"")
                .containsPattern("grpc_server_messages_received_total\\{method=\"Greeter/SayHello\",protocol=\"grpc\"} [1-9]")
                .contains("grpc_server_calls_active{method=\"Greeter/SayHello\",protocol=\"grpc\"} 0");
    }

    /** The lines appended to {@code file} after {@code offset}, once one contains {@code last} (or after 10 s). */
    private static java.util.List<String> newLines(java.nio.file.Path file, long offset, String last) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            if (java.nio.file.Files.exists(file)) {
                try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
                    in.seek(Math.min(offset, in.length()));
                    byte[] appended = new byte[(int) (in.length() - in.getFilePointer())];
                    in.readFully(appended);
                    lines.addAll(new String(appended, java.nio.charset.StandardCharsets.UTF_8).lines().toList());
                }
            }
            if (lines.stream().anyMatch(line -> line.contains(last)) || System.nanoTime() > until) {
                return lines;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aMicroProfileHealthReadinessCheckReflectsGrpcHealth() throws Exception {
        HttpResponse<String> readiness = Clients.send(http, "GET", endpoints.http("/readiness"), null, null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).isEqualTo("switchboard-grpc UP {Greeter=SERVING}\n");
        String managementPort = System.getProperty("switchboard.wildfly.management-port");
        if (managementPort != null) {
            // and WildFly's own MicroProfile Health endpoint (the subsystem configure.cli adds) reports it
            HttpResponse<String> ready = Clients.send(http, "GET",
                    java.net.URI.create("http://" + endpoints.host() + ":" + managementPort + "/health/ready"), null, null);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            com.google.gson.JsonObject check = com.google.gson.JsonParser.parseString(ready.body()).getAsJsonObject()
                    .getAsJsonArray("checks").asList().stream().map(c -> c.getAsJsonObject())
                    .filter(c -> c.get("name").getAsString().equals("switchboard-grpc")).findFirst()
                    .orElseThrow(() -> new AssertionError("no switchboard-grpc check in " + ready.body()));
            assertThat(check.get("status").getAsString()).isEqualTo("UP");
            assertThat(check.getAsJsonObject("data").get("Greeter").getAsString()).isEqualTo("SERVING");
        }
    }

    @Test
    void reflectionListsAndDescribesTheServices() throws Exception {
        ReflectionChecks.listsAndDescribesTheGreeter(channel);
    }
}
