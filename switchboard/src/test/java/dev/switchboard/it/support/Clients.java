package dev.switchboard.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;

/** Real clients for the container tests: grpc-java channels (h2c, TLS) and JDK HTTP clients (HTTP/1.1, TLS). */
public final class Clients {

    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private Clients() {
    }

    public static ManagedChannelBuilder<?> h2cChannelBuilder(JettyEndpoints endpoints) {
        return Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpPort(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES);
    }

    public static ManagedChannelBuilder<?> tlsChannelBuilder(JettyEndpoints endpoints) {
        return Grpc.newChannelBuilderForAddress(endpoints.host(), endpoints.httpsPort(), tls(endpoints))
                .maxInboundMessageSize(MAX_MESSAGE_BYTES);
    }

    private static ChannelCredentials tls(JettyEndpoints endpoints) {
        try {
            return TlsChannelCredentials.newBuilder()
                    .trustManager(new ByteArrayInputStream(endpoints.certificate().certificatePem().getBytes(StandardCharsets.US_ASCII)))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** HTTP/1.1 for http URIs; over https, ALPN picks HTTP/2. */
    public static HttpClient http(JettyEndpoints endpoints) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static HttpClient https(JettyEndpoints endpoints) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(endpoints.certificate().clientSslContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static HttpResponse<String> send(HttpClient client, String method, URI uri, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> postJson(HttpClient client, URI uri, String json) throws IOException, InterruptedException {
        return send(client, "POST", uri, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
