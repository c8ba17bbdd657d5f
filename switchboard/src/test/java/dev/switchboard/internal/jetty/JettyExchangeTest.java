package dev.switchboard.internal.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.internal.grpc.NativeExchange;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

/**
 * {@link JettyExchange} on a real Jetty 12.1 server (h2c) with grpc-java's client at its defaults: the body as it
 * arrives (and paused and resumed by its receiver), the answer with trailers, a streamed answer (sends, then trailers),
 * a trailers-only answer, a reset, a client's cancellation. The handler here plays
 * Switchboard's part with the framed bytes (echoing them, or as the path says), so what is tested is the exchange.
 */
class JettyExchangeTest {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static Server server;
    private static ManagedChannel channel;
    /** What the handler of the "watch" method saw: the client's cancellation. */
    private static final CompletableFuture<Throwable> WATCHED = new CompletableFuture<>();
    /** The server stream's middle message: larger than one DATA frame and than the client's first window. */
    private static final int LARGE = 200 * 1024;
    /** How many times the paced body stopped reading. */
    private static final java.util.concurrent.atomic.AtomicInteger PAUSES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config),
                new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(Request.getPathInContext(request), new JettyExchange(request, response, callback));
                return true;
            }
        });
        server.start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", connector.getLocalPort(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(8 * 1024 * 1024).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Switchboard's part, by method: what a {@code NativeUnaryStream} would do with the exchange, reduced. */
    private static void serve(String path, JettyExchange exchange) {
        List<String> headers = List.of("content-type", "application/grpc");
        switch (path) {
            case "/test.Exchange/Echo" -> exchange.read(new Collect(bytes -> exchange.respond(headers, bytes, bytes.length,
                    List.of("grpc-status", "0"), done -> { })));
            case "/test.Exchange/Refuse" -> exchange.respond(List.of("content-type", "application/grpc", "grpc-status", "7",
                    "grpc-message", "not you"), null, 0, null, done -> { });
            case "/test.Exchange/Reset" -> exchange.read(new Collect(bytes -> exchange.reset(new IllegalStateException("test"))));
            case "/test.Exchange/Watch" -> {
                exchange.watchFailure(failure -> {
                    WATCHED.complete(failure);
                    exchange.reset(failure);
                });
                exchange.read(new Collect(bytes -> { }));
            }
            case "/test.Exchange/Throw" -> exchange.read(new Collect(bytes -> {
                throw new IllegalStateException("a bug in the receiver (this test's, on purpose)");
            }));
            case "/test.Exchange/Stream" -> exchange.read(new Collect(bytes -> {
                exchange.begin(headers);
                sendInTurn(exchange, List.of(framed(new byte[] {1}), framed(new byte[LARGE]), framed(new byte[] {3})));
            }));
            case "/test.Exchange/Paced" -> {
                Paced paced = new Paced(exchange, bytes -> exchange.respond(headers, bytes, bytes.length,
                        List.of("grpc-status", "0"), done -> { }));
                exchange.read(paced);
            }
            default -> exchange.reset(new IllegalArgumentException(path));
        }
    }

    /** A streamed answer: each send after the previous one completed, as Switchboard's stream sends, then trailers. */
    private static void sendInTurn(JettyExchange exchange, List<byte[]> sends) {
        if (sends.isEmpty()) {
            exchange.finish(List.of("grpc-status", "0"), done -> { });
            return;
        }
        byte[] next = sends.get(0);
        exchange.send(next, next.length, failure -> {
            if (failure == null) {
                sendInTurn(exchange, sends.subList(1, sends.size()));
            }
        });
    }

    private static byte[] framed(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /**
     * Collects the body as {@link Collect} does, but wants no more after each chunk until, 50 ms later, it says so
     * with {@link NativeExchange#resumeReading}: a lost resume leaves the call to its deadline.
     */
    private static final class Paced implements NativeExchange.Body {
        private final JettyExchange exchange;
        private final Collect collect;
        private volatile boolean open = true;

        Paced(JettyExchange exchange, java.util.function.Consumer<byte[]> atEnd) {
            this.exchange = exchange;
            this.collect = new Collect(atEnd);
        }

        @Override
        public boolean wantsMore() {
            return open;
        }

        @Override
        public void data(ByteBuffer chunk) {
            collect.data(chunk);
            open = false;
            PAUSES.incrementAndGet();
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> {
                open = true;
                exchange.resumeReading();
            });
        }

        @Override
        public void end() {
            collect.end();
        }

        @Override
        public void failed(Throwable cause) {
        }
    }

    /** Collects the body and hands it over at its end; fails the test's call if it could not be read. */
    private record Collect(ByteArrayOutputStream bytes, java.util.function.Consumer<byte[]> atEnd) implements NativeExchange.Body {
        Collect(java.util.function.Consumer<byte[]> atEnd) {
            this(new ByteArrayOutputStream(), atEnd);
        }

        @Override
        public void data(ByteBuffer chunk) {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            bytes.writeBytes(copy);
        }

        @Override
        public void end() {
            atEnd.accept(bytes.toByteArray());
        }

        @Override
        public void failed(Throwable cause) {
            // the client went away: nothing to answer
        }
    }

    private static byte[] call(String method, byte[] request, CallOptions options) {
        MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Exchange/" + method)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        return ClientCalls.blockingUnaryCall(channel, descriptor, options, request);
    }

    private static CallOptions within(int seconds) {
        return CallOptions.DEFAULT.withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    @Test
    void answersWithTheMessageAndTrailers() {
        byte[] message = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(call("Echo", message, within(10))).isEqualTo(message);
    }

    @Test
    void readsABodyOfManyChunks() {
        // 4 MiB: many DATA frames, beyond the stream's first window, so the reader must demand more as it goes
        byte[] message = new byte[4 * 1024 * 1024];
        new Random(22).nextBytes(message);
        assertThat(call("Echo", message, within(20))).isEqualTo(message);
    }

    @Test
    void answersABodyOfOneFrameAndOfOneByteMore() {
        // framed (5 bytes more): one DATA frame exactly, written with the trailers at once; one byte more, two writes
        for (int size : List.of(JettyExchange.ONE_FRAME - 5, JettyExchange.ONE_FRAME - 4)) {
            byte[] message = new byte[size];
            new Random(size).nextBytes(message);
            assertThat(call("Echo", message, within(10))).as("%d bytes", size).isEqualTo(message);
        }
    }

    @Test
    void answersTrailersOnly() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> call("Refuse", new byte[1], within(10)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(e.getStatus().getDescription()).isEqualTo("not you");
    }

    @Test
    void aResetReachesTheClientAsAResetStream() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> call("Reset", new byte[1], within(10)));
        // no answer, no error page: the stream is reset (grpc-java reports RST_STREAM's error code)
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.CANCELLED);
        assertThat(e.getStatus().getDescription()).contains("RST_STREAM").contains("HTTP/2 error code: CANCEL");
    }

    @Test
    void aReceiverThatThrowsEndsTheCallNotTheServer() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> call("Throw", new byte[1], within(10)));
        assertThat(e.getStatus().getDescription()).contains("RST_STREAM");
        assertThat(call("Echo", new byte[] {1, 2, 3}, within(10))).containsExactly(1, 2, 3);
    }

    @Test
    void streamsSendsInTurnThenTrailers() {
        // Jetty's HTTP/2 takes the trailers supplier when the headers leave: set late, the stream would end without them
        MethodDescriptor<byte[], byte[]> stream = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("test.Exchange/Stream")
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        List<Integer> sizes = new java.util.ArrayList<>();
        ClientCalls.blockingServerStreamingCall(channel, stream, within(10), new byte[1]).forEachRemaining(m -> sizes.add(m.length));
        assertThat(sizes).containsExactly(1, LARGE, 1);
    }

    @Test
    void readsAgainWhenTheReceiverResumes() {
        // many chunks (the client's DATA frames), each followed by a pause the receiver ends itself
        byte[] message = new byte[256 * 1024];
        new Random(7).nextBytes(message);
        int before = PAUSES.get();
        assertThat(call("Paced", message, within(20))).isEqualTo(message);
        assertThat(PAUSES.get() - before).as("pauses").isGreaterThan(1);
    }

    @Test
    void hearsTheClientCancel() throws Exception {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Exchange/Watch")
                        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build(),
                        CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS), new byte[1]));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(WATCHED.get(10, TimeUnit.SECONDS)).isNotNull();
    }
}
