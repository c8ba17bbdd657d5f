package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.RawH2;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * JSON answers arrive whole and with their length over every protocol, alone and many at once on one connection:
 * HTTP/1.1 with keep-alive, h2c with prior knowledge, HTTP/2 over TLS. Small bodies and bodies larger than a
 * container's response buffer keeps, errors too. Behind Switchboard's Jetty front a small answer is left to the
 * request's completion, which gives it its Content-Length and may send it with other answers in one write; elsewhere
 * it is written with its length at once — either way the client must see the same.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JsonAnswerFramingIT {

    private static final String ECHO = "/switchboard.test.v1.EchoService/Echo";
    private static final String FAIL = "/switchboard.test.v1.EchoService/Fail";
    /** Echoed twice in the answer ({@code text}, {@code echoText}): an answer of about 20 KB. */
    private static final int LARGE_TEXT = 10_000;
    private static final int CALLS = 200;
    /** Fewer than any of the containers' limits of concurrent streams per connection (Jetty's: 128). */
    private static final int WAVE = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void overHttp11OneConnectionAnswersOneAfterAnother() throws Exception {
        HttpClient http = Clients.http(endpoints);
        for (int i = 0; i < 20; i++) {
            String text = i % 5 == 4 ? large(i) : "call " + i;
            HttpResponse<byte[]> response = http.send(echo(endpoints.http(ECHO), text), HttpResponse.BodyHandlers.ofByteArray());
            assertWhole(response.statusCode(), response.headers().firstValue("content-length").orElse(null), response.body(), text);
        }
        HttpResponse<byte[]> error = http.send(HttpRequest.newBuilder(endpoints.http(FAIL)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":5,\"message\":\"gone\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.headers().firstValue("content-length")).hasValue(String.valueOf(error.body().length));
        assertThat(JsonParser.parseString(new String(error.body(), StandardCharsets.UTF_8)).getAsJsonObject()
                .get("code").getAsString()).isEqualTo("not_found");
    }

    /** In waves of {@link #WAVE}: the JDK's client fails a request beyond the server's limit of concurrent streams. */
    @Test
    void overTlsManyAnswersAtOnceOnOneConnection() throws Exception {
        HttpClient https = Clients.https(endpoints);
        for (int wave = 0; wave < CALLS; wave += WAVE) {
            List<String> texts = new ArrayList<>();
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = wave; i < wave + WAVE; i++) {
                String text = i % 20 == 19 ? large(i) : "call " + i;
                texts.add(text);
                answers.add(https.sendAsync(echo(endpoints.https(ECHO), text), HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (int i = 0; i < WAVE; i++) {
                HttpResponse<byte[]> response = answers.get(i).get(30, TimeUnit.SECONDS);
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertWhole(response.statusCode(), response.headers().firstValue("content-length").orElse(null),
                        response.body(), texts.get(i));
            }
        }
    }

    @Test
    void overH2cManyAnswersAtOnceOnOneConnection() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (RawH2 h2c = new RawH2(endpoints.host(), endpoints.httpPort())) {
            List<String> texts = new ArrayList<>();
            List<Future<RawH2.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String text = i % 20 == 19 ? large(i) : "call " + i;
                texts.add(text);
                byte[] body = ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
                answers.add(clients.submit(() -> h2c.exchange("POST", ECHO, RawH2.headers("content-type", "application/json"), body)));
            }
            for (int i = 0; i < CALLS; i++) {
                RawH2.Answer answer = answers.get(i).get(30, TimeUnit.SECONDS);
                assertThat(answer.headers()).as("answer %d", i).isNotNull();
                assertWhole(Integer.parseInt(answer.headers().get(":status")), answer.headers().get("content-length"),
                        answer.body(), texts.get(i));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static HttpRequest echo(java.net.URI uri, String text) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build();
    }

    /** A text of {@link #LARGE_TEXT} characters that says which call it is. */
    private static String large(int call) {
        return (call + ":" + "x".repeat(LARGE_TEXT)).substring(0, LARGE_TEXT);
    }

    private static void assertWhole(int status, String contentLength, byte[] body, String text) {
        assertThat(status).as("status of an answer of %d bytes: %s", body.length,
                new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentLength).as("the answer's Content-Length").isEqualTo(String.valueOf(body.length));
        JsonObject json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.get("text").getAsString()).isEqualTo(text);
        assertThat(json.get("echoText").getAsString()).isEqualTo(text);
    }
}
