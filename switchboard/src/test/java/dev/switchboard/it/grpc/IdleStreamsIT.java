package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.CallEvents;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.JettyEndpoints;
import dev.switchboard.testing.jetty.SelfSignedCertificate;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * A stream that stays quiet longer than the container's idle timeout is ended by the container (README, Deployment
 * notes: raise Jetty's idle timeout for long quiet streams): its client is told, with a status that names the idle
 * timeout, rather than left waiting, and nothing stays open on the server. One that keeps talking lives on.
 */
class IdleStreamsIT {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static EmbeddedJetty jetty;
    private static JettyEndpoints endpoints;
    private static EmbeddedJetty.Deployment deployment;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        jetty = EmbeddedJetty.start(EmbeddedJetty.Options.defaults()
                .withTls(0, CERTIFICATE.keyStore(), CERTIFICATE.password())
                .withIdleTimeout(IDLE_TIMEOUT));
        endpoints = Servers.endpoints(jetty, CERTIFICATE);
        deployment = jetty.deploy(Servers.export(TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class), dir), "/");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.undeploy(deployment);
        jetty.stop();
    }

    private static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    @Test
    void aStreamQuietPastTheIdleTimeoutEndsAndItsClientIsTold() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            CallEvents<EchoRequest, EchoResponse> chat = new CallEvents<>();
            EchoServiceGrpc.newStub(channel).chat(chat).onNext(text("hello"));
            assertThat(chat.nextMessage("the answer to hello").getText()).isEqualTo("hello");

            Object end = chat.poll(IDLE_TIMEOUT.toSeconds() + 10);
            assertThat(end).as("how the quiet stream ended").isInstanceOfSatisfying(Status.class, status -> {
                assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(status.getDescription()).contains("Idle timeout");
            });
            Servers.assertNothingOpen(jetty);
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void aStreamThatKeepsTalkingOutlivesTheIdleTimeout() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            CallEvents<EchoRequest, EchoResponse> chat = new CallEvents<>();
            StreamObserver<EchoRequest> requests = EchoServiceGrpc.newStub(channel).chat(chat);
            for (int i = 0; i < 8; i++) { // 8 × 500 ms: two idle timeouts' worth
                requests.onNext(text("ping " + i));
                assertThat(chat.nextMessage("the answer to ping " + i).getText()).isEqualTo("ping " + i);
                Thread.sleep(IDLE_TIMEOUT.toMillis() / 4);
            }
            requests.onCompleted();
            assertThat(chat.poll(10)).isEqualTo(Status.OK);
        } finally {
            Clients.close(channel);
        }
    }
}
