package dev.switchboard.internal.gateway;

import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.gateway.codec.JsonCodec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;
import dev.switchboard.test.v1.EchoServiceGrpc;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.ServerCalls;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

/** A unary call over HTTP as GatewayDispatcher runs it: how many hand-offs it takes and when its response is written. */
class GatewayCallTest {

    /** Runs tasks on the calling thread, counting the runs and knowing when one is under way. */
    private static final class CountingExecutor implements Executor {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean();

        @Override
        public void execute(Runnable task) {
            runs.incrementAndGet();
            running.set(true);
            try {
                task.run();
            } finally {
                running.set(false);
            }
        }
    }

    private final CountingExecutor executor = new CountingExecutor();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aUnaryCallIsOneRunOfTheExecutorAndItsResponseIsWrittenAfterIt() {
        GatewayCall<EchoRequest, EchoResponse> call = call();
        call.startWith(ServerCalls.asyncUnaryCall((EchoRequest request, io.grpc.stub.StreamObserver<EchoResponse> out) -> {
            events.add("service saw " + request.getText());
            out.onNext(EchoResponse.newBuilder().setText(request.getText() + "!").build());
            out.onCompleted();
        }), new Metadata(), EchoRequest.newBuilder().setText("hi").build());

        assertThat(events).containsExactly("service saw hi", "write outside a run", "complete");
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi!\"}");
        // one run for start + message + half-close, one for the listener's onComplete after the write
        assertThat(executor.runs).hasValue(2);
    }

    @Test
    void aServiceThatAnswersLaterFromAnotherThreadIsWrittenThere() throws InterruptedException {
        GatewayCall<EchoRequest, EchoResponse> call = call();
        List<Thread> answering = new ArrayList<>();
        call.startWith(ServerCalls.asyncUnaryCall((EchoRequest request, io.grpc.stub.StreamObserver<EchoResponse> out) -> {
            Thread later = new Thread(() -> {
                out.onNext(EchoResponse.newBuilder().setText("later").build());
                out.onCompleted();
            });
            answering.add(later);
            later.start();
        }), new Metadata(), EchoRequest.newBuilder().setText("hi").build());
        answering.get(0).join(5_000);

        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"later\"}");
        assertThat(events).contains("complete");
    }

    private GatewayCall<EchoRequest, EchoResponse> call() {
        JsonCodec json = new JsonCodec(JsonOptions.defaults());
        return new GatewayCall<>(EchoServiceGrpc.getEchoMethod(), Attributes.EMPTY, "localhost:0",
                ResponseWire.unary(json, json), response(), async(), ServletContainer.detect("test"), Context.ROOT.withCancellation(),
                executor);
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                events.add(executor.running.get() ? "write inside a run" : "write outside a run");
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> out;
                    case "isCommitted" -> false;
                    default -> null;
                });
    }

    private AsyncContext async() {
        return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("complete")) {
                        events.add("complete");
                    }
                    return null;
                });
    }
}
