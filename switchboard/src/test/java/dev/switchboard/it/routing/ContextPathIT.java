package dev.switchboard.it.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
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
 * The WAR at a context path other than "/" ({@code shop.war} is served at {@code /shop} by every container the
 * suite runs on): the JSON routes live under the context path, on every protocol; native gRPC cannot reach the WAR,
 * because gRPC clients send {@code /package.Service/Method} from the server root — what the startup warning and
 * README say (the dedicated gRPC port is the way out; see GrpcPortFeaturesIT).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContextPathIT {

    private static final String BASE = "/shop/api/grpc";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("shop.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                        TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.BASE_PATH, "/api/"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private HttpClient http;
    private HttpClient https;
    private ManagedChannel h2c;

    @BeforeEach
    void clients() {
        http = Clients.http(endpoints);
        https = Clients.https(endpoints);
        h2c = Clients.h2cChannelBuilder(endpoints).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(h2c);
    }

    @Test
    void jsonRoutesAreUnderTheContextPathOverHttp11AndHttp2() throws Exception {
        for (HttpClient client : List.of(http, https)) {
            for (String path : List.of(BASE + "/echoservice/echo", BASE + "/switchboard.test.v1.EchoService/Echo")) {
                java.net.URI uri = client == http ? endpoints.http(path) : endpoints.https(path);
                HttpResponse<String> response = Clients.postJson(client, uri, "{\"text\":\"shop\"}");
                assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
                assertThat(response.version()).isEqualTo(client == http ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
                assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString()).isEqualTo("shop");
            }
        }
    }

    @Test
    void unknownRouteUnderTheContextPathIsAJson404NamingIt() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(BASE + "/echoservice/nosuchmethod"), "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("detail").getAsString())
                .contains("/shop/api/grpc/echoservice/nosuchmethod");
    }

    @Test
    void theRootPathIsNotTheWars() throws Exception {
        // Without the context path the request is not the WAR's, whatever the container answers for it.
        HttpResponse<String> outside = Clients.postJson(http, endpoints.http("/api/grpc/echoservice/echo"), "{\"text\":\"shop\"}");
        assertThat(outside.statusCode()).isEqualTo(404);
        // And so a gRPC client, which always calls /package.Service/Method, does not reach the service.
        EchoRequest request = EchoRequest.newBuilder().setText("shop").build();
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(h2c).withDeadlineAfter(java.time.Duration.ofSeconds(10)).echo(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }
}
