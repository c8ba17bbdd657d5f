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
 * arrives, the answer with trailers, a trailers-only answer, a reset, a client's cancellation. The handler here plays
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
            default -> exchange.reset(new IllegalArgumentException(path));
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
