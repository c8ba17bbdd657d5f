package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

/**
 * Interactive streams: the client waits for each reply before it sends again, and the server pauses between
 * messages, so nothing but the reply itself can push it out. A reply that only leaves the server when the next write
 * happens shows up here as a missed bound; a container thread that stays stuck in a write shows up as a server that
 * stops answering, checked at the end of every test with a plain request on a new connection.
 *
 * <p>The bound ({@value #REPLY_BOUND_MILLIS} ms per reply, on loopback, for replies that need microseconds) is about
 * liveness, not speed: it only fails when a reply is held back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InteractiveStreamsIT {

    static final long REPLY_BOUND_MILLIS = 2000;
    static final long PAUSE_MILLIS = 200;
    static final int CONCURRENT_STREAMS = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebResource(new StringAsset("static page"), "index.html");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    private ManagedChannel h2c;
    private ManagedChannel tls;

    @BeforeEach
    void channels() {
        h2c = Clients.h2cChannelBuilder(endpoints).build();
        tls = Clients.tlsChannelBuilder(endpoints).build();
    }

    @AfterEach
    void serverStillAnswersOnNewConnections() throws Exception {
        Clients.close(h2c);
        Clients.close(tls);
        // fresh clients, fresh connections: a server whose I/O threads are stuck does not get this far
        HttpClient http = Clients.http(endpoints);
        HttpResponse<String> page = Clients.send(http, "GET", endpoints.http("/index.html"), null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("static page");
        HttpResponse<String> json = Clients.postJson(http, endpoints.http("/grpc/other/echo"), "{\"text\":\"after\"}");
        assertThat(json.body()).isEqualTo("{\"text\":\"other: after\"}");
        ManagedChannel fresh = Clients.tlsChannelBuilder(endpoints).build();
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(fresh).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setText("after").build()).getText()).isEqualTo("after");
        } finally {
            Clients.close(fresh);
        }
    }

    @Test
    void bidiPingPongOverH2c() throws Exception {
        pingPong(h2c, "h2c", 10);
    }

    @Test
    void bidiPingPongOverTls() throws Exception {
        pingPong(tls, "tls", 10);
    }

    @Test
    void serverStreamingWithPausesOverTls() throws Exception {
        serverStreamingWithPauses(() -> Clients.tlsChannelBuilder(endpoints).build(), "tls");
    }

    @Test
    void serverStreamingWithPausesOverH2c() throws Exception {
        serverStreamingWithPauses(() -> Clients.h2cChannelBuilder(endpoints).build(), "h2c");
    }

    @Test
    void fiftyConcurrentInteractiveStreams() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_STREAMS);
        try {
            List<Future<?>> streams = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_STREAMS; i++) {
                ManagedChannel channel = i % 2 == 0 ? h2c : tls;
                String label = (i % 2 == 0 ? "h2c-" : "tls-") + i;
                streams.add(clients.submit(() -> {
                    pingPong(channel, label, 5);
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> stream : streams) {
                try {
                    stream.get(2, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
            assertThat(failures).as("streams that missed a reply").isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    /** Sends a message, waits for its echo, pauses, {@code rounds} times; then half-closes and expects the end. */
    private static void pingPong(ManagedChannel channel, String label, int rounds) throws InterruptedException {
        BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
        StreamObserver<EchoRequest> requests = EchoServiceGrpc.newStub(channel).withDeadlineAfter(2, TimeUnit.MINUTES)
                .chat(collector(replies));
        for (int i = 0; i < rounds; i++) {
            String text = label + " #" + i;
            long sent = System.nanoTime();
            requests.onNext(EchoRequest.newBuilder().setText(text).build());
            Object reply = replies.poll(REPLY_BOUND_MILLIS, TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            if (!(reply instanceof EchoResponse response) || !response.getText().equals(text)) {
                requests.onError(new IllegalStateException("test gives up"));
                throw new AssertionError("bidi " + label + ": reply " + i + " of " + rounds + " not received within "
                        + REPLY_BOUND_MILLIS + " ms of its request (after " + millis + " ms: " + describe(reply) + ")");
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        requests.onCompleted();
        Object end = replies.poll(REPLY_BOUND_MILLIS, TimeUnit.MILLISECONDS);
        if (end != END) {
            throw new AssertionError("bidi " + label + ": no end of stream within " + REPLY_BOUND_MILLIS
                    + " ms of the half-close (" + describe(end) + ")");
        }
    }

    /**
     * Ten messages, the server's blocking service code pausing between them (3 s in all, longer than the bound): each
     * must arrive within the bound of the one before, not all at the end — on three streams at once, as the request's
     * end may reach the server within its dispatch or in a later read callback (from which Jetty sent nothing until
     * the service method returned, before service code started there went to the pool). At once rather than one after
     * the other (the suite runs this on five containers), each on a connection of its own, so that no other stream's
     * write can push out a reply held back on its connection.
     */
    private static void serverStreamingWithPauses(Supplier<ManagedChannel> channels, String label) throws Exception {
        ExecutorService streams = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                String name = label + " stream " + round;
                rounds.add(streams.submit(() -> {
                    ManagedChannel channel = channels.get();
                    try {
                        serverStreamingWithPauses(channel, name, 10);
                    } finally {
                        Clients.close(channel);
                    }
                    return null;
                }));
            }
            for (Future<?> round : rounds) {
                try {
                    round.get(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
        } finally {
            streams.shutdownNow();
        }
    }

    private static void serverStreamingWithPauses(ManagedChannel channel, String label, int count) throws InterruptedException {
        long pause = 300;
        BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
        EchoServiceGrpc.newStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES)
                .count(CountRequest.newBuilder().setUpTo(count).setPauseMillis(pause).build(), collector(replies));
        long previous = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Object reply = replies.poll(REPLY_BOUND_MILLIS + pause, TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - previous);
            assertThat(reply).as("server streaming %s: message %d of %d within %d ms of the previous one (after %d ms: %s)",
                    label, i, count, REPLY_BOUND_MILLIS + pause, millis, describe(reply))
                    .isInstanceOf(EchoResponse.class);
            assertThat(((EchoResponse) reply).getNumber()).isEqualTo(i);
            previous = System.nanoTime();
        }
        Object end = replies.poll(REPLY_BOUND_MILLIS + pause, TimeUnit.MILLISECONDS);
        assertThat(end).as("server streaming %s: end of stream (%s)", label, describe(end)).isSameAs(END);
    }

    private static final Object END = new Object() {
        @Override
        public String toString() {
            return "end of stream";
        }
    };

    private static StreamObserver<EchoResponse> collector(BlockingQueue<Object> replies) {
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoResponse value) {
                replies.add(value);
            }

            @Override
            public void onError(Throwable t) {
                replies.add(t);
            }

            @Override
            public void onCompleted() {
                replies.add(END);
            }
        };
    }

    private static String describe(Object reply) {
        if (reply == null) {
            return "nothing";
        }
        if (reply instanceof EchoResponse response) {
            return "reply '" + response.getText() + "' / " + response.getNumber();
        }
        if (reply instanceof Throwable t) {
            return "error " + t;
        }
        return String.valueOf(reply);
    }
}
