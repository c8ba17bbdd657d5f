package dev.switchboard.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.container.InlineFirstExecutor;
import dev.switchboard.internal.container.ServletContainer;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * {@link NativeStreamingStream} through {@link NativeDispatch}, over an exchange of the test's own that streams and
 * whose writes complete when the test says (as a client's HTTP/2 window would let them): a server stream goes out as
 * sends and ends with trailers; what is written while a send waits leaves as one send, and the call is not ready
 * meanwhile; the request is read no further ahead of the call than {@link NativeExchange#readAhead}; a
 * client's reset, an idle timeout and a server-side error end the call — and the call admission is free after each.
 */
class NativeStreamingStreamTest {

    private static final int TEN_KIB = 10 * 1024;
    private static final MethodDescriptor<byte[], byte[]> COUNT = TestCalls.method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<byte[], byte[]> FLOOD = TestCalls.method("Flood", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<byte[], byte[]> SLOW = TestCalls.method("Slow", MethodDescriptor.MethodType.BIDI_STREAMING);
    private static final MethodDescriptor<byte[], byte[]> FAILS = TestCalls.method("Fails", MethodDescriptor.MethodType.CLIENT_STREAMING);

    private final CallAdmission admission = new CallAdmission(10);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    /** Whether the flooding call was ready after each of its writes. */
    private final List<Boolean> readiness = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> readyAgain = new CompletableFuture<>();
    /** The slow call's observer, to request messages with, and what it has taken. */
    private final CompletableFuture<ServerCallStreamObserver<byte[]>> slowCall = new CompletableFuture<>();
    private final AtomicInteger taken = new AtomicInteger();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final List<ServerServiceDefinition> definitions = List.of(ServerServiceDefinition.builder("test.Native")
            .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((request, reply) -> {
                for (byte i = 1; i <= 3; i++) {
                    reply.onNext(new byte[] {i});
                }
                reply.onCompleted();
            }))
            .addMethod(FLOOD, ServerCalls.asyncServerStreamingCall((request, reply) -> {
                ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) reply;
                // grpc-java also runs it once the method returns, whether ready or not
                call.setOnReadyHandler(() -> {
                    if (readiness.size() == 5 && call.isReady() && readyAgain.complete(null)) {
                        call.onCompleted();
                    }
                });
                for (int i = 0; i < 5; i++) {
                    call.onNext(new byte[TEN_KIB]);
                    readiness.add(call.isReady());
                }
            }))
            .addMethod(SLOW, ServerCalls.asyncBidiStreamingCall(reply -> {
                ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) reply;
                call.disableAutoRequest();
                call.setOnCancelHandler(() -> cancelled.complete(null));
                slowCall.complete(call);
                return new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] value) {
                        taken.incrementAndGet();
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        call.onNext(new byte[] {(byte) taken.get()});
                        call.onCompleted();
                    }
                };
            }))
            .addMethod(FAILS, ServerCalls.asyncClientStreamingCall(reply -> new StreamObserver<>() {
                @Override
                public void onNext(byte[] value) {
                    reply.onError(Status.FAILED_PRECONDITION.withDescription("not that").asRuntimeException());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            }))
            .build());
    private final SwitchboardTransport transport = new SwitchboardTransport(definitions,
            new InlineFirstExecutor(8, pool, thread -> false), pool, NonBlockingServices.none(), ServletContainer.detect("jetty/12.1"), 1024 * 1024,
            Duration.ofSeconds(5));
    private final NativeDispatch dispatch = new NativeDispatch(new GrpcDispatch(null, transport, definitions,
            new CallerHandoff(), admission, ServletContainer.detect("jetty/12.1"), NonBlockingServices.none()), transport, new CallerHandoff(), admission);

    @AfterEach
    void stop() {
        transport.shutdown();
        pool.shutdownNow();
    }

    @Test
    void aServerStreamGoesOutAsSendsAfterItsHeadersAndEndsWithTrailers() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        exchange.offer(TestCalls.frame(new byte[0]));
        exchange.offerEnd();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Count", Map.of()), exchange)).isTrue();

        assertThat(exchange.trailers.get(5, TimeUnit.SECONDS)).containsSubsequence("grpc-status", "0");
        assertThat(exchange.headers).containsSubsequence("content-type", "application/grpc");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte i = 1; i <= 3; i++) {
            expected.write(TestCalls.frame(new byte[] {i}));
        }
        assertThat(exchange.sent()).isEqualTo(expected.toByteArray());
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void whatIsWrittenWhileASendWaitsForTheWindowLeavesAsOneSendAndTheCallIsNotReadyMeanwhile() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        exchange.holdSends = true;
        exchange.offer(TestCalls.frame(new byte[0]));
        exchange.offerEnd();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Flood", Map.of()), exchange)).isTrue();

        // the headers' send is with the exchange, held; 50 KiB of messages wait behind it
        waitFor(() -> readiness.size() == 5);
        assertThat(readiness).as("ready after each 10 KiB write").containsExactly(true, true, true, false, false);
        assertThat(exchange.sends).hasSize(1);

        exchange.completeHeldSend(); // the headers' send
        waitFor(() -> exchange.sends.size() == 2);
        assertThat(exchange.sends.get(1).length).as("all five messages in one send").isEqualTo(5 * (5 + TEN_KIB));
        assertThat(readyAgain).as("not ready until the window takes them").isNotDone();

        exchange.holdSends = false;
        exchange.completeHeldSend();
        readyAgain.get(5, TimeUnit.SECONDS);
        assertThat(exchange.trailers.get(5, TimeUnit.SECONDS)).containsSubsequence("grpc-status", "0");
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void readsNoFurtherAheadOfTheCallThanItsReadAhead() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        int messages = 100; // 1 MiB, eight times the read-ahead
        for (int i = 0; i < messages; i++) {
            exchange.offer(TestCalls.frame(new byte[TEN_KIB]));
        }
        exchange.offerEnd();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Slow", Map.of()), exchange)).isTrue();
        ServerCallStreamObserver<byte[]> call = slowCall.get(5, TimeUnit.SECONDS);

        Thread.sleep(200);
        assertThat(exchange.delivered.get()).as("read while the call takes nothing")
                .isLessThanOrEqualTo(NativeExchange.DEFAULT_READ_AHEAD + TEN_KIB + 5);
        assertThat(taken).hasValue(0);

        call.request(messages);
        assertThat(exchange.trailers.get(5, TimeUnit.SECONDS)).containsSubsequence("grpc-status", "0");
        assertThat(taken).hasValue(messages);
        assertThat(exchange.sent()).isEqualTo(TestCalls.frame(new byte[] {(byte) messages}));
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void aClientsResetCancelsTheCallAndEndsTheExchange() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Slow", Map.of()), exchange)).isTrue();
        slowCall.get(5, TimeUnit.SECONDS);

        exchange.onFailure.accept(new java.io.EOFException("reset by the client"));

        cancelled.get(5, TimeUnit.SECONDS);
        assertThat(exchange.reset.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(exchange.trailers).isNotDone();
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void aStreamQuietPastTheIdleTimeoutEndsWithDeadlineExceeded() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Slow", Map.of()), exchange)).isTrue();
        slowCall.get(5, TimeUnit.SECONDS).onNext(new byte[] {1}); // the answer has begun

        exchange.receiver.idle(new TimeoutException("Idle timeout expired: 30000/30000 ms"));

        List<String> trailers = exchange.trailers.get(5, TimeUnit.SECONDS);
        assertThat(trailers).containsSubsequence("grpc-status", Integer.toString(Status.Code.DEADLINE_EXCEEDED.value()));
        assertThat(String.join(" ", trailers)).contains("Idle timeout expired");
        cancelled.get(5, TimeUnit.SECONDS);
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void anErrorBeforeAnyMessageIsATrailersOnlyAnswer() throws Exception {
        StreamingExchange exchange = new StreamingExchange();
        exchange.offer(TestCalls.frame(new byte[] {1}));
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Fails", Map.of()), exchange)).isTrue();

        List<String> headers = exchange.trailersOnly.get(5, TimeUnit.SECONDS);
        assertThat(headers).containsSubsequence("grpc-status", Integer.toString(Status.Code.FAILED_PRECONDITION.value()))
                .containsSubsequence("grpc-message", "not that");
        assertThat(exchange.sends).isEmpty();
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
    }

    /**
     * Delivers the body it was offered while the receiver wants more (and again on {@link #resumeReading}), and records
     * the answer; a send completes at once, or, with {@link #holdSends}, when the test completes it.
     */
    private static final class StreamingExchange implements NativeExchange {
        private final ArrayDeque<byte[]> offered = new ArrayDeque<>();
        private boolean ends;
        volatile Body receiver;
        final AtomicInteger delivered = new AtomicInteger();
        volatile boolean holdSends;
        private volatile Consumer<Throwable> held;
        volatile List<String> headers;
        final List<byte[]> sends = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<List<String>> trailers = new CompletableFuture<>();
        final CompletableFuture<List<String>> trailersOnly = new CompletableFuture<>();
        final CompletableFuture<Throwable> reset = new CompletableFuture<>();
        volatile Consumer<Throwable> onFailure;

        synchronized void offer(byte[] bytes) {
            offered.add(bytes);
        }

        synchronized void offerEnd() {
            ends = true;
        }

        @Override
        public boolean streams() {
            return true;
        }

        @Override
        public void read(Body body) {
            receiver = body;
            deliver();
        }

        @Override
        public void resumeReading() {
            deliver();
        }

        private synchronized void deliver() {
            while (!offered.isEmpty() && receiver.wantsMore()) {
                byte[] next = offered.poll();
                delivered.addAndGet(next.length);
                receiver.data(ByteBuffer.wrap(next));
            }
            if (offered.isEmpty() && ends) {
                ends = false;
                receiver.end();
            }
        }

        @Override
        public void begin(List<String> fields) {
            headers = List.copyOf(fields);
        }

        @Override
        public void send(byte[] bytes, int length, Consumer<Throwable> done) {
            sends.add(bytes == null ? new byte[0] : java.util.Arrays.copyOf(bytes, length));
            if (holdSends) {
                held = done;
            } else {
                done.accept(null);
            }
        }

        void completeHeldSend() {
            Consumer<Throwable> done = held;
            held = null;
            done.accept(null);
        }

        byte[] sent() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            synchronized (sends) {
                sends.forEach(all::writeBytes);
            }
            return all.toByteArray();
        }

        @Override
        public void finish(List<String> fields, Consumer<Throwable> done) {
            trailers.complete(List.copyOf(fields));
            done.accept(null);
        }

        @Override
        public void respond(List<String> fields, byte[] bytes, int length, List<String> trailerFields, Consumer<Throwable> done) {
            trailersOnly.complete(List.copyOf(fields));
            done.accept(null);
        }

        @Override
        public void reset(Throwable cause) {
            reset.complete(cause);
        }

        @Override
        public void watchFailure(Consumer<Throwable> listener) {
            onFailure = listener;
        }
    }
}
