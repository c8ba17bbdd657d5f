package dev.switchboard.it.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

import dev.switchboard.Switchboard;
import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.it.services.production.CallOrder;
import dev.switchboard.it.services.production.CallScoped;
import dev.switchboard.it.services.production.FirstGlobalInterceptor;
import dev.switchboard.it.services.production.HealthToggleServlet;
import dev.switchboard.it.services.production.InterceptorLog;
import dev.switchboard.it.services.production.LocalInterceptor;
import dev.switchboard.it.services.production.NoSuchElementMapper;
import dev.switchboard.it.services.production.ScopedGreeter;
import dev.switchboard.it.services.production.SecondGlobalInterceptor;
import dev.switchboard.it.support.GrpcPortServlet;
import dev.switchboard.it.support.GrpcPorts;
import dev.switchboard.it.support.ReflectionChecks;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

/**
 * The production features over the dedicated gRPC port, from a WAR under a non-root context (which the container's
 * connector could not serve gRPC from), on every container: the same interceptor beans in the same order, exception
 * mappers, a request scope per call, health (flipped by the application), reflection and metrics.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcPortFeaturesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("shop.war", CallOrder.class, InterceptorLog.class, FirstGlobalInterceptor.class, SecondGlobalInterceptor.class,
                        LocalInterceptor.class, CallScoped.class, ScopedGreeter.class, ScopedGreeter.Name.class,
                        NoSuchElementMapper.class, HealthToggleServlet.class, GrpcPortServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.GRPC_PORT, "0"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel channel;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() throws Exception {
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", GrpcPorts.of(endpoints, "/shop"),
                InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String hello(String name) {
        return GreeterGrpc.newBlockingStub(channel).sayHello(HelloRequest.newBuilder().setName(name).build()).getMessage();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoints.http("/shop" + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void globalInterceptorsByPriorityThenTheServicesOwn() {
        assertThat(hello("port")).startsWith("order=first,second,local ");
    }

    /**
     * Calls on the dedicated port run on Switchboard's own threads, never the container's: service code there sees the
     * deployment's naming environment as on the container's threads (checked on WildFly; Jetty has no {@code java:module}).
     */
    @Test
    void serviceCodeSeesTheDeploymentsNamingContext() {
        String answer = hello("naming");
        assertThat(answer).contains("thread=[switchboard-grpc-call-");
        if ("wildfly".equals(System.getProperty("switchboard.test.container"))) {
            assertThat(answer).startsWith("naming=shop ");
        }
    }

    @Test
    void oneRequestScopePerCall() {
        Set<String> scoped = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            scoped.add(hello("p" + i).replaceAll(".* scoped=(\\S+)$", "$1"));
        }
        assertThat(scoped).hasSize(3);
        List<String> stream = new ArrayList<>();
        GreeterGrpc.newBlockingStub(channel).sayHelloStream(HelloRequest.newBuilder().setName("s").setCount(3).build())
                .forEachRemaining(r -> stream.add(r.getMessage()));
        assertThat(new HashSet<>(stream)).hasSize(1).doesNotContainAnyElementsOf(scoped);
    }

    @Test
    void exceptionMappersAndUnmappedExceptions() {
        assertThatThrownBy(() -> hello("missing")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).startsWith("no such greeting");
        });
        assertThatThrownBy(() -> hello("x")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> hello("boom")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            assertThat(String.valueOf(e.getStatus().getDescription())).doesNotContain("secret");
        });
    }

    @Test
    void healthIsTheSameRegistryTheApplicationFlips() throws Exception {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        HealthCheckRequest greeter = HealthCheckRequest.newBuilder().setService("Greeter").build();
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(greeter).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(get("/toggle?service=Greeter&status=NOT_SERVING")).isEqualTo("NOT_SERVING");
        try {
            assertThat(health.check(greeter).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        } finally {
            get("/toggle?service=Greeter&status=SERVING");
        }
    }

    @Test
    void reflectionListsTheServicesOfThePort() throws Exception {
        ReflectionChecks.listsAndDescribesTheGreeter(channel);
    }

    @Test
    void callsOnThePortAreCounted() throws Exception {
        hello("counted");
        assertThat(get("/metrics"))
                .containsPattern("grpc_server_calls_total\\{method=\"Greeter/SayHello\",protocol=\"grpc\",status=\"OK\"} [1-9]");
    }
}
