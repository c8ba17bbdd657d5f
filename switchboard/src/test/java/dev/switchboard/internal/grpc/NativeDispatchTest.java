package dev.switchboard.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.container.InlineFirstExecutor;
import dev.switchboard.internal.container.ServletContainer;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;

/**
 * {@link NativeDispatch} and {@link NativeUnaryStream} over an exchange of the test's own, which records what a
 * native transport would be asked to do: the calls it takes and those it leaves to the servlet layer, the answer of
 * a call (headers, framed message, trailers), errors as trailers-only answers, a client that goes away, a body that
 * never ends — and that every call taken leaves the call admission when its exchange is over.
 */
class NativeDispatchTest {

    private static final MethodDescriptor<byte[], byte[]> ECHO = TestCalls.method("Echo", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<byte[], byte[]> FAIL = TestCalls.method("Fail", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<byte[], byte[]> STREAM = TestCalls.method("Stream", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<byte[], byte[]> WATCHED = TestCalls.method("Watched", MethodDescriptor.MethodType.UNARY);

    private final CallAdmission admission = new CallAdmission(10);
    /** The thread the "Watched" method's close handler (its onComplete) ran on. */
    private volatile CompletableFuture<String> completedOn = new CompletableFuture<>();
    private final List<ServerServiceDefinition> definitions = List.of(ServerServiceDefinition.builder("test.Native")
            .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
                reply.onNext(request);
                reply.onCompleted();
            }))
            .addMethod(FAIL, ServerCalls.asyncUnaryCall((request, reply) ->
                    reply.onError(Status.NOT_FOUND.withDescription("no such thing").asRuntimeException())))
            .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((request, reply) -> reply.onCompleted()))
            .addMethod(WATCHED, ServerCalls.asyncUnaryCall((request, reply) -> {
                ((ServerCallStreamObserver<byte[]>) reply).setOnCloseHandler(
                        () -> completedOn.complete(Thread.currentThread().getName()));
                reply.onNext(request);
                reply.onCompleted();
            }))
            .build());
    private final SwitchboardTransport unary = new SwitchboardTransport(definitions, null, null, NonBlockingServices.none(), ServletContainer.detect("jetty/12.1"),
            16, Duration.ofMillis(300));
    private final NativeDispatch dispatch = new NativeDispatch(new GrpcDispatch(null, unary, definitions, new CallerHandoff(),
            admission, ServletContainer.detect("jetty/12.1"), NonBlockingServices.none()), unary, new CallerHandoff(), admission);

    @AfterEach
    void stop() {
        unary.shutdown();
    }

    @Test
    void answersAUnaryCallWithHeadersMessageAndTrailersInOneResponse() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame("hello".getBytes(StandardCharsets.UTF_8)));
        exchange.chunkSize = 3; // the body arrives in pieces

        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of()), exchange)).isTrue();

        Answer answer = exchange.answer.get(5, TimeUnit.SECONDS);
        assertThat(answer.headers()).containsSubsequence("content-type", "application/grpc");
        assertThat(answer.body()).isEqualTo(TestCalls.frame("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.trailers()).containsSubsequence("grpc-status", "0");
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void answersAnErrorAsTrailersOnly() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame(new byte[0]));
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Fail", Map.of()), exchange)).isTrue();

        Answer answer = exchange.answer.get(5, TimeUnit.SECONDS);
        assertThat(answer.trailers()).isNull();
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers()).containsSubsequence("grpc-status", "5").containsSubsequence("grpc-message", "no such thing");
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void refusesAMessageOverTheLimitWithItsStatus() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame(new byte[100])); // the limit is 16 bytes
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of()), exchange)).isTrue();

        Answer answer = exchange.answer.get(5, TimeUnit.SECONDS);
        assertThat(answer.headers()).containsSubsequence("grpc-status", Integer.toString(Status.Code.RESOURCE_EXHAUSTED.value()));
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void endsACallWhoseBodyDoesNotArriveWithinItsBudget() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame("x".getBytes(StandardCharsets.UTF_8)));
        exchange.endsBody = false; // a client that never finishes sending
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of()), exchange)).isTrue();

        Answer answer = exchange.answer.get(5, TimeUnit.SECONDS);
        assertThat(answer.headers()).containsSubsequence("grpc-status", Integer.toString(Status.Code.DEADLINE_EXCEEDED.value()));
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void resetsTheExchangeOfAClientThatWentAway() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame("x".getBytes(StandardCharsets.UTF_8)));
        exchange.endsBody = false;
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of()), exchange)).isTrue();

        exchange.onFailure.accept(new java.io.EOFException("reset by the client"));

        assertThat(exchange.reset.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(exchange.answer).isNotDone();
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    @Test
    void leavesToTheServletLayerWhatItMustSeeFirst() throws Exception {
        Exchange exchange = new Exchange(TestCalls.frame(new byte[0]));
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Stream", Map.of()), exchange)).as("streaming").isFalse();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Missing", Map.of()), exchange)).as("unknown method").isFalse();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of("Origin", "https://elsewhere")), exchange)).as("CORS").isFalse();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of("Content-Type", "application/grpc-web")), exchange))
                .as("gRPC-Web").isFalse();
        assertThat(dispatch.serve(TestCalls.request("/test.Native/Echo", Map.of("grpc-timeout", "soon")), exchange))
                .as("malformed, answered by the servlet layer").isFalse();
        assertThat(exchange.reads).isZero();
        assertThat(TestCalls.admissionFree(admission)).isTrue();
    }

    /**
     * The end of a call (grpc-core's closed callback, so the application's close handler) runs where its answer's
     * write completed when that is within the writing thread's call, and on the pool when another thread completes it
     * later — as the embedded Jetty's selector does for gathered writes, and must not be blocked by application code.
     */
    @Test
    void endsACallWhoseWriteCompletesOnAnotherThreadOnThePool() throws Exception {
        InlineFirstExecutor executor = new InlineFirstExecutor(16, task -> new Thread(task, "test-pool").start(), thread -> false);
        SwitchboardTransport transport = new SwitchboardTransport(definitions, executor, null, NonBlockingServices.none(), ServletContainer.detect("jetty/12.1"), 16,
                Duration.ofMillis(300));
        NativeDispatch pooled = new NativeDispatch(new GrpcDispatch(null, transport, definitions, new CallerHandoff(),
                admission, ServletContainer.detect("jetty/12.1"), NonBlockingServices.none()), transport, new CallerHandoff(), admission);
        try {
            Exchange now = new Exchange(TestCalls.frame(new byte[] {1}));
            assertThat(pooled.serve(TestCalls.request("/test.Native/Watched", Map.of()), now)).isTrue();
            assertThat(now.answer.get(5, TimeUnit.SECONDS).body()).isEqualTo(TestCalls.frame(new byte[] {1}));
            assertThat(completedOn.get(5, TimeUnit.SECONDS)).isEqualTo(Thread.currentThread().getName());

            completedOn = new CompletableFuture<>();
            Exchange later = new Exchange(TestCalls.frame(new byte[] {2}));
            later.completesLater = true;
            assertThat(pooled.serve(TestCalls.request("/test.Native/Watched", Map.of()), later)).isTrue();
            assertThat(later.answer.get(5, TimeUnit.SECONDS).body()).isEqualTo(TestCalls.frame(new byte[] {2}));
            // the call's callbacks have all run on this thread by now: the write completes on another one, after
            new Thread(() -> later.pendingDone.accept(null), "completer").start();
            assertThat(completedOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-pool");
            assertThat(TestCalls.admissionFree(admission)).isTrue();
        } finally {
            transport.shutdown();
        }
    }

    /**
     * A service that promised never to block is served where its call is delivered, even from a block that hands
     * every callback off (the Jetty-native front's parsing thread), to its end — which runs where its answer's write
     * completed; a service without the promise goes to the pool from there.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void servesAPromisedServiceWhereItsCallIsDelivered(boolean promised) throws Exception {
        AtomicInteger handedOff = new AtomicInteger();
        InlineFirstExecutor executor = new InlineFirstExecutor(16, task -> {
            handedOff.incrementAndGet();
            new Thread(task, "test-pool").start();
        }, thread -> false);
        NonBlockingServices services = promised ? NonBlockingServices.of(Set.of("test.Native")) : NonBlockingServices.none();
        ServletContainer jetty = ServletContainer.detect("jetty/12.1");
        SwitchboardTransport transport = new SwitchboardTransport(definitions, executor, null, services, jetty, 16,
                Duration.ofMillis(300));
        NativeDispatch front = new NativeDispatch(new GrpcDispatch(null, transport, definitions, new CallerHandoff(),
                admission, jetty, services), transport, new CallerHandoff(), admission);
        try {
            Exchange now = new Exchange(TestCalls.frame(new byte[] {3}));
            assertThat(front.serveWithoutBlocking(TestCalls.request("/test.Native/Watched", Map.of()), now)).isTrue();
            assertThat(now.answer.get(5, TimeUnit.SECONDS).body()).isEqualTo(TestCalls.frame(new byte[] {3}));
            assertThat(completedOn.get(5, TimeUnit.SECONDS)).as("where the call ran to its end")
                    .isEqualTo(promised ? Thread.currentThread().getName() : "test-pool");

            completedOn = new CompletableFuture<>();
            Exchange later = new Exchange(TestCalls.frame(new byte[] {4}));
            later.completesLater = true;
            assertThat(front.serveWithoutBlocking(TestCalls.request("/test.Native/Watched", Map.of()), later)).isTrue();
            assertThat(later.answer.get(5, TimeUnit.SECONDS).body()).isEqualTo(TestCalls.frame(new byte[] {4}));
            new Thread(() -> later.pendingDone.accept(null), "completer").start();
            assertThat(completedOn.get(5, TimeUnit.SECONDS)).as("where the call ended after a write completed later")
                    .isEqualTo(promised ? "completer" : "test-pool");
            if (promised) {
                assertThat(handedOff).as("callbacks handed to the pool, grpc-core's method lookup among them").hasValue(0);
            }
            assertThat(TestCalls.admissionFree(admission)).isTrue();
        } finally {
            transport.shutdown();
        }
    }

    private record Answer(List<String> headers, byte[] body, List<String> trailers) {
    }

    /** Delivers its body on the reading thread (in pieces of {@code chunkSize}) and records the answer. */
    private static final class Exchange implements NativeExchange {
        private final byte[] body;
        int chunkSize = Integer.MAX_VALUE;
        boolean endsBody = true;
        /** Whether the write completes later, on another thread (as a selector would), not within respond. */
        boolean completesLater;
        /** With {@link #completesLater}: what completes the write. */
        volatile Consumer<Throwable> pendingDone;
        int reads;
        Consumer<Throwable> onFailure;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        final CompletableFuture<Throwable> reset = new CompletableFuture<>();

        Exchange(byte[] body) {
            this.body = body;
        }

        @Override
        public void read(Body receiver) {
            reads++;
            for (int at = 0; at < body.length; at += chunkSize) {
                receiver.data(ByteBuffer.wrap(body, at, Math.min(chunkSize, body.length - at)));
            }
            if (endsBody) {
                receiver.end();
            }
        }

        @Override
        public void respond(List<String> headers, byte[] bytes, int length, List<String> trailers, Consumer<Throwable> done) {
            byte[] copy = bytes == null ? new byte[0] : java.util.Arrays.copyOf(bytes, length);
            answer.complete(new Answer(new ArrayList<>(headers), copy, trailers == null ? null : new ArrayList<>(trailers)));
            if (completesLater) {
                pendingDone = done;
            } else {
                done.accept(null);
            }
        }

        @Override
        public void reset(Throwable cause) {
            reset.complete(cause);
        }

        @Override
        public void watchFailure(Consumer<Throwable> onFailure) {
            this.onFailure = onFailure;
        }
    }
}
