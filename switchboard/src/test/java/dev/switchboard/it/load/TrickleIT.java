package dev.switchboard.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Slow clients must not hold the server: 250 clients send JSON bodies at one byte per 2 s (one in five an NDJSON
 * stream to a client-streaming method), and a few gRPC unary calls
 * send their headers but never their body, while a normal client's gRPC and JSON calls keep answering within
 * {@link #ANSWER_BOUND} — more trickling clients than Jetty has request threads (200) and than WildFly has workers
 * (32 on 2 cores), so a body read blocking on a container thread fails this test. Past the request-body time budget
 * ({@link Switchboard#REQUEST_BODY_SECONDS}) the trickling clients get 408 with the JSON error body, the stalled gRPC
 * calls DEADLINE_EXCEEDED.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrickleIT {

    static final int TRICKLING = 250;
    static final int STALLED_GRPC = 40;
    static final long BYTE_EVERY_MILLIS = 2000;
    /** The body budget the WAR configures; the probes run while it has not passed. */
    static final int BODY_SECONDS = 10;
    static final long PROBE_FOR_MILLIS = 8000;
    /** The stalled gRPC calls' own deadline, past the body budget: the server's budget ends them first. */
    static final int STALLED_DEADLINE_SECONDS = BODY_SECONDS + 10;
    /** How long a normal call may take while the others trickle: about liveness, not speed. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(1);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.REQUEST_BODY_SECONDS, String.valueOf(BODY_SECONDS)), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void slowBodiesHoldNoThreadAndRunOutOfTime() throws Exception {
        ManagedChannel probeChannel = Clients.h2cChannelBuilder(endpoints).build();
        ManagedChannel stalledChannel = Clients.h2cChannelBuilder(endpoints).build();
        HttpClient http = Clients.http(endpoints);
        // warm both paths up before the slow clients come
        probeGrpc(probeChannel, Duration.ofSeconds(20));
        probeJson(http, Duration.ofSeconds(20));
        List<Socket> trickling = new ArrayList<>();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < TRICKLING; i++) {
                Socket socket = new Socket(endpoints.host(), endpoints.httpPort());
                // one in five streams NDJSON to a client-streaming method, whose message then never ends
                String target = i % 5 == 0 ? "/grpc/echoservice/collect" : "/grpc/other/echo";
                String type = i % 5 == 0 ? "application/x-ndjson" : "application/json";
                socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: " + endpoints.host() + ":" + endpoints.httpPort()
                        + "\r\nContent-Type: " + type + "\r\nContent-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                trickling.add(socket);
            }
            trickler.scheduleWithFixedDelay(() -> trickle(trickling), BYTE_EVERY_MILLIS, BYTE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            List<CompletableFuture<Status>> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED_GRPC; i++) {
                stalled.add(stall(stalledChannel));
            }
            Thread.sleep(1000); // the slow requests reach the server

            long probeUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_FOR_MILLIS);
            int probes = 0;
            while (System.nanoTime() < probeUntil) {
                probeGrpc(probeChannel, ANSWER_BOUND);
                probeJson(http, ANSWER_BOUND);
                probes++;
                Thread.sleep(250);
            }
            assertThat(probes).isGreaterThan(2);
            assertThat(stalled).as("the stalled calls still wait while the probes ran").noneMatch(CompletableFuture::isDone);

            trickler.shutdownNow();
            long answersBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(BODY_SECONDS + 10);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < trickling.size(); i++) {
                String response = readResponse(trickling.get(i), answersBy);
                if (!response.startsWith("HTTP/1.1 408") || !response.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json")
                        || !response.contains("\"code\":\"deadline_exceeded\"")) {
                    wrong.add("trickler " + i + (i % 5 == 0 ? " (NDJSON)" : "") + ": " + response);
                }
            }
            assertThat(wrong).as("answers to trickling bodies that are not 408 with the JSON error body").isEmpty();
            int endedByServer = 0;
            java.util.Set<String> descriptions = new java.util.TreeSet<>();
            for (CompletableFuture<Status> call : stalled) {
                Status status = call.get(STALLED_DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
                descriptions.add(String.valueOf(status.getDescription()).replaceAll("[0-9.]+", "N"));
                assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                if (String.valueOf(status.getDescription()).contains("did not arrive")) {
                    endedByServer++;
                }
            }
            // Jetty dispatches a request only once its content begins (delayDispatchUntilContent): the stalled calls
            // never reach Switchboard there, hold nothing, and end by their own deadline. WildFly dispatches them.
            System.out.printf("TrickleIT: %d of %d stalled gRPC calls ended by the server's body budget; statuses: %s%n", endedByServer,
                    STALLED_GRPC, descriptions);
        } finally {
            trickler.shutdownNow();
            for (Socket socket : trickling) {
                socket.close();
            }
            Clients.close(probeChannel);
            Clients.close(stalledChannel);
        }
    }

    private void probeGrpc(ManagedChannel channel, Duration bound) {
        EchoResponse echo = EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS)
                .echo(EchoRequest.newBuilder().setText("probe").build());
        assertThat(echo.getText()).isEqualTo("probe");
    }

    private void probeJson(HttpClient http, Duration bound) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoints.http("/grpc/other/echo")).timeout(bound)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"probe\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"text\":\"other: probe\"}");
    }

    /** One more byte of each body: JSON whitespace, so the body stays valid and never ends in time. */
    private static void trickle(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                // answered and closed by the server: nothing more to send
            }
        }
    }

    /**
     * A unary gRPC call whose headers go out and whose message never does. Called as client streaming: grpc-java
     * holds a unary call's headers back until its message is flushed with them.
     */
    private static CompletableFuture<Status> stall(ManagedChannel channel) {
        CompletableFuture<Status> outcome = new CompletableFuture<>();
        ClientCall<EchoRequest, EchoResponse> call = channel.newCall(
                EchoServiceGrpc.getEchoMethod().toBuilder().setType(MethodDescriptor.MethodType.CLIENT_STREAMING).build(),
                CallOptions.DEFAULT.withDeadlineAfter(STALLED_DEADLINE_SECONDS, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                outcome.complete(status);
            }
        }, new Metadata());
        call.request(1);
        return outcome;
    }

    /** The whole response on a connection the server closes after answering (its request body was not read). */
    private static String readResponse(Socket socket, long answersBy) throws IOException {
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(answersBy - System.nanoTime())));
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            return "(no end of the answer in time) " + bytes.toString(StandardCharsets.UTF_8);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
