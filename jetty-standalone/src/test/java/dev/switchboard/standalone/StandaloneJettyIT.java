package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.google.gson.JsonParser;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;

/**
 * The example WAR on a standalone Jetty 12.1 distribution: the jetty-base the build made (http, http2c, ssl, https,
 * http2, ee10-deploy, ee10-annotations, weld), with this module's webapps directory (ROOT.war) in place of the base's,
 * started as its own process with {@code java -jar $JETTY_HOME/start.jar jetty.base=...} on free ports, called over gRPC (h2c and TLS, grpc-java)
 * and JSON (HTTP/1.1 and HTTP/2 over TLS, the JDK client), then stopped.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneJettyIT {

    private static final String HOST = "127.0.0.1";

    private static Process jetty;
    private static Path log;
    private static int httpPort;
    private static int httpsPort;
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void startJetty() throws Exception {
        Path home = Path.of(property("switchboard.jetty.home"));
        Path base = Path.of(property("switchboard.jetty.base"));
        certificate = SelfSignedCertificate.load(Path.of(property("switchboard.jetty.keystore")),
                property("switchboard.jetty.keystore.password").toCharArray(), "server");
        httpPort = freePort();
        httpsPort = freePort();
        log = Files.createTempFile("jetty-standalone-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base,
                "jetty.deploy.webappsDir=" + property("switchboard.jetty.webapps"),
                "jetty.http.port=" + httpPort, "jetty.ssl.port=" + httpsPort));
        jetty = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        awaitStarted(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (jetty == null) {
            return;
        }
        jetty.destroy(); // SIGTERM: Jetty's shutdown hook stops the server gracefully
        boolean stopped = jetty.waitFor(30, TimeUnit.SECONDS);
        if (!stopped) {
            jetty.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("--- standalone Jetty log (" + log + ") ---\n" + Files.readString(log));
        assertThat(stopped).as("Jetty stopped within 30 s of SIGTERM").isTrue();
        assertThat(portOpen(httpPort)).as("HTTP port closed after stop").isFalse();
    }

    @Test
    void grpcOverH2cAndTls() throws Exception {
        for (ManagedChannel channel : List.of(
                Grpc.newChannelBuilderForAddress(HOST, httpPort, InsecureChannelCredentials.create()).build(),
                Grpc.newChannelBuilderForAddress(HOST, httpsPort, tls()).build())) {
            try {
                GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
                assertThat(stub.sayHello(HelloRequest.newBuilder().setName("World").build()).getMessage()).isEqualTo("Hello, World!");
                List<String> stream = new ArrayList<>();
                stub.sayHelloStream(HelloRequest.newBuilder().setName("Stream").setCount(3).build())
                        .forEachRemaining((HelloReply reply) -> stream.add(reply.getMessage()));
                assertThat(stream).containsExactly("Hello, Stream! (1/3)", "Hello, Stream! (2/3)", "Hello, Stream! (3/3)");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void jsonOverHttp11AndHttp2WithTls() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> plain = post(http11, URI.create("http://" + HOST + ":" + httpPort + "/grpc/greeterservice/sayhello"),
                "{\"name\": \"World\"}");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(JsonParser.parseString(plain.body())).isEqualTo(JsonParser.parseString("{\"message\": \"Hello, World!\"}"));

        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(certificate.clientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> secure = post(h2, URI.create("https://" + HOST + ":" + httpsPort + "/grpc/greeterservice/sayhello"),
                "{\"name\": \"error\"}");
        assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(secure.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(secure.body()).getAsJsonObject().get("detail").getAsString()).isEqualTo("Invalid request");
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static ChannelCredentials tls() throws IOException {
        return TlsChannelCredentials.newBuilder()
                .trustManager(new ByteArrayInputStream(certificate.certificatePem().getBytes(StandardCharsets.US_ASCII))).build();
    }

    /** Both ports listening and the example answering: the WAR is deployed (or the log says why not). */
    private static void awaitStarted(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jetty.isAlive()) {
                throw new IllegalStateException("Jetty exited with " + jetty.exitValue() + ":\n" + Files.readString(log));
            }
            if (portOpen(httpPort) && portOpen(httpsPort)) {
                try {
                    HttpResponse<String> response = post(client,
                            URI.create("http://" + HOST + ":" + httpPort + "/grpc/greeterservice/sayhello"), "{}");
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not yet
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Jetty did not serve the example within " + timeout + ":\n" + Files.readString(log));
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run with mvn -Pjetty-standalone");
        }
        return value;
    }
}
