package dev.switchboard.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.switchboard.it.services.EchoImpl;
import dev.switchboard.it.services.EchoService;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SeenHeaders;
import dev.switchboard.it.services.TestGateways;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.ProbeServlet;
import dev.switchboard.it.support.SoakLoad;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.ManagedChannel;

/**
 * A bounded soak: unary, streaming, JSON, cancels and deadlines from several clients at once — grpc-java over h2c and
 * over TLS with a small flow-control window, the JDK's HTTP client over HTTP/1.1 and HTTP/2 — for
 * {@value #PROPERTY} seconds (default {@value #DEFAULT_SECONDS}; the {@code soak} profile runs minutes). Afterwards:
 * no call failed that was not meant to (a cancelled call is CANCELLED, one past its deadline DEADLINE_EXCEEDED), no
 * call is left in flight on the server, and its threads and heap are back near what they were after a warm-up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoakIT {

    static final String PROPERTY = "switchboard.soak.seconds";
    static final int DEFAULT_SECONDS = 15;
    private static final Pattern ACTIVE_CALLS = Pattern.compile("(?m)^grpc_server_calls_active\\{[^}]*} ([0-9.]+)$");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", EchoImpl.class, EchoService.class, SeenHeaders.class, OtherServiceImpl.class,
                TestGateways.class, ProbeServlet.class);
    }

    @ArquillianResource
    JettyEndpoints endpoints;

    @Test
    void everyCallEndsAsMeantAndNothingIsLeftBehind() throws Exception {
        long seconds = Long.getLong(PROPERTY, DEFAULT_SECONDS);
        HttpClient http1 = Clients.http(endpoints);
        HttpClient http2 = Clients.https(endpoints);
        ManagedChannel h2c = Clients.h2cChannelBuilder(endpoints).build();
        ManagedChannel tls = SoakLoad.smallWindowTls(endpoints);
        SoakLoad load = new SoakLoad(endpoints, h2c, tls, http1, http2);
        StackTraces logged = StackTraces.capture();
        try {
            // Warm-up: pools, JIT and connections reach their working size; the baseline is taken after it.
            Map<String, Map<String, Integer>> warmUp = run(load, Math.min(5, seconds));
            assertThat(load.unexpected()).as("calls of the warm-up that ended otherwise than meant: %s", warmUp).isEmpty();
            settle();
            long[] baseline = probe(http1);

            Map<String, Map<String, Integer>> outcomes = run(load, seconds);

            assertThat(load.unexpected()).as("calls that ended otherwise than meant, by kind: %s", outcomes).isEmpty();
            assertThat(outcomes.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum())
                    .as("calls made").isGreaterThan(100);
            awaitNoCallsInFlight(http1);
            settle();
            long[] after = probe(http1);
            System.out.printf("SoakIT: %d s; outcomes %s; server threads %d -> %d, heap %d MB -> %d MB%n", seconds, outcomes,
                    baseline[0], after[0], baseline[1] >> 20, after[1] >> 20);
            assertThat(after[0]).as("server threads after the soak (baseline %s)", baseline[0]).isLessThanOrEqualTo(baseline[0] + 24);
            assertThat(after[1]).as("server heap after the soak and a GC (baseline %s)", baseline[1])
                    .isLessThanOrEqualTo(baseline[1] + 64L * 1024 * 1024);
            assertThat(logged.records()).as("log records with a stack trace (embedded Jetty: the server logs in this JVM)")
                    .isEmpty();
        } finally {
            logged.stop();
            load.close();
            Clients.close(h2c);
            Clients.close(tls);
        }
    }

    /** Records at WARNING and above that carry a stack trace, logged in this JVM (where the embedded server runs). */
    private static final class StackTraces extends Handler {
        private final List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        static StackTraces capture() {
            StackTraces handler = new StackTraces();
            Logger.getLogger("").addHandler(handler);
            return handler;
        }

        /**
         * A client's warning, not the server's: grpc-java's channel that was collected without a shutdown — grpc-java's
         * own interop client (InteropIT's channel_soak) leaves some, and the collection may come during this test.
         */
        private static final String ORPHANED_CHANNEL = "io.grpc.internal.ManagedChannelOrphanWrapper";

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getThrown() != null && records.size() < 20
                    && !ORPHANED_CHANNEL.equals(record.getLoggerName())) {
                records.add(record.getLoggerName() + ": " + record.getMessage() + ": " + record.getThrown());
            }
        }

        List<String> records() {
            return records;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Runs every kind of client for {@code seconds}, each on a thread of its own; outcomes by kind. */
    private static Map<String, Map<String, Integer>> run(SoakLoad load, long seconds) throws Exception {
        List<SoakLoad.Kind> kinds = load.kinds();
        ExecutorService threads = Executors.newFixedThreadPool(kinds.size());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<?>> running = new ArrayList<>();
            for (SoakLoad.Kind kind : kinds) {
                running.add(threads.submit(() -> load.repeat(kind, until)));
            }
            for (Future<?> future : running) {
                future.get(seconds + 60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return load.outcomes();
    }

    /** Gives the server a moment after load: calls just ended, idle connections, the collector. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    /** The server's live threads and heap after a GC, from the test WAR's probe. */
    private long[] probe(HttpClient http) throws Exception {
        HttpResponse<String> response = Clients.send(http, "GET", endpoints.http("/probe?gc=true"), null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        String[] parts = response.body().trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** Switchboard's own count of calls in flight, summed over methods and protocols, falls to 0 within 10 s. */
    private void awaitNoCallsInFlight(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double active;
        do {
            HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(endpoints.http("/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            active = 0;
            Matcher matcher = ACTIVE_CALLS.matcher(metrics.body());
            while (matcher.find()) {
                active += Double.parseDouble(matcher.group(1));
            }
            if (active == 0) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(active).as("calls still in flight on the server 10 s after the soak").isZero();
    }
}
