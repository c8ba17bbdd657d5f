package dev.switchboard.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.common.util.concurrent.ListenableFuture;

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
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;

/**
 * Service code that blocks (a JDBC call, here a sleep) must not starve the container: with the default executor, more
 * blocked gRPC calls than the container has request threads (Jetty: 200) still leave it answering new connections on
 * both protocols, and every blocked call completes. With {@code switchboard.grpc-executor=direct} this test fails:
 * the blocked calls hold every container thread.
 * <p>
 * Nor must a blocked call hold up the other calls on its connection: on embedded Jetty unary gRPC is served on the
 * thread that parsed the request (its inline front, #22), and that thread goes on to parse the connection's other
 * requests only if the service code went elsewhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlockingServiceIT {

    /** More than Jetty's default thread pool (200), spread over channels (Jetty allows 128 streams a connection). */
    static final int BLOCKED_CALLS = 300;
    static final int CHANNELS = 4;
    static final long SLEEP_MILLIS = 8000;
    /** How long a request that does not block may take while the others block: generous, it is about liveness. */
    static final long ANSWER_BOUND_SECONDS = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Switchboard's pool is bounded: the calls that do not block can pass the blocked ones only while it has threads
        // to spare (beyond that they wait for one, or are refused at switchboard.max-calls).
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class)
                .addAsWebResource(new StringAsset("static page"), "index.html")
                .addAsWebInfResource(TestWars.webXml(Switchboard.CALL_THREADS, String.valueOf(BLOCKED_CALLS + 50)), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void blockedCallsDoNotStarveTheContainer() throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(Clients.h2cChannelBuilder(endpoints).build());
        }
        try {
            List<ListenableFuture<EchoResponse>> blocked = new ArrayList<>();
            for (int i = 0; i < BLOCKED_CALLS; i++) {
                blocked.add(EchoServiceGrpc.newFutureStub(channels.get(i % CHANNELS)).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .sleep(SleepRequest.newBuilder().setMillis(SLEEP_MILLIS).build()));
            }
            Thread.sleep(1500); // the calls reach the service and block

            // new connections, both protocols, while every blocked call still sleeps
            long start = System.nanoTime();
            ManagedChannel fresh = Clients.h2cChannelBuilder(endpoints).build();
            try {
                EchoResponse echo = EchoServiceGrpc.newBlockingStub(fresh).withDeadlineAfter(ANSWER_BOUND_SECONDS, TimeUnit.SECONDS)
                        .echo(EchoRequest.newBuilder().setText("still here").build());
                assertThat(echo.getText()).isEqualTo("still here");
            } finally {
                Clients.close(fresh);
            }
            HttpClient http = Clients.http(endpoints);
            HttpResponse<String> json = Clients.postJson(http, endpoints.http("/grpc/other/echo"), "{\"text\":\"json\"}");
            assertThat(json.body()).isEqualTo("{\"text\":\"other: json\"}");
            HttpResponse<String> page = Clients.send(http, "GET", endpoints.http("/index.html"), null, null);
            assertThat(page.body()).isEqualTo("static page");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("answered while %d calls blocked", BLOCKED_CALLS)
                    .isLessThan(TimeUnit.SECONDS.toMillis(ANSWER_BOUND_SECONDS));
            assertThat(blocked).as("the blocked calls were still blocked when the others were answered")
                    .allMatch(f -> !f.isDone());

            for (ListenableFuture<EchoResponse> call : blocked) {
                assertThat(call.get(60, TimeUnit.SECONDS).getText()).isEqualTo("slept");
            }
        } finally {
            for (ManagedChannel channel : channels) {
                Clients.close(channel);
            }
        }
    }

    @Test
    void aBlockedCallDoesNotHoldUpTheOthersOnItsConnection() throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            EchoResponse warm = EchoServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("up").build());
            assertThat(warm.getText()).isEqualTo("up");
            ListenableFuture<EchoResponse> sleeping = EchoServiceGrpc.newFutureStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS).sleep(SleepRequest.newBuilder().setMillis(SLEEP_MILLIS).build());
            Thread.sleep(500); // the call reaches the service and blocks
            for (int i = 0; i < 20; i++) {
                EchoResponse echo = EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(ANSWER_BOUND_SECONDS, TimeUnit.SECONDS)
                        .echo(EchoRequest.newBuilder().setText("beside " + i).build());
                assertThat(echo.getText()).isEqualTo("beside " + i);
            }
            assertThat(sleeping.isDone()).as("the blocked call was still blocked when the others on its connection were answered")
                    .isFalse();
            // That blocked calls complete is the other test's; this one need not wait out the sleep (Sleep ends when
            // its call is cancelled).
            sleeping.cancel(true);
        } finally {
            Clients.close(channel);
        }
    }
}
