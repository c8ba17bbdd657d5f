package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.CallEvents;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.OnEmbeddedJetty;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

/**
 * However a client leaves a call — a bidi stream half-closed and gone before the server's trailers, reset mid-stream,
 * its channel shut down with the stream open or answered UNIMPLEMENTED while it still sends; a server stream waiting
 * for flow control; a unary or client-streaming call before its answer — the server ends the request: nothing stays
 * open in Jetty. Once, a reflection stream left this way held the container's graceful stop
 * at the end of a test suite for its whole timeout.
 */
class AbandonedStreamsIT extends OnEmbeddedJetty {

    private static final int ROUNDS = 40;

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the test WAR deployed at / (web.xml context-params as name/value pairs), then undeploys it. */
    private static void deployed(Body body, String... params) throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(Servers.export(TestWars.war("ROOT.war", EchoImpl.class,
                        EchoService.class, SeenHeaders.class, TestGateways.class, OtherServiceImpl.class)
                .addAsWebInfResource(TestWars.webXml(params), "web.xml"), dir), "/");
        try {
            body.run();
        } finally {
            jetty.undeploy(deployment);
        }
    }

    /** Something the client does with one stream on a fresh channel, which it then shuts down at once. */
    private interface Abandon {
        void on(ManagedChannel channel) throws Exception;
    }

    private void eachRoundLeavesNothingOpen(boolean tls, Abandon abandon) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ManagedChannel channel = (tls ? Clients.tlsChannelBuilder(endpoints) : Clients.h2cChannelBuilder(endpoints)).build();
            try {
                abandon.on(channel);
            } finally {
                Clients.close(channel);
            }
        }
        Servers.assertNothingOpen(jetty);
    }

    /** As the reflection check does: two questions, two answers, half-close, and the channel is shut down at once. */
    private static void reflectThenHalfCloseAndLeave(ManagedChannel channel) throws InterruptedException {
        CallEvents<ServerReflectionRequest, ServerReflectionResponse> answers = new CallEvents<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(answers);
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol("switchboard.test.v1.EchoService").build());
        answers.nextMessage("answer to list_services");
        answers.nextMessage("answer to file_containing_symbol");
        requests.onCompleted();
    }

    /** A chat that has had its first answer, its requests still open. */
    private static CallEvents<EchoRequest, EchoResponse> chatAnswered(ManagedChannel channel) throws InterruptedException {
        CallEvents<EchoRequest, EchoResponse> chat = new CallEvents<>();
        EchoServiceGrpc.newStub(channel).chat(chat).onNext(text("one"));
        chat.nextMessage("the chat's first answer");
        return chat;
    }

    private static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    @Test
    void reflectionStreamsHalfClosedAsTheirChannelsShutDown() throws Exception {
        deployed(() -> {
            eachRoundLeavesNothingOpen(false, AbandonedStreamsIT::reflectThenHalfCloseAndLeave);
            eachRoundLeavesNothingOpen(true, AbandonedStreamsIT::reflectThenHalfCloseAndLeave);
        });
    }

    @Test
    void chatStreamsHalfClosedOrLeftOpenAsTheirChannelsShutDown() throws Exception {
        deployed(() -> {
            eachRoundLeavesNothingOpen(false, channel -> chatAnswered(channel).requests().onCompleted());
            // and the channel goes with this message in flight
            eachRoundLeavesNothingOpen(false, channel -> chatAnswered(channel).requests().onNext(text("two")));
        });
    }

    @Test
    void chatStreamsCancelledByTheirClients() throws Exception {
        deployed(() -> {
            eachRoundLeavesNothingOpen(false, AbandonedStreamsIT::chatThenCancel);
            eachRoundLeavesNothingOpen(true, AbandonedStreamsIT::chatThenCancel);
        });
    }

    private static void chatThenCancel(ManagedChannel channel) throws Exception {
        CallEvents<EchoRequest, EchoResponse> chat = chatAnswered(channel);
        chat.requests().cancel("the client walks away", null); // RST_STREAM(CANCEL), the channel stays up
        assertThat(chat.end(10).getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void serverStreamsLeftWhileTheServerWaitsForFlowControl() throws Exception {
        deployed(() -> {
            Abandon readAFewThenLeave = channel -> {
                Iterator<EchoResponse> flood = EchoServiceGrpc.newBlockingStub(channel)
                        .flood(CountRequest.newBuilder().setUpTo(10_000).build());
                for (int i = 0; i < 3; i++) {
                    assertThat(flood.next().getNumber()).isEqualTo(i + 1);
                }
            };
            eachRoundLeavesNothingOpen(false, readAFewThenLeave);
            eachRoundLeavesNothingOpen(true, readAFewThenLeave);
        });
    }

    @Test
    void unaryAndClientStreamingCallsLeftBeforeTheirAnswer() throws Exception {
        deployed(() -> {
            eachRoundLeavesNothingOpen(false, channel -> {
                EchoServiceGrpc.newFutureStub(channel).sleep(SleepRequest.newBuilder().setMillis(60_000).build());
                EchoServiceGrpc.newStub(channel).collect(new CallEvents<>()).onNext(text("one"));
                Thread.sleep(20); // both reach the server, which answers neither before the channel goes
            });
        });
    }

    @Test
    void jsonStreamsAndCallsLeftMidway() throws Exception {
        deployed(() -> {
            HttpRequest count = HttpRequest.newBuilder(endpoints.http("/grpc/echoservice/count"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":200,\"pauseMillis\":10}")).build();
            HttpRequest countOverTls = HttpRequest.newBuilder(endpoints.https("/grpc/echoservice/count"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":200,\"pauseMillis\":10}")).build();
            HttpRequest sleepOverTls = HttpRequest.newBuilder(endpoints.https("/grpc/echoservice/sleep"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":60000}")).build();
            HttpClient http = Clients.http(endpoints);
            HttpClient https = Clients.https(endpoints);
            for (int round = 0; round < ROUNDS / 4; round++) {
                // Closing the body midway: over HTTP/1.1 the client closes the connection, over HTTP/2 it resets the stream.
                for (HttpClient client : List.of(http, https)) {
                    HttpResponse<InputStream> stream = client.send(client == http ? count : countOverTls,
                            HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                        assertThat(lines.readLine()).isEqualTo("{\"number\":1}");
                    }
                }
                // HTTP/2: a unary call reset before its answer
                CompletableFuture<HttpResponse<String>> sleeping = https.sendAsync(sleepOverTls, HttpResponse.BodyHandlers.ofString());
                Thread.sleep(50);
                sleeping.cancel(true);
            }
            Servers.assertNothingOpen(jetty);
        });
    }

    @Test
    void streamsToAnUnknownServiceAnsweredWhileTheClientStillSends() throws Exception {
        deployed(() -> {
            eachRoundLeavesNothingOpen(false, channel -> {
                CallEvents<ServerReflectionRequest, ServerReflectionResponse> reflection = new CallEvents<>();
                ServerReflectionGrpc.newStub(channel).serverReflectionInfo(reflection)
                        .onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
                assertThat(reflection.end(10).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            });
        }, Switchboard.REFLECTION, "false");
    }
}
