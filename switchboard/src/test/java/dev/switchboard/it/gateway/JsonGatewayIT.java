package dev.switchboard.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.rpc.BadRequest;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.Envelope;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * The JSON gateway as browsers, scripts and Connect clients use it: Connect unary (JSON and binary), GET from query
 * parameters and Connect's GET form, metadata both ways, deadlines and cancellation, server streaming as NDJSON, SSE
 * and Connect envelopes with flow control, client streaming, bidi over HTTP/2, and rich error details.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JsonGatewayIT {

    private static final String SEED = "/grpc/echoservice/";
    private static final String CANONICAL = "/grpc/switchboard.test.v1.EchoService/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                TestGateways.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stillHealthy() throws Exception {
        HttpResponse<String> ok = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"text\":\"ok\"}");
        assertThat(ok.statusCode()).as("the server keeps serving").isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.http(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private int stat(String name) throws Exception {
        return Integer.parseInt(json(Clients.postJson(http, endpoints.http(SEED + "stats"), "{}")).getAsJsonObject("seen")
                .get(name).getAsString());
    }

    private void awaitStat(String name, int above) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stat(name) <= above && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stat(name)).as(name).isGreaterThan(above);
    }

    // 1. One error body, with rich details

    @Test
    void richErrorDetailsAppearWithTypeValueAndDebug() throws Exception {
        HttpResponse<String> response = Clients.postJson(http, endpoints.http(SEED + "fail"), "{\"code\":3,\"message\":\"with details\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = json(response);
        assertThat(body.get("code").getAsString()).isEqualTo("invalid_argument");
        assertThat(body.get("detail").getAsString()).isEqualTo("with details");
        JsonArray details = body.getAsJsonArray("details");
        assertThat(details).hasSize(2);
        JsonObject badRequest = details.get(0).getAsJsonObject();
        assertThat(badRequest.get("type").getAsString()).isEqualTo("google.rpc.BadRequest");
        assertThat(BadRequest.parseFrom(Base64.getDecoder().decode(badRequest.get("value").getAsString()))
                .getFieldViolations(0).getField()).isEqualTo("text");
        assertThat(badRequest.getAsJsonObject("debug").getAsJsonArray("fieldViolations").get(0).getAsJsonObject()
                .get("description").getAsString()).isEqualTo("must not be empty");
        assertThat(details.get(1).getAsJsonObject().getAsJsonObject("debug").get("retryDelay").getAsString()).isEqualTo("3s");
    }

    // 2. Connect unary

    @Test
    void connectUnaryInJsonAndInBinary() throws Exception {
        HttpResponse<String> viaJson = post(CANONICAL + "Echo", "application/json", "{\"text\":\"c\"}".getBytes(StandardCharsets.UTF_8),
                "Connect-Protocol-Version", "1");
        assertThat(viaJson.statusCode()).isEqualTo(200);
        assertThat(json(viaJson).get("text").getAsString()).isEqualTo("c");

        byte[] request = EchoRequest.newBuilder().setText("binary").setNumber(5).build().toByteArray();
        HttpResponse<byte[]> viaProto = http.send(HttpRequest.newBuilder(endpoints.http(CANONICAL + "Echo"))
                .header("Content-Type", "application/proto").header("Connect-Protocol-Version", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaProto.statusCode()).isEqualTo(200);
        assertThat(viaProto.headers().firstValue("content-type")).hasValue("application/proto");
        assertThat(EchoResponse.parseFrom(viaProto.body()).getText()).isEqualTo("binary");

        HttpResponse<String> error = post(CANONICAL + "Fail", "application/proto",
                dev.switchboard.test.v1.FailRequest.newBuilder().setCode(5).setMessage("nope").build().toByteArray());
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        assertThat(json(error).get("code").getAsString()).isEqualTo("not_found");

        HttpResponse<String> garbage = post(CANONICAL + "Echo", "application/proto", new byte[] {(byte) 0xff, 0x01});
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    // 3. GET

    @Test
    void getReadsFieldsFromQueryParameters() throws Exception {
        HttpResponse<String> response = get(SEED + "echo?text=hi&number=7&tags=a&tags=b&nested.label=x&color=GREEN"
                + "&big=9007199254740993&when=2024-01-02T03:04:05Z");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(response.body())).isEqualTo(JsonParser.parseString("{\"text\":\"hi\",\"number\":7,"
                + "\"tags\":[\"a\",\"b\"],\"nested\":{\"label\":\"x\"},\"big\":\"9007199254740993\",\"color\":\"GREEN\","
                + "\"when\":\"2024-01-02T03:04:05Z\",\"echoText\":\"hi\"}"));
        assertThat(get(SEED + "count?up_to=2").body()).isEqualTo("{\"number\":1}\n{\"number\":2}\n");
    }

    @Test
    void badQueryParametersAre400NamingThem() throws Exception {
        for (String[] query : new String[][] {{"number=abc", "abc"}, {"nested=x", "nested"}, {"nope=1", "nope"},
                {"text=a&text=b", "2 times"}, {"color=PURPLE", "PURPLE"}, {"number=99999999999", "99999999999"},
                {"when=2024-01-02T03:04:05Z&when.seconds=1", "set by another parameter"}}) {
            HttpResponse<String> response = get(SEED + "echo?" + query[0]);
            assertThat(response.statusCode()).as(query[0]).isEqualTo(400);
            assertThat(json(response).get("detail").getAsString()).as(query[0]).contains(query[1]);
        }
    }

    @Test
    void connectGetForm() throws Exception {
        String message = URLEncoder.encode("{\"text\":\"g\"}", StandardCharsets.UTF_8);
        HttpResponse<String> viaJson = get(CANONICAL + "Echo?connect=v1&encoding=json&message=" + message);
        assertThat(viaJson.statusCode()).isEqualTo(200);
        assertThat(json(viaJson).get("text").getAsString()).isEqualTo("g");

        String proto = Base64.getUrlEncoder().withoutPadding().encodeToString(EchoRequest.newBuilder().setText("p").build().toByteArray());
        HttpResponse<byte[]> viaProto = http.send(HttpRequest.newBuilder(endpoints.http(CANONICAL + "Echo?encoding=proto&base64=1&message="
                + proto)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaProto.statusCode()).isEqualTo(200);
        assertThat(EchoResponse.parseFrom(viaProto.body()).getText()).isEqualTo("p");
    }

    // 4. Metadata

    @Test
    void metadataBothWays() throws Exception {
        HttpResponse<String> response = post(SEED + "echo", "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                "X-Echo-Header", "hello", "X-Data-Bin", Base64.getEncoder().encodeToString("bytes!".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echoed")).hasValue("hello");
        assertThat(response.headers().firstValue("trailer-x-trailer")).hasValue("done hello");
        JsonObject seen = json(response).getAsJsonObject("seen");
        assertThat(seen.get("x-data-bin").getAsString()).isEqualTo("bytes!");
        assertThat(seen.has("leaked")).as("hop-by-hop and protocol headers are not metadata: " + seen).isFalse();

        HttpResponse<String> badBin = post(SEED + "echo", "application/json", "{}".getBytes(StandardCharsets.UTF_8), "X-Data-Bin", "%%%");
        assertThat(badBin.statusCode()).isEqualTo(400);
        assertThat(json(badBin).get("detail").getAsString()).contains("x-data-bin");
    }

    // 5. Deadlines and cancellation

    @Test
    void grpcTimeoutAndConnectTimeoutSetTheDeadline() throws Exception {
        int before = stat("cancellations");
        for (String[] header : new String[][] {{"grpc-timeout", "300m"}, {"Connect-Timeout-Ms", "300"}}) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(SEED + "sleep", "application/json",
                    "{\"millis\":10000}".getBytes(StandardCharsets.UTF_8), header);
            assertThat(response.statusCode()).as(header[0]).isEqualTo(504);
            assertThat(json(response).get("code").getAsString()).isEqualTo("deadline_exceeded");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        }
        awaitStat("cancellations", before + 1);
        HttpResponse<String> malformed = post(SEED + "sleep", "application/json", "{}".getBytes(StandardCharsets.UTF_8), "grpc-timeout", "soon");
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void aClientThatGoesAwayCancelsTheCall() throws Exception {
        // HTTP/2: the client resets the stream of a unary call in progress
        int before = stat("cancellations");
        int sleeps = stat("sleeps");
        CompletableFuture<HttpResponse<String>> sleeping = Clients.https(endpoints).sendAsync(
                HttpRequest.newBuilder(endpoints.https(SEED + "sleep")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":20000}")).build(), HttpResponse.BodyHandlers.ofString());
        // once the call runs in service code (a fixed wait lost the race to TLS and HTTP/2 set-up on a busy machine)
        awaitStat("sleeps", sleeps);
        sleeping.cancel(true);
        awaitStat("cancellations", before);

        // HTTP/1.1: the client closes the connection in the middle of a stream
        int midStream = stat("cancellations");
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(endpoints.http(SEED + "count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":200,\"pauseMillis\":20}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("{\"number\":1}");
        lines.close();
        awaitStat("cancellations", midStream);
    }

    // 6. Server streaming

    @Test
    void ndjsonMessagesAreFlushedAsProduced() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoints.http(SEED + "count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":3,\"pauseMillis\":400}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/x-ndjson");
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("{\"number\":1}");
        long first = System.nanoTime();
        assertThat(lines.readLine()).isEqualTo("{\"number\":2}");
        assertThat(lines.readLine()).isEqualTo("{\"number\":3}");
        assertThat(lines.readLine()).isNull();
        // the first message arrived while the service was still producing the others (two pauses of 400 ms)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first)).isGreaterThanOrEqualTo(600);
    }

    @Test
    void serverSentEventsForEventSource() throws Exception {
        HttpResponse<String> ok = get(SEED + "count?upTo=2", "Accept", "text/event-stream");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        assertThat(ok.body()).isEqualTo("data: {\"number\":1}\n\ndata: {\"number\":2}\n\nevent: end\ndata: {}\n\n");

        HttpResponse<String> failing = get(SEED + "count?upTo=3&failAfter=1", "Accept", "text/event-stream");
        assertThat(failing.body()).startsWith("data: {\"number\":1}\n\nevent: error\ndata: {\"code\":\"failed_precondition\"");
    }

    @Test
    void connectStreamingEnvelopes() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoints.http(CANONICAL + "Count"))
                .header("Content-Type", "application/connect+json").header("Connect-Protocol-Version", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Envelope.json("{\"upTo\":2}"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/connect+json");
        List<Envelope> envelopes = Envelope.readAll(response.body());
        assertThat(envelopes).extracting(Envelope::flags).containsExactly(0, 0, 2);
        assertThat(envelopes.get(1).text()).isEqualTo("{\"number\":2}");
        assertThat(JsonParser.parseString(envelopes.get(2).text()).getAsJsonObject().has("error")).isFalse();

        HttpResponse<InputStream> failing = http.send(HttpRequest.newBuilder(endpoints.http(CANONICAL + "Count"))
                .header("Content-Type", "application/connect+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Envelope.json("{\"upTo\":3,\"failAfter\":1}"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(failing.statusCode()).isEqualTo(200);
        List<Envelope> failed = Envelope.readAll(failing.body());
        assertThat(failed).extracting(Envelope::flags).containsExactly(0, 2);
        assertThat(JsonParser.parseString(failed.get(1).text()).getAsJsonObject().getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("failed_precondition");
    }

    @Test
    void aSlowReaderMakesTheServiceWait() throws Exception {
        int before = stat("notReady");
        // 20 MB, more than the connection's buffers hold while the client does not read: the writes are
        // non-blocking, so the service waits only once the connection has taken all it can.
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoints.http(SEED + "flood"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":2000}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread.sleep(1000);
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1024);
        int count = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            assertThat(line).contains("\"number\":" + (++count));
            if (count % 200 == 0) {
                Thread.sleep(50);
            }
        }
        assertThat(count).isEqualTo(2000);
        assertThat(stat("notReady")).as("the service saw isReady() false and waited for onReady").isGreaterThan(before);
    }

    // 7. Client streaming and bidi

    @Test
    void clientStreamingFromNdjsonAndConnectEnvelopes() throws Exception {
        HttpResponse<String> ndjson = post(SEED + "collect", "application/x-ndjson",
                "{\"text\":\"a\"}\n{\"text\":\"b\"}\n\n{\"text\":\"c\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(json(ndjson).get("text").getAsString()).isEqualTo("abc");

        HttpResponse<String> badLine = post(SEED + "collect", "application/x-ndjson",
                "{\"text\":\"a\"}\n{\"txt\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badLine.statusCode()).isEqualTo(400);
        assertThat(json(badLine).get("detail").getAsString()).contains("txt");

        HttpResponse<InputStream> connect = http.send(HttpRequest.newBuilder(endpoints.http(CANONICAL + "Collect"))
                .header("Content-Type", "application/connect+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Envelope.json("{\"text\":\"x\"}", "{\"text\":\"y\"}"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Envelope> envelopes = Envelope.readAll(connect.body());
        assertThat(envelopes).extracting(Envelope::flags).containsExactly(0, 2);
        assertThat(envelopes.get(0).text()).isEqualTo("{\"text\":\"xy\"}");
    }

    @Test
    void bidiStreamsOverHttp2() throws Exception {
        HttpResponse<String> response = Clients.https(endpoints).send(HttpRequest.newBuilder(endpoints.https(SEED + "chat"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"1\"}\n{\"text\":\"2\"}\n{\"text\":\"3\"}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().map(l -> JsonParser.parseString(l).getAsJsonObject().get("text").getAsString()))
                .containsExactly("1", "2", "3");
    }

    // 8. Hard inputs (defaults; the settings are in JsonSettingsIT)

    @Test
    void valuesMustHaveTheirProto3JsonForm() throws Exception {
        // Body, Connect GET and a request stream's message alike: what protobuf-java's JsonFormat would take, a string
        // field's value as a number, is a 400 naming the field, as grpc-gateway (Go's protojson), Connect and Envoy answer.
        HttpResponse<String> body = Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"text\":42}");
        HttpResponse<String> connectGet = get(CANONICAL + "Echo?connect=v1&encoding=json&message="
                + URLEncoder.encode("{\"text\":42}", StandardCharsets.UTF_8));
        HttpResponse<String> stream = post(SEED + "collect", "application/x-ndjson", "{\"text\":\"a\"}\n{\"text\":42}\n".getBytes(StandardCharsets.UTF_8));
        for (HttpResponse<String> response : List.of(body, connectGet, stream)) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(json(response).get("code").getAsString()).isEqualTo("invalid_argument");
            assertThat(json(response).get("detail").getAsString())
                    .isEqualTo("Invalid switchboard.test.v1.EchoRequest: Field text (string) takes a JSON string, not 42");
        }
        assertThat(json(Clients.postJson(http, endpoints.http(SEED + "echo"), "{\"nested\":{\"label\":true}}")).get("detail").getAsString())
                .endsWith("Field nested.label (string) takes a JSON string, not true");
        // A query parameter's text becomes the JSON value its field takes: enum numbers still work there.
        HttpResponse<String> query = get(SEED + "echo?color=1&number=7&text=42");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json(query).get("color").getAsString()).isEqualTo("RED");
        assertThat(json(query).get("text").getAsString()).isEqualTo("42");
    }

    @Test
    void withoutContentTypeOnlyAnEmptyBodyIsUnderstood() throws Exception {
        HttpResponse<String> empty = send(HttpRequest.newBuilder(endpoints.http(SEED + "echo")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.statusCode()).isEqualTo(200);
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(endpoints.http(SEED + "echo")).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(415);
        assertThat(json(chunked).get("detail").getAsString()).contains("Content-Type");
    }

    @Test
    void hostileJsonIs400NamingTheField() throws Exception {
        for (String[] input : new String[][] {{"{\"number\":\"abc\"}", "abc"}, {"{\"number\":4294967296}", "4294967296"},
                {"{\"color\":\"PURPLE\"}", "PURPLE"}, {"{\"text\":\"a\",\"text\":\"b\"}", "text"}, {"{\"nme\":1}", "nme"},
                {"[1,2]", "EchoRequest"}, {"{\"nested\":" + "[".repeat(100) + "]".repeat(100) + "}", "nested (switchboard.test.v1.Nested) takes a JSON object"},
                {"{\"unknown\":" + "[".repeat(100) + "]".repeat(100) + "}", "64"}}) {
            HttpResponse<String> response = Clients.postJson(http, endpoints.http(SEED + "echo"), input[0]);
            assertThat(response.statusCode()).as(input[0]).isEqualTo(400);
            assertThat(json(response).get("detail").getAsString()).as(input[0]).contains(input[1]);
        }
    }

}
