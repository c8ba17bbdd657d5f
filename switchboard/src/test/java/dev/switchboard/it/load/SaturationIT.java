package dev.switchboard.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.it.support.ThreadsServlet;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.Status;

/**
 * 10,000 calls at once against small, explicit limits ({@value #MAX_CALLS} calls in flight, {@value #CALL_THREADS}
 * threads): Switchboard's threads stay within the bound throughout (sampled in the server's JVM by
 * {@link ThreadsServlet}), every call is answered — OK, or refused at once with RESOURCE_EXHAUSTED (gRPC) / 503 with
 * Retry-After and the JSON error body — and none hangs; afterwards the limit admits as many calls as before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SaturationIT {

    static final int MAX_CALLS = 100;
    static final int CALL_THREADS = 4;
    static final int GRPC_CALLS = 10_000;
    static final int JSON_CALLS = 200;
    static final int CHANNELS = 4;
    /** Switchboard's threads besides the pool: the deadline timer; a little slack for a writer. */
    static final int OTHER_THREADS = 2;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class, TestGateways.class,
                ThreadsServlet.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_CALLS, String.valueOf(MAX_CALLS),
                        Switchboard.CALL_THREADS, String.valueOf(CALL_THREADS)), "web.xml");
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void tenThousandCallsAreAnsweredOrRefusedWithinTheBounds() throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(Clients.h2cChannelBuilder(endpoints).build());
        }
        HttpClient http = Clients.http(endpoints);
        HttpClient monitor = Clients.http(endpoints);
        try {
            Map<Status.Code, AtomicInteger> grpcOutcomes = new ConcurrentHashMap<>();
            List<CompletableFuture<Status>> calls = new ArrayList<>();
            for (int i = 0; i < GRPC_CALLS; i++) {
                EchoServiceGrpc.EchoServiceFutureStub stub = EchoServiceGrpc.newFutureStub(channels.get(i % CHANNELS))
                        .withDeadlineAfter(90, TimeUnit.SECONDS);
                ListenableFuture<EchoResponse> call = i % 2 == 0
                        ? stub.sleep(SleepRequest.newBuilder().setMillis(20).build())
                        : stub.echo(EchoRequest.newBuilder().setText("n" + i).build());
                calls.add(outcome(call));
            }
            List<CompletableFuture<HttpResponse<String>>> jsonCalls = new ArrayList<>();
            for (int i = 0; i < JSON_CALLS; i++) {
                jsonCalls.add(http.sendAsync(HttpRequest.newBuilder(endpoints.http("/grpc/other/echo")).timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"j\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int maxSwitchboard = 0;
            int maxLive = 0;
            int samples = 0;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!allDone(calls, jsonCalls) && System.nanoTime() < giveUp) {
                String threads = monitor.send(HttpRequest.newBuilder(endpoints.http("/threads")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                int live = Integer.parseInt(threads.replaceAll(".*live=(\\d+).*", "$1"));
                int ours = Integer.parseInt(threads.replaceAll(".*switchboard=(\\d+).*", "$1"));
                maxLive = Math.max(maxLive, live);
                maxSwitchboard = Math.max(maxSwitchboard, ours);
                samples++;
                Thread.sleep(100);
            }
            Set<String> unexpected = new TreeSet<>();
            for (CompletableFuture<Status> call : calls) {
                Status status = call.get(1, TimeUnit.SECONDS);
                grpcOutcomes.computeIfAbsent(status.getCode(), c -> new AtomicInteger()).incrementAndGet();
                if (status.getCode() != Status.Code.OK && status.getCode() != Status.Code.RESOURCE_EXHAUSTED) {
                    unexpected.add(status.getCode() + ": " + status.getDescription());
                }
            }
            int jsonOk = 0;
            int jsonRefused = 0;
            for (CompletableFuture<HttpResponse<String>> call : jsonCalls) {
                HttpResponse<String> response = call.get(1, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    assertThat(response.body()).isEqualTo("{\"text\":\"other: j\"}");
                    jsonOk++;
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.body()).contains("\"code\":\"unavailable\"");
                    jsonRefused++;
                }
            }
            System.out.printf("SaturationIT: gRPC %s, JSON ok %d refused %d; threads sampled %d times: Switchboard's at most %d,"
                    + " live at most %d%n", grpcOutcomes, jsonOk, jsonRefused, samples, maxSwitchboard, maxLive);
            assertThat(grpcOutcomes.keySet()).as("outcomes; the others were " + unexpected)
                    .containsOnly(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED);
            assertThat(grpcOutcomes.get(Status.Code.OK).get()).isPositive();
            assertThat(grpcOutcomes).as("the limit was reached").containsKey(Status.Code.RESOURCE_EXHAUSTED);
            // JSON calls may all have met the gRPC flood at the limit (seen on the standalone Jetty): the ones after it must pass
            assertThat(jsonOk + jsonRefused).isEqualTo(JSON_CALLS);
            assertThat(samples).isPositive();
            assertThat(maxSwitchboard).as("Switchboard's threads").isLessThanOrEqualTo(CALL_THREADS + OTHER_THREADS);

            // every call counted out again: as many calls as the limit allows, at once, are all admitted
            List<CompletableFuture<Status>> after = new ArrayList<>();
            for (int i = 0; i < MAX_CALLS - 10; i++) {
                after.add(outcome(EchoServiceGrpc.newFutureStub(channels.get(i % CHANNELS)).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .sleep(SleepRequest.newBuilder().setMillis(300).build())));
            }
            for (CompletableFuture<Status> call : after) {
                assertThat(call.get(60, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
            }
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> json = Clients.postJson(http, endpoints.http("/grpc/other/echo"), "{\"text\":\"j\"}");
                assertThat(json.statusCode()).as("a JSON call after the flood: %s", json.body()).isEqualTo(200);
            }
        } finally {
            for (ManagedChannel channel : channels) {
                Clients.close(channel);
            }
        }
    }

    private static boolean allDone(List<CompletableFuture<Status>> calls, List<CompletableFuture<HttpResponse<String>>> jsonCalls) {
        return calls.stream().allMatch(CompletableFuture::isDone) && jsonCalls.stream().allMatch(CompletableFuture::isDone);
    }

    private static CompletableFuture<Status> outcome(ListenableFuture<EchoResponse> call) {
        CompletableFuture<Status> outcome = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(EchoResponse result) {
                outcome.complete(Status.OK);
            }

            @Override
            public void onFailure(Throwable t) {
                outcome.complete(Status.fromThrowable(t));
            }
        }, MoreExecutors.directExecutor());
        return outcome;
    }
}
