package dev.switchboard.it.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.threads.ThreadNamingEcho;
import dev.switchboard.it.services.threads.ThreadNamingLibrary;
import dev.switchboard.it.services.threads.ThreadNamingOther;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.GetBookRequest;
import dev.switchboard.test.v1.LibraryServiceGrpc;
import dev.switchboard.test.v1.OtherServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

/**
 * A service that promised never to block ({@code @GrpcService(nonBlocking = true)}, or named in context-param
 * {@code switchboard.non-blocking-services}) runs its code on the container's thread that delivers each callback —
 * never on Switchboard's pool ({@value #POOL} threads) — in unary calls and every streaming kind, on every
 * container; a service without the promise keeps the pool where the container's thread must not wait for it (the
 * parsing thread behind the Jetty-native front; on WildFly, Undertow's servlet chain has handed the request to a
 * worker thread, where inline-first runs it anyway).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NonBlockingServiceIT {

    /** The prefix of Switchboard's pool threads' names (SwitchboardRuntime). */
    static final String POOL = "switchboard-call-";
    static final int CALLS = 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", ThreadNamingEcho.class, ThreadNamingOther.class, ThreadNamingLibrary.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.NON_BLOCKING_SERVICES, "switchboard.test.v1.OtherService"),
                        "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = Clients.h2cChannelBuilder(endpoints).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        Clients.close(channel);
    }

    @Test
    void unaryCallsOfAPromisedServiceRunWhereTheyAreDelivered() {
        EchoServiceGrpc.EchoServiceBlockingStub echo = EchoServiceGrpc.newBlockingStub(channel);
        OtherServiceGrpc.OtherServiceBlockingStub other = OtherServiceGrpc.newBlockingStub(channel);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            threads.add(echo.echo(EchoRequest.newBuilder().setText("where").build()).getText());
            threads.add(other.echo(EchoRequest.newBuilder().setText("where").build()).getText());
        }
        assertThat(threads).as("threads that ran the promised services' code").hasSize(2 * CALLS)
                .allSatisfy(thread -> assertThat(thread).isNotBlank().doesNotStartWith(POOL));
    }

    @Test
    void streamingCallsOfAPromisedServiceRunWhereTheyAreDelivered() throws Exception {
        EchoServiceGrpc.EchoServiceBlockingStub echo = EchoServiceGrpc.newBlockingStub(channel);
        List<String> threads = new ArrayList<>();
        Iterator<EchoResponse> counted = echo.count(CountRequest.newBuilder().setUpTo(3).build());
        counted.forEachRemaining(reply -> threads.add(reply.getText()));
        assertThat(threads).as("server streaming").hasSize(3);

        EchoServiceGrpc.EchoServiceStub async = EchoServiceGrpc.newStub(channel);
        Replies collected = new Replies();
        sendThreeMessages(async.collect(collected));
        collected.await();
        assertThat(collected.replies).as("client streaming").hasSize(1);
        threads.addAll(collected.replies.get(0).getTagsList());

        Replies chatted = new Replies();
        sendThreeMessages(async.chat(chatted));
        chatted.await();
        assertThat(chatted.replies).as("bidirectional streaming").hasSize(3);
        chatted.replies.forEach(reply -> threads.add(reply.getText()));

        assertThat(threads).as("threads that ran the promised service's code in streaming calls")
                .allSatisfy(thread -> assertThat(thread).isNotBlank().doesNotStartWith(POOL));
    }

    /**
     * The same check can see the pool: where the container's delivering thread must not wait, a service without the
     * promise runs there.
     */
    @Test
    void aServiceWithoutThePromiseKeepsThePool() {
        LibraryServiceGrpc.LibraryServiceBlockingStub library = LibraryServiceGrpc.newBlockingStub(channel);
        String thread = library.ping(GetBookRequest.newBuilder().setName("books/1").build()).getTitle();
        if (Servers.unaryGrpcOnTheParsingThread()) {
            assertThat(thread).as("the thread that ran the service's code").startsWith(POOL);
        } else {
            assertThat(thread).as("the thread that ran the service's code").isNotBlank();
        }
    }

    private static void sendThreeMessages(StreamObserver<EchoRequest> requests) {
        for (int i = 0; i < 3; i++) {
            requests.onNext(EchoRequest.newBuilder().setText("m" + i).build());
        }
        requests.onCompleted();
    }

    static final class Replies implements StreamObserver<EchoResponse> {
        final List<EchoResponse> replies = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable failure;

        @Override
        public synchronized void onNext(EchoResponse value) {
            replies.add(value);
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            done.countDown();
        }

        @Override
        public void onCompleted() {
            done.countDown();
        }

        void await() throws InterruptedException {
            assertThat(done.await(10, TimeUnit.SECONDS)).as("the call ended").isTrue();
            assertThat(failure).as("the call's failure").isNull();
        }
    }
}
