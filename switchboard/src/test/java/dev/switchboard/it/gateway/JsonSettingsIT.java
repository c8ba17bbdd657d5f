package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
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
import dev.switchboard.testing.jetty.JettyEndpoints;

/** Every JSON setting changed in web.xml, and the limits enforced at their configured values. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JsonSettingsIT {

    private static final String SEED = "/grpc/echoservice/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(
                        Switchboard.IGNORE_UNKNOWN_FIELDS, "true",
                        Switchboard.PROTO_FIELD_NAMES, "true",
                        Switchboard.INCLUDE_DEFAULT_VALUES, "true",
                        Switchboard.MAX_JSON_DEPTH, "3",
                        Switchboard.MAX_QUERY_PARAMETERS, "3",
                        Switchboard.MAX_REQUEST_BYTES, "2048",
                        Switchboard.REFLECTION, "false",
                        Switchboard.JSON_LENIENT, "true"), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stillHealthy() throws Exception {
        assertThat(Clients.postJson(http, endpoints.http(SEED + "echo"), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownFieldsAreIgnoredAndOutputUsesProtoNamesAndDefaults() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"text\":\"t\",\"unknown\":1}");
        assertThat(response.statusCode()).isEqualTo(200);
        var body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("echo_text").getAsString()).isEqualTo("t");
        assertThat(body.has("echoText")).isFalse();
        assertThat(body.get("number").getAsInt()).isZero();
        assertThat(body.getAsJsonArray("tags")).isEmpty();
        // input still takes both spellings
        assertThat(Clients.postJson(http, endpoints.http(SEED + "count"), "{\"up_to\":1}").body()).contains("\"number\":1");
        assertThat(Clients.postJson(http, endpoints.http(SEED + "count"), "{\"upTo\":1}").body()).contains("\"number\":1");
    }

    @Test
    void lenientJsonTakesJsonFormatsOwnForms() throws Exception {
        // A string field's value as a number (400 by default: JsonGatewayIT.valuesMustHaveTheirProto3JsonForm)
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"text\":42,\"color\":\"1\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        var body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("text").getAsString()).isEqualTo("42");
        assertThat(body.get("color").getAsString()).isEqualTo("RED");
    }

    @Test
    void reflectionCanBeTurnedOff() throws Exception {
        io.grpc.ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            java.util.concurrent.CompletableFuture<io.grpc.Status> outcome = new java.util.concurrent.CompletableFuture<>();
            var requests = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new io.grpc.stub.StreamObserver<>() {
                @Override
                public void onNext(io.grpc.reflection.v1.ServerReflectionResponse value) {
                    outcome.complete(io.grpc.Status.OK);
                }

                @Override
                public void onError(Throwable t) {
                    outcome.complete(io.grpc.Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                    outcome.complete(io.grpc.Status.OK);
                }
            });
            requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
            assertThat(outcome.get(10, java.util.concurrent.TimeUnit.SECONDS).getCode()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED);
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void limitsAtTheirConfiguredValues() throws Exception {
        HttpResponse<String> deep = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"nested\":{\"label\":[[[]]]}}");
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("deeper than 3");

        HttpResponse<String> params = Clients.send(http, "GET", endpoints.http(SEED + "echo?tags=a&tags=b&tags=c&tags=d"), null, null);
        assertThat(params.statusCode()).isEqualTo(400);
        assertThat(params.body()).contains("at most 3");

        HttpResponse<String> large = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"text\":\"" + "x".repeat(3000) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);

        HttpResponse<String> largeLine = Clients.send(http, "POST", endpoints.http(SEED + "collect"), "application/x-ndjson",
                ("{\"text\":\"a\"}\n{\"text\":\"" + "x".repeat(3000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(largeLine.statusCode()).isEqualTo(413);
        assertThat(largeLine.body()).contains("2048");
    }
}
