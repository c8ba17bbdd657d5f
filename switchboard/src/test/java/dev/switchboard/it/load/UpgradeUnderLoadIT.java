package dev.switchboard.it.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.ProbeServlet;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

/**
 * Requests that ask to upgrade from HTTP/1.1 to h2c, as clients at their defaults make them — the JDK's
 * {@code HttpClient.newHttpClient()} on an {@code http://} address, {@code curl --http2} — sent to the connector that
 * serves gRPC while gRPC calls keep it busy: every one is answered within seconds, and no gRPC call fails meanwhile.
 * WildFly upgrades (the answer comes over HTTP/2); Jetty answers over HTTP/1.1, as the upgrade allows — the embedded
 * one by its connector's factory, the distribution by the module {@code switchboard-h2c} in the tests' jetty-base —
 * because Jetty 12.1's upgrade can leave a closed session behind that holds its graceful stop ({@code
 * PriorKnowledgeH2c}): the embedded suite's stop would then fail. (A plain GET from a new JDK client, upgraded, once
 * went unanswered until Jetty's 30 s idle timeout in CI, in {@code GrpcPortFeaturesIT}.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UpgradeUnderLoadIT {

    private static final int CLIENTS = 4;
    private static final int UPGRADES_PER_CLIENT = 40;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** Whether the container upgrades: WildFly; Jetty, embedded or the distribution, does not (see the class comment). */
    private static final boolean CONTAINER_UPGRADES = "wildfly".equals(System.getProperty("arquillian.launch"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, ProbeServlet.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void newJdkClientsUpgradeAndAreAnsweredWhileGrpcCallsRun() throws Exception {
        Map<String, Integer> outcomes = underGrpcLoad(() -> {
            Map<String, Integer> seen = new TreeMap<>();
            for (int i = 0; i < UPGRADES_PER_CLIENT; i++) {
                // A new client for each request: only a client's first request on a connection upgrades.
                HttpClient client = HttpClient.newHttpClient();
                String outcome;
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoints.http("/probe"))
                            .timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
                    outcome = response.version() + " " + response.statusCode()
                            + (response.body().matches("\\d+ \\d+") ? "" : " unexpected body: " + response.body());
                } catch (IOException e) {
                    outcome = e.toString();
                }
                seen.merge(outcome, 1, Integer::sum);
            }
            return seen;
        });
        assertThat(outcomes).containsExactly(Map.entry(CONTAINER_UPGRADES ? "HTTP_2 200" : "HTTP_1_1 200", CLIENTS * UPGRADES_PER_CLIENT));
    }

    @Test
    void curlUpgradesAndIsAnsweredWhileGrpcCallsRun() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Map<String, Integer> outcomes = underGrpcLoad(() -> {
            Map<String, Integer> seen = new TreeMap<>();
            for (int i = 0; i < UPGRADES_PER_CLIENT / 4; i++) {
                Process curl = new ProcessBuilder("/usr/bin/curl", "--http2", "-s", "-o", "/dev/null",
                        "--max-time", String.valueOf(ANSWER_WITHIN.toSeconds()), "-w", "%{http_version} %{http_code}",
                        endpoints.http("/probe").toString()).redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                boolean ended = curl.waitFor(ANSWER_WITHIN.toSeconds() + 5, TimeUnit.SECONDS);
                seen.merge(ended ? out + " (exit " + curl.exitValue() + ")" : "curl did not end", 1, Integer::sum);
                if (!ended) {
                    curl.destroyForcibly();
                }
            }
            return seen;
        });
        assertThat(outcomes).containsExactly(Map.entry((CONTAINER_UPGRADES ? "2" : "1.1") + " 200 (exit 0)", CLIENTS * (UPGRADES_PER_CLIENT / 4)));
    }

    @FunctionalInterface
    private interface Upgrades {
        Map<String, Integer> run() throws Exception;
    }

    /**
     * Runs {@code upgrades} on {@value #CLIENTS} threads while three threads make unary gRPC calls on the same
     * connector, and returns the upgrades' outcomes, summed; asserts every gRPC call succeeded.
     */
    private Map<String, Integer> underGrpcLoad(Upgrades upgrades) throws Exception {
        ManagedChannel channel = Clients.h2cChannelBuilder(endpoints).build();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 3);
        AtomicBoolean done = new AtomicBoolean();
        Map<String, Integer> grpc = new ConcurrentHashMap<>();
        try {
            EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(channel);
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                load.add(threads.submit(() -> {
                    while (!done.get() && System.nanoTime() < until) {
                        String outcome;
                        try {
                            String text = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                                    .echo(EchoRequest.newBuilder().setText("busy").build()).getText();
                            outcome = "busy".equals(text) ? "OK" : "wrong answer: " + text;
                        } catch (StatusRuntimeException e) {
                            outcome = e.getStatus().toString();
                        }
                        grpc.merge(outcome, 1, Integer::sum);
                    }
                }));
            }
            List<Future<Map<String, Integer>>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(threads.submit(upgrades::run));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<Map<String, Integer>> client : clients) {
                client.get(2, TimeUnit.MINUTES).forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
            }
            done.set(true);
            for (Future<?> f : load) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(grpc).as("the gRPC calls made meanwhile").containsOnlyKeys("OK");
            return outcomes;
        } finally {
            done.set(true);
            threads.shutdownNow();
            Clients.close(channel);
        }
    }
}
