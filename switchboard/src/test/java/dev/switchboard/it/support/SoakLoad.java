package dev.switchboard.it.support;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.test.v1.CountRequest;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import dev.switchboard.test.v1.SleepRequest;
import dev.switchboard.testing.jetty.JettyEndpoints;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * What {@link dev.switchboard.it.load.SoakIT} runs: kinds of calls, each repeated by one client thread, and what each
 * call should end as.
 * Cancels and deadlines reset their streams (RST_STREAM), which containers count per connection against rapid-reset
 * attacks — Undertow closes a connection after 200 resets within 30 s, whatever else is in flight on it (not
 * configurable in WildFly 39; see the Deployment guide) — so those kinds use connections of their own, each for at
 * most {@value #RESETS_PER_CONNECTION} calls. On WildFly those connections may still be closed under a call: Undertow
 * 2.3 answers a client's RST_STREAM for a stream it counts as idle with GOAWAY(PROTOCOL_ERROR) for the whole
 * connection ({@code Http2Channel.isIdle}), which a client racing its own deadline sometimes triggers (about one in a
 * few hundred such calls here). The caller gets an error either way; such outcomes of those kinds are counted apart,
 * as the container's, not Switchboard's.
 */
public final class SoakLoad {

    static final int RESETS_PER_CONNECTION = 100;
    private static final java.util.Set<String> RESETTING_KINDS = java.util.Set.of("grpc cancel mid-stream", "grpc deadline");

    private static final String JSON = "/grpc/echoservice/";
    /** A text large enough to need several flow-control windows of the small-window client. */
    private static final String LARGE_TEXT = "x".repeat(100_000);

    /** One kind of call: its name and one call, which returns its outcome ("OK" or a status code name). */
    public record Kind(String name, String expected, Call call) {
    }

    @FunctionalInterface
    interface Call {
        String run() throws Exception;
    }

    private final JettyEndpoints endpoints;
    private final EchoServiceGrpc.EchoServiceBlockingStub h2c;
    private final EchoServiceGrpc.EchoServiceBlockingStub tls;
    private final EchoServiceGrpc.EchoServiceStub h2cAsync;
    private final HttpClient http1;
    private final HttpClient http2;
    private final Map<String, Map<String, Integer>> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private int round;
    private final ResettingChannel cancels;
    private final ResettingChannel deadlines;

    public SoakLoad(JettyEndpoints endpoints, ManagedChannel h2c, ManagedChannel tls, HttpClient http1,
            HttpClient http2) {
        this.endpoints = endpoints;
        this.h2c = EchoServiceGrpc.newBlockingStub(h2c);
        this.tls = EchoServiceGrpc.newBlockingStub(tls);
        this.h2cAsync = EchoServiceGrpc.newStub(h2c);
        this.http1 = http1;
        this.http2 = http2;
        this.cancels = new ResettingChannel(endpoints);
        this.deadlines = new ResettingChannel(endpoints);
    }

    /** A channel for calls that end in a reset, replaced by a new one after {@value #RESETS_PER_CONNECTION} calls. */
    private static final class ResettingChannel {
        private final JettyEndpoints endpoints;
        private ManagedChannel channel;
        private int calls;

        ResettingChannel(JettyEndpoints endpoints) {
            this.endpoints = endpoints;
        }

        synchronized EchoServiceGrpc.EchoServiceBlockingStub stub() throws InterruptedException {
            if (channel == null || calls++ >= RESETS_PER_CONNECTION) {
                close();
                channel = Clients.h2cChannelBuilder(endpoints).build();
                calls = 1;
            }
            return EchoServiceGrpc.newBlockingStub(channel);
        }

        synchronized void close() throws InterruptedException {
            if (channel != null) {
                channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
                channel.shutdownNow();
                channel = null;
            }
        }
    }

    /** Closes the connections of its own. */
    public void close() throws InterruptedException {
        cancels.close();
        deadlines.close();
    }

    /** grpc-java over TLS with a 64 KiB window, as grpc-js and most HTTP/2 clients have. */
    public static ManagedChannel smallWindowTls(JettyEndpoints endpoints) throws Exception {
        return NettyChannelBuilder.forAddress(endpoints.host(), endpoints.httpsPort())
                .flowControlWindow(64 * 1024)
                .sslContext(GrpcSslContexts.forClient().trustManager(new ByteArrayInputStream(
                        endpoints.certificate().certificatePem().getBytes(StandardCharsets.US_ASCII))).build())
                .build();
    }

    public List<Kind> kinds() {
        return List.of(
                new Kind("grpc unary h2c", "OK", () -> unary(h2c, "hello")),
                new Kind("grpc unary tls 100 KB", "OK", () -> unary(tls, LARGE_TEXT)),
                new Kind("grpc server stream", "OK", this::serverStream),
                new Kind("grpc bidi", "OK", this::chat),
                new Kind("grpc cancel mid-stream", "CANCELLED", this::cancelMidStream),
                new Kind("grpc deadline", "DEADLINE_EXCEEDED", this::deadline),
                new Kind("json http/1.1", "200", () -> json(http1, endpoints.http(JSON + "echo"), "hello")),
                new Kind("json h2 100 KB", "200", () -> json(http2, endpoints.https(JSON + "echo"), LARGE_TEXT)),
                new Kind("json ndjson stream", "200", this::ndjson),
                new Kind("json deadline", "504", this::jsonDeadline));
    }

    /** Repeats one kind until {@code until} (System.nanoTime()), counting outcomes. */
    public void repeat(Kind kind, long until) {
        while (System.nanoTime() < until) {
            String outcome;
            try {
                outcome = kind.call().run();
            } catch (StatusRuntimeException e) {
                outcome = e.getStatus().getCode() + " (" + e.getStatus().getDescription() + ")";
            } catch (Exception e) {
                outcome = e.toString();
            }
            boolean meant = outcome.equals(kind.expected());
            String key = meant ? outcome : containersOwn(kind, outcome) ? "Undertow's GOAWAY: " + outcome : "unexpected: " + outcome;
            outcomes.computeIfAbsent(kind.name(), k -> new ConcurrentHashMap<>()).merge(key, 1, Integer::sum);
            if (key.startsWith("unexpected") && unexpected.size() < 50) {
                unexpected.add(kind.name() + ": " + outcome);
            }
        }
    }

    /** A reset kind's connection closed by Undertow's GOAWAY on WildFly (see the class comment). */
    private static boolean containersOwn(Kind kind, String outcome) {
        return RESETTING_KINDS.contains(kind.name()) && "wildfly".equals(System.getProperty("switchboard.test.container"))
                && outcome.contains("GOAWAY") && outcome.contains("PROTOCOL_ERROR");
    }

    public Map<String, Map<String, Integer>> outcomes() {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        outcomes.forEach((kind, counts) -> copy.put(kind, new TreeMap<>(counts)));
        outcomes.clear();
        return copy;
    }

    public List<String> unexpected() {
        List<String> list = new ArrayList<>(unexpected);
        unexpected.clear();
        return list;
    }

    private static String unary(EchoServiceGrpc.EchoServiceBlockingStub stub, String text) {
        EchoResponse response = stub.withDeadlineAfter(20, TimeUnit.SECONDS).echo(EchoRequest.newBuilder().setText(text).build());
        return response.getText().equals(text) ? "OK" : "wrong answer";
    }

    private String serverStream() {
        Iterator<EchoResponse> messages = h2c.withDeadlineAfter(20, TimeUnit.SECONDS)
                .count(CountRequest.newBuilder().setUpTo(20).build());
        int n = 0;
        while (messages.hasNext()) {
            if (messages.next().getNumber() != ++n) {
                return "out of order at " + n;
            }
        }
        return n == 20 ? "OK" : n + " of 20 messages";
    }

    private String chat() throws InterruptedException {
        CallEvents<EchoRequest, EchoResponse> events = new CallEvents<>();
        io.grpc.stub.StreamObserver<EchoRequest> requests = h2cAsync.withDeadlineAfter(20, TimeUnit.SECONDS).chat(events);
        for (int i = 0; i < 5; i++) {
            requests.onNext(EchoRequest.newBuilder().setText("m" + i).build());
            Object answer = events.poll(20);
            if (!(answer instanceof EchoResponse response) || !response.getText().equals("m" + i)) {
                requests.onError(Status.CANCELLED.asRuntimeException());
                return "answer " + i + ": " + answer;
            }
        }
        requests.onCompleted();
        Status end = events.end(20);
        return end.isOk() ? "OK" : end.getCode().name();
    }

    private String cancelMidStream() throws InterruptedException {
        EchoServiceGrpc.EchoServiceBlockingStub stub = cancels.stub();
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            return context.call(() -> {
                Iterator<EchoResponse> messages = stub.withDeadlineAfter(20, TimeUnit.SECONDS)
                        .count(CountRequest.newBuilder().setUpTo(1000).setPauseMillis(5).build());
                for (int i = 0; i < 3; i++) {
                    messages.next();
                }
                context.cancel(null);
                try {
                    while (messages.hasNext()) {
                        messages.next();
                    }
                    return "completed despite the cancel";
                } catch (StatusRuntimeException e) {
                    return e.getStatus().getCode().name();
                }
            });
        } catch (Exception e) {
            return e.toString();
        } finally {
            context.cancel(null);
        }
    }

    private String deadline() throws InterruptedException {
        EchoServiceGrpc.EchoServiceBlockingStub stub = deadlines.stub();
        try {
            stub.withDeadlineAfter(100 + (round++ % 5) * 20L, TimeUnit.MILLISECONDS)
                    .sleep(SleepRequest.newBuilder().setMillis(5000).build());
            return "answered";
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            return status.getCode() == Status.Code.DEADLINE_EXCEEDED ? status.getCode().name()
                    : status.getCode() + " (" + status.getDescription() + ")";
        }
    }

    private static String json(HttpClient client, URI uri, String text) throws Exception {
        String body = "{\"text\":\"" + text + "\"}";
        HttpResponse<String> response = Clients.postJson(client, uri, body);
        if (response.statusCode() == 200 && !response.body().contains(text)) {
            return "200 without the text";
        }
        return String.valueOf(response.statusCode());
    }

    private String ndjson() throws Exception {
        HttpResponse<InputStream> response = http1.send(HttpRequest.newBuilder(endpoints.http(JSON + "count"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"upTo\":10}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            int n = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.equals("{\"number\":" + (n + 1) + "}")) {
                    return "line " + (n + 1) + ": " + line;
                }
                n++;
            }
            return n == 10 ? String.valueOf(response.statusCode()) : n + " of 10 lines";
        }
    }

    private String jsonDeadline() throws Exception {
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(endpoints.https(JSON + "sleep"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("grpc-timeout", "100m")
                .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":5000}")).build(), HttpResponse.BodyHandlers.ofString());
        return String.valueOf(response.statusCode());
    }
}
