package dev.switchboard.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.ListenableFuture;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.OnEmbeddedJetty;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.EmbeddedJetty;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Switchboard starts and stops with the servlet context: on undeploy, calls in flight get the grace period, the rest
 * end with UNAVAILABLE (503 over JSON), and a redeploy serves again. A non-root context path serves JSON and warns
 * that native gRPC clients cannot reach it.
 */
class LifecycleIT extends OnEmbeddedJetty {

    private static Path war(String graceSeconds) {
        return Servers.export(TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, TestGateways.class,
                        OtherServiceImpl.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.SHUTDOWN_GRACE_SECONDS, graceSeconds), "web.xml"), dir);
    }

    private static SleepRequest sleep(long millis) {
        return SleepRequest.newBuilder().setMillis(millis).build();
    }

    private static CompletableFuture<HttpResponse<String>> jsonSleep(long millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Clients.postJson(Clients.http(endpoints), endpoints.http("/grpc/echoservice/sleep"), "{\"millis\":" + millis + "}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitInFlight(ListenableFuture<?> grpc, CompletableFuture<?> json) throws InterruptedException {
        // Both calls must have reached the service before the undeploy starts.
        Thread.sleep(300);
        assertThat(grpc.isDone()).isFalse();
        assertThat(json.isDone()).isFalse();
    }

    @Test
    void callsInFlightFinishWithinTheGracePeriod() throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("5"), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            ListenableFuture<EchoResponse> grpc = EchoServiceGrpc.newFutureStub(channel).sleep(sleep(1500));
            CompletableFuture<HttpResponse<String>> json = jsonSleep(1500);
            awaitInFlight(grpc, json);
            jetty.undeploy(deployment);
            assertThat(grpc.get(10, TimeUnit.SECONDS).getText()).isEqualTo("slept");
            assertThat(json.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            Clients.close(channel);
        }
    }

    /**
     * Stopping and starting the same context (embedded Jetty's {@code WebAppContext.stop()/start()}, not a redeploy):
     * Jetty keeps the filters and servlet a first start registered, so the second start finds them there.
     */
    @Test
    void stoppingAndStartingTheSameContextServesAgain() throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("1"), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).sleep(sleep(1)).getText()).isEqualTo("slept");
            for (int restart = 1; restart <= 2; restart++) {
                deployment.webAppContext().stop();
                deployment.webAppContext().start();
                assertThat(deployment.webAppContext().isAvailable()).as("restart %d", restart).isTrue();
                assertThat(EchoServiceGrpc.newBlockingStub(channel).sleep(sleep(1)).getText()).as("restart %d", restart)
                        .isEqualTo("slept");
                HttpResponse<String> json = Clients.postJson(Clients.http(endpoints), endpoints.http("/grpc/echoservice/sleep"),
                        "{\"millis\":1}");
                assertThat(json.statusCode()).as("restart %d: %s", restart, json.body()).isEqualTo(200);
            }
        } finally {
            Clients.close(channel);
            jetty.undeploy(deployment);
        }
    }

    @Test
    void callsPastTheGracePeriodEndWithUnavailableAndARedeployServesAgain() throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("1"), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            ListenableFuture<EchoResponse> grpc = EchoServiceGrpc.newFutureStub(channel).sleep(sleep(30_000));
            CompletableFuture<HttpResponse<String>> json = jsonSleep(30_000);
            awaitInFlight(grpc, json);
            long start = System.nanoTime();
            jetty.undeploy(deployment);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThatThrownBy(() -> grpc.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            HttpResponse<String> jsonResponse = json.get(10, TimeUnit.SECONDS);
            assertThat(jsonResponse.statusCode()).isEqualTo(503);
            assertThat(jsonResponse.body()).contains("\"code\":\"unavailable\"");

            EmbeddedJetty.Deployment again = jetty.deploy(war("1"), "/");
            try {
                assertThat(EchoServiceGrpc.newBlockingStub(channel).sleep(sleep(1)).getText()).isEqualTo("slept");
            } finally {
                jetty.undeploy(again);
            }
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void undeployWithHundredUnaryCallsAndTenStreamsInFlightLeavesNoCallHanging() throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("2"), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            java.util.List<ListenableFuture<EchoResponse>> unary = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                // half finish within the grace period, half would not
                unary.add(EchoServiceGrpc.newFutureStub(channel).sleep(sleep(i % 2 == 0 ? 500 : 20_000)));
            }
            java.util.List<java.util.concurrent.CompletableFuture<Status>> streams = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                java.util.concurrent.CompletableFuture<Status> done = new java.util.concurrent.CompletableFuture<>();
                EchoServiceGrpc.newStub(channel).count(dev.switchboard.test.v1.CountRequest.newBuilder().setUpTo(1000)
                        .setPauseMillis(50).build(), new io.grpc.stub.StreamObserver<>() {
                            @Override
                            public void onNext(EchoResponse value) {
                            }

                            @Override
                            public void onError(Throwable t) {
                                done.complete(Status.fromThrowable(t));
                            }

                            @Override
                            public void onCompleted() {
                                done.complete(Status.OK);
                            }
                        });
                streams.add(done);
            }
            // every call has reached the service (the server's own in-flight gauge says so) before the undeploy
            awaitActive("Sleep", 100);
            awaitActive("Count", 10);
            jetty.undeploy(deployment);
            int ok = 0;
            for (ListenableFuture<EchoResponse> call : unary) {
                try {
                    assertThat(call.get(10, TimeUnit.SECONDS).getText()).isEqualTo("slept");
                    ok++;
                } catch (ExecutionException e) {
                    assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                }
            }
            assertThat(ok).as("the calls that finish within the grace period complete").isGreaterThanOrEqualTo(50);
            for (java.util.concurrent.CompletableFuture<Status> stream : streams) {
                assertThat(stream.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void healthSaysNotServingBeforeCallsInFlightAreCut() throws Exception {
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("5"), "/");
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        try {
            // the service answers as soon as it sees NOT_SERVING: within the grace period only if health flipped first
            ListenableFuture<EchoResponse> watcher = EchoServiceGrpc.newFutureStub(channel).sleep(sleep(-1));
            Thread.sleep(300);
            assertThat(watcher.isDone()).isFalse();
            jetty.undeploy(deployment);
            assertThat(watcher.get(10, TimeUnit.SECONDS).getText()).isEqualTo("saw NOT_SERVING");
        } finally {
            Clients.close(channel);
        }
    }

    @Test
    void twentyRedeploysLeaveThreadsAndHeapFlat() throws Exception {
        long[] threads = new long[21];
        long[] heap = new long[21];
        java.net.http.HttpClient http = Clients.http(endpoints);
        java.util.Set<String> namesAtFive = java.util.Set.of();
        for (int cycle = 1; cycle <= 20; cycle++) {
            EmbeddedJetty.Deployment deployment = jetty.deploy(war("1"), "/");
            ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
            try {
                assertThat(EchoServiceGrpc.newBlockingStub(channel).sleep(sleep(1)).getText()).isEqualTo("slept");
                assertThat(Clients.postJson(http, endpoints.http("/grpc/echoservice/echo"), "{}").statusCode()).isEqualTo(200);
            } finally {
                Clients.close(channel);
                jetty.undeploy(deployment);
            }
            Thread.sleep(200);
            System.gc();
            threads[cycle] = Thread.activeCount();
            heap[cycle] = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            if (cycle == 5) {
                namesAtFive = threadNames();
            }
        }
        java.util.Set<String> added = new java.util.TreeSet<>(threadNames());
        added.removeAll(namesAtFive);
        // after warm-up (cycle 5), 15 more deploy/undeploy cycles add no threads and no retained application
        assertThat(threads[20]).as("threads by cycle: %s; new since cycle 5: %s", java.util.Arrays.toString(threads), added)
                .isLessThanOrEqualTo(threads[5] + 5);
        assertThat(heap[20] - heap[5]).as("heap by cycle: %s", java.util.Arrays.toString(heap)).isLessThan(40L * 1024 * 1024);
    }

    private static void awaitActive(String method, int calls) throws Exception {
        java.util.regex.Pattern gauge = java.util.regex.Pattern.compile("grpc_server_calls_active\\{method=\"switchboard.test.v1.EchoService/"
                + method + "\",protocol=\"grpc\"} ([0-9.]+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double active = 0;
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = gauge.matcher(Clients.send(Clients.http(endpoints), "GET", endpoints.http("/metrics"), null, null).body());
            active = m.find() ? Double.parseDouble(m.group(1)) : 0;
            if (active >= calls) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(active).as(method + " calls in flight").isGreaterThanOrEqualTo(calls);
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.add(thread.getName());
        }
        return names;
    }

    @Test
    void aNonRootContextServesJsonAndWarnsAboutGrpc() throws Exception {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.switchboard.internal.SwitchboardLifecycle");
        logger.addHandler(capture);
        EmbeddedJetty.Deployment deployment = jetty.deploy(war("1"), "/shop");
        try {
            HttpResponse<String> response = Clients.postJson(Clients.http(endpoints), endpoints.http("/shop/grpc/echoservice/echo"),
                    "{\"text\":\"under /shop\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"text\":\"under /shop\",\"echoText\":\"under /shop\"}");
            assertThat(warnings).anyMatch(m -> m.contains("/shop") && m.contains("ROOT.war") && m.contains("jboss-web.xml"));
            // on Jetty, gRPC calls are on Switchboard's own transports by default (switchboard.grpc-transport=auto)
            assertThat(warnings).anyMatch(m -> m.contains("on Switchboard's transports"));
        } finally {
            logger.removeHandler(capture);
            jetty.undeploy(deployment);
        }
    }
}
