package dev.switchboard.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;

/**
 * Ravyn's "Testing Your Service" for its GrpcGateway example, one for one, against the example WAR exactly as the build packaged it
 * (target/switchboard-example.war, deployed as ROOT.war): its HTTP tests with a JDK HTTP client, its gRPC test with a
 * grpc-java channel, on the same port; and the same over TLS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GreeterIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ExampleWar.asRoot();
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(java.net.URI uri, String json, HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- HTTP Testing ---

    @Test
    void httpSuccessfulRequest() throws Exception {
        HttpResponse<String> response = post(endpoints.http("/grpc/greeterservice/sayhello"), "{\"name\": \"World\"}", client);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(response.body())).isEqualTo(JsonParser.parseString("{\"message\": \"Hello, World!\"}"));
    }

    @Test
    void httpErrorHandling() throws Exception {
        HttpResponse<String> response = post(endpoints.http("/grpc/greeterservice/sayhello"), "{\"name\": \"error\"}", client);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("detail").getAsString()).isEqualTo("Invalid request");
    }

    // --- gRPC Testing ---

    @Test
    void grpcOnTheSamePort() throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpPort(),
                InsecureChannelCredentials.create()).build();
        try {
            HelloReply response = GreeterGrpc.newBlockingStub(channel).sayHello(HelloRequest.newBuilder().setName("GRPC").build());
            assertThat(response.getMessage()).isEqualTo("Hello, GRPC!");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcServerStreaming() throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpPort(),
                InsecureChannelCredentials.create()).build();
        try {
            List<String> messages = new ArrayList<>();
            GreeterGrpc.newBlockingStub(channel).sayHelloStream(HelloRequest.newBuilder().setName("Stream").build())
                    .forEachRemaining(reply -> messages.add(reply.getMessage()));
            assertThat(messages).containsExactly("Hello, Stream! (1/3)", "Hello, Stream! (2/3)", "Hello, Stream! (3/3)");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // --- Secure gRPC (TLS): both protocols on the one TLS port ---

    @Test
    void bothProtocolsOverTls() throws Exception {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(
                new ByteArrayInputStream(endpoints.certificate().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpsPort(), tls.build()).build();
        try {
            assertThat(GreeterGrpc.newBlockingStub(channel).sayHello(HelloRequest.newBuilder().setName("TLS").build()).getMessage())
                    .isEqualTo("Hello, TLS!");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        HttpClient https = HttpClient.newBuilder().sslContext(endpoints.certificate().clientSslContext()).build();
        HttpResponse<String> response = post(endpoints.https("/grpc/greeterservice/sayhello"), "{\"name\": \"TLS\"}", https);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello, TLS!\"}");
    }
}
