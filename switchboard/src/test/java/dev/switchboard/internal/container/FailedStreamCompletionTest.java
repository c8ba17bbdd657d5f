package dev.switchboard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What {@link FailedStreamCompletion} does with grpc-servlet's failure callbacks, on a container stand-in. */
class FailedStreamCompletionTest {

    /** The container's side: what grpc-servlet's wrapped objects hand on to it. */
    private final AtomicInteger completions = new AtomicInteger();
    private final List<AsyncListener> asyncListeners = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ByteCountingOutput output = new ByteCountingOutput();
    private final ListenerKeepingInput input = new ListenerKeepingInput();
    private boolean committed;

    private final AsyncContext async = proxy(AsyncContext.class, (method, args) -> switch (method) {
        case "complete" -> {
            completions.incrementAndGet();
            yield null;
        }
        case "addListener" -> {
            asyncListeners.add((AsyncListener) args[0]);
            yield null;
        }
        default -> null;
    });
    private final HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
        case "startAsync" -> async;
        case "getInputStream" -> input;
        default -> null;
    });
    private final HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> switch (method) {
        case "isCommitted" -> committed;
        case "getOutputStream" -> output;
        default -> null;
    });

    private final FailedStreamCompletion completion = new FailedStreamCompletion(ServletContainer.detect("Apache Tomcat/11.0.0"), request, response);

    /** Starts the call as grpc-servlet does: async, a read listener and an async listener of its own. */
    private AsyncContext startAsGrpcServlet() throws IOException {
        AsyncContext context = completion.request().startAsync(completion.request(), completion.response());
        completion.request().getInputStream().setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
            }

            @Override
            public void onAllDataRead() {
            }

            @Override
            public void onError(Throwable t) {
                events.add("grpc-servlet read onError, completions so far " + completions.get());
            }
        });
        context.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                events.add("grpc-servlet async onError");
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        return context;
    }

    @Test
    void aReadFailureAfterTheResponseWasCommittedCompletesTheRequestAfterGrpcServletHeardOfIt() throws IOException {
        AsyncContext context = startAsGrpcServlet();
        committed = true;
        input.listener.onError(new IOException("reset"));
        assertThat(events).containsExactly("grpc-servlet read onError, completions so far 0");
        assertThat(completions).hasValue(1);

        context.complete(); // grpc-servlet's own completion, racing: the container sees one
        assertThat(completions).hasValue(1);
    }

    @Test
    void aFailureBeforeTheResponseWasCommittedIsLeftToGrpcServletsCancel() throws IOException {
        AsyncContext context = startAsGrpcServlet();
        input.listener.onError(new IOException("reset"));
        asyncListeners.get(0).onError(new AsyncEvent(context, new IOException("reset")));
        assertThat(events).hasSize(2);
        assertThat(completions).hasValue(0);

        context.complete(); // what grpc-servlet's cancel ends with
        assertThat(completions).hasValue(1);
    }

    @Test
    void anAsyncErrorAfterCommitCompletesOnceAndWritesAfterItAreDropped() throws IOException {
        AsyncContext context = startAsGrpcServlet();
        ServletOutputStream out = completion.response().getOutputStream();
        out.write(new byte[10], 0, 10);
        committed = true;
        asyncListeners.get(0).onError(new AsyncEvent(context, new IOException("connection lost")));
        asyncListeners.get(0).onError(new AsyncEvent(context, new IOException("and again")));
        assertThat(events).containsExactly("grpc-servlet async onError", "grpc-servlet async onError");
        assertThat(completions).hasValue(1);

        out.write(new byte[5], 0, 5);
        out.flush();
        assertThat(output.bytes).as("bytes the container got").isEqualTo(10);
    }

    @Test
    void aWriteThatFailsOnAStreamThatHasNotFailedIsGrpcServletsToHandle() throws IOException {
        startAsGrpcServlet();
        output.failWrites = true;
        ServletOutputStream out = completion.response().getOutputStream();
        assertThatThrownBy(() -> out.write(new byte[3], 0, 3)).isInstanceOf(IOException.class);
    }

    @Test
    void aCompletedRequestIsNotCompletedAgainAfterALateFailure() throws IOException {
        AsyncContext context = startAsGrpcServlet();
        committed = true;
        asyncListeners.get(0).onComplete(new AsyncEvent(context)); // the container completed the request itself
        input.listener.onError(new IOException("late"));
        assertThat(completions).hasValue(0);
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }

    private static final class ListenerKeepingInput extends ServletInputStream {
        ReadListener listener;

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return false;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }

        @Override
        public int read() {
            return -1;
        }
    }

    private static final class ByteCountingOutput extends ServletOutputStream {
        int bytes;
        boolean failWrites;

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failWrites) {
                throw new IOException("closed");
            }
            bytes += len;
        }
    }
}
