package dev.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** A chat whose answers and end land in one queue: replies' texts, then the final Status. */
    private static StreamObserver<EchoRequest> chat(ManagedChannel channel, LinkedBlockingQueue<Object> events) {
        return EchoServiceGrpc.newStub(channel).chat(new StreamObserver<EchoResponse>() {
            @Override
            public void onNext(EchoResponse value) {
                events.add(value.getText());
            }

            @Override
            public void onError(Throwable t) {
                events.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                events.add(Status.OK);
            }
        });
    }

    private static EchoRequest text(String text) {
        return EchoRequest.newBuilder().setText(text).build();
    }

    @Test
    void aStreamQuietPastTheIdleTimeoutEndsAndItsClientIsTold() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
            StreamObserver<EchoRequest> requests = chat(channel, events);
            requests.onNext(text("hello"));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");

            Object end = events.poll(IDLE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
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
            LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
            StreamObserver<EchoRequest> requests = chat(channel, events);
            for (int i = 0; i < 8; i++) { // 8 × 500 ms: two idle timeouts' worth
                requests.onNext(text("ping " + i));
                assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ping " + i);
                Thread.sleep(IDLE_TIMEOUT.toMillis() / 4);
            }
            requests.onCompleted();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(Status.OK);
        } finally {
            Clients.close(channel);
        }
    }
}
