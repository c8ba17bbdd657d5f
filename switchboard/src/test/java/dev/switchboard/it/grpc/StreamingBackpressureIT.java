package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.PacedEcho;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * Flow control of streaming calls from outside, with grpc-java's client at its default settings, where service code
 * and client set the pace: a service that takes no messages holds its client back after a bounded amount (the
 * request waits in the client's HTTP/2 window, not in the server's memory), and a client that reads nothing makes a
 * streaming service wait ({@code isReady()} false), both then finishing whole once released.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StreamingBackpressureIT {

    /** 64 KiB messages; at most 16 MiB offered. */
    static final int MESSAGE = 64 * 1024;
    static final int MOST = 256;
    /** What a held-back call may have taken in: windows and read-ahead, far below what was offered. */
    static final long BOUND = 4L * 1024 * 1024;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", PacedEcho.class, EchoImpl.class, SeenHeaders.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel channel;
    /**
     * For the calls that release a held call and ask for counts: a call held back holds its connection's window too
     * once its own is used (on Undertow at once: a connection there has no more window than one stream), as on grpc-java's
     * Netty server; those calls would wait behind it on the same connection.
     */
    private ManagedChannel control;

    @BeforeEach
    void channel() {
        channel = Clients.h2cChannelBuilder(endpoints).build();
        control = Clients.h2cChannelBuilder(endpoints).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(channel);
        Clients.close(control);
    }

    /**
     * Where Switchboard's own streaming path serves (the native transports): Jetty's core API unless turned off, and
     * WildFly where the WAR sees Undertow's modules, unless its streaming is turned off. grpc-servlet reads a request as it arrives, whatever the call takes.
     */
    private static boolean ownStreamingPath() {
        String container = System.getProperty("switchboard.test.container");
        if ("wildfly".equals(container)) {
            return TestWars.undertowNativeStreaming();
        }
        return "jetty-standalone".equals(container)
                || container == null && !"false".equals(System.getProperty(EmbeddedJetty.NATIVE_TRANSPORT_PROPERTY));
    }

    @Test
    void aServiceThatTakesNoMessagesHoldsItsClientBackAfterABoundedAmount() throws Exception {
        assumeTrue(ownStreamingPath(), "grpc-servlet reads what arrives");
        Semaphore ready = new Semaphore(0);
        CompletableFuture<EchoResponse> reply = new CompletableFuture<>();
        List<ClientCallStreamObserver<EchoRequest>> requests = new ArrayList<>();
        EchoServiceGrpc.newStub(channel).collect(new ClientResponseObserver<EchoRequest, EchoResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<EchoRequest> requestStream) {
                requests.add(requestStream);
                requestStream.setOnReadyHandler(ready::release);
            }

            @Override
            public void onNext(EchoResponse value) {
                reply.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                reply.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        ClientCallStreamObserver<EchoRequest> stream = requests.get(0);
        EchoRequest message = EchoRequest.newBuilder().setText("m".repeat(MESSAGE)).build();
        int sent = 0;
        boolean held = false;
        while (sent < MOST) {
            if (stream.isReady()) {
                stream.onNext(message);
                sent++;
            } else if (!ready.tryAcquire(2, TimeUnit.SECONDS) && !stream.isReady()) {
                held = true;
                break;
            }
        }
        assertThat(held).as("the client was held back (sent %d messages of %d bytes)", sent, MESSAGE).isTrue();
        assertThat((long) sent * MESSAGE).as("bytes the client could send to a service that takes nothing").isLessThan(BOUND);

        // released, the call takes everything and the rest follows
        assertThat(EchoServiceGrpc.newBlockingStub(control).withDeadlineAfter(10, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("release").build()).getText()).isEqualTo("release");
        int total = sent + 32;
        while (sent < total) {
            if (stream.isReady()) {
                stream.onNext(message);
                sent++;
            } else {
                assertThat(ready.tryAcquire(10, TimeUnit.SECONDS) || stream.isReady())
                        .as("the client may send again once the service takes messages").isTrue();
            }
        }
        stream.onCompleted();
        EchoResponse answer = reply.get(30, TimeUnit.SECONDS);
        assertThat(answer.getNumber()).as("messages the service took").isEqualTo(total);
        assertThat(answer.getBig()).isEqualTo((long) total * MESSAGE);
    }

    @Test
    void aClientThatReadsNothingMakesAStreamingServiceWaitThenGetsEveryMessage() throws Exception {
        int upTo = 600; // 10 KiB each: 6 MB, beyond the client's window and the server's buffers
        int before = notReady();
        BlockingQueue<EchoResponse> received = new LinkedBlockingQueue<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<ClientCallStreamObserver<CountRequest>> requests = new ArrayList<>();
        EchoServiceGrpc.newStub(channel).flood(CountRequest.newBuilder().setUpTo(upTo).build(),
                new ClientResponseObserver<CountRequest, EchoResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<CountRequest> requestStream) {
                        requests.add(requestStream);
                        requestStream.disableAutoRequestWithInitial(1);
                    }

                    @Override
                    public void onNext(EchoResponse value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        assertThat(received.poll(10, TimeUnit.SECONDS)).as("the first message").isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (notReady() == before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(notReady()).as("times the service found the stream not ready").isGreaterThan(before);

        requests.get(0).request(upTo);
        done.get(30, TimeUnit.SECONDS);
        assertThat(received).hasSize(upTo - 1);
        int expected = 2;
        for (EchoResponse message : received) {
            assertThat(message.getNumber()).isEqualTo(expected++);
        }
    }

    private int notReady() {
        return Integer.parseInt(EchoServiceGrpc.newBlockingStub(control).withDeadlineAfter(10, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("stats").build()).getSeenOrThrow("notReady"));
    }
}
