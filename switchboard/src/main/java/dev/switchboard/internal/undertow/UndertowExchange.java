package dev.switchboard.internal.undertow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.grpc.NativeExchange;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.AsyncReceiverImpl;
import io.undertow.io.AsyncSenderImpl;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;

/**
 * A {@link NativeExchange} on Undertow's {@link HttpServerExchange}: the request body read as far as it has arrived on
 * the calling thread, the rest with Undertow's non-blocking {@link AsyncReceiverImpl} (in its read listener on the
 * connection's I/O thread), the answer as response headers, {@link HttpAttachments#RESPONSE_TRAILERS} and one send that
 * ends the exchange. Only Undertow's public API: no XNIO type (a private module on WildFly, which a WAR would have to
 * ask for by name).
 *
 * <p>Why it starts late: {@link NativeGrpcHandler} asks Switchboard while Undertow runs its handler chain ("in call");
 * until the chain returns, Undertow defers resuming reads, and forbids resuming them (or writes) on an exchange the
 * handler has taken over ({@code dispatch}). So during {@code serve} the body is read only as far as it has arrived,
 * and the rest of the read, and an answer or reset asked for meanwhile, are left to {@link #start()}, which the handler
 * runs right after the chain, on the same thread.
 *
 * <p>Why the body's end is delivered through {@code dispatch}: the receiver's listener calls back within a handler call
 * of Undertow's ({@code Connectors.executeRootHandler}), which ends the exchange when the callback returns unless it was
 * dispatched or resumed. A dispatch to the same thread runs the delivery right after that call, with the exchange in
 * its normal state, so that the answer (often from another thread) finds it so.
 *
 * <p>Every callback into Switchboard is guarded: an exception from it is logged as a WARNING and fails the exchange
 * (the stream is reset), never reaching Undertow's I/O thread.
 */
final class UndertowExchange implements NativeExchange {

    private static final Logger LOG = Logger.getLogger(UndertowExchange.class.getName());
    private static final Runnable NOTHING = () -> { };

    private final HttpServerExchange exchange;
    private final StreamResets resets;

    /** Guards the hand-over from "recording" to "doing" (start). */
    private final Object lock = new Object();
    private boolean started;
    private boolean readPending;
    private Runnable pendingAnswer;

    /** Set once an answer or a reset has begun (by whichever comes first): reading then stops, later answers fail. */
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile Body body;
    private volatile AsyncReceiverImpl receiver;
    private volatile StreamResets.Watch watch;

    UndertowExchange(HttpServerExchange exchange, StreamResets resets) {
        this.exchange = exchange;
        this.resets = resets;
    }

    @Override
    public void read(Body body) {
        this.body = body;
        boolean now;
        synchronized (lock) {
            now = started;
        }
        if (now) {
            startReading();
        } else if (readArrived()) {
            synchronized (lock) {
                readPending = true;
            }
        }
    }

    @Override
    public void respond(List<String> headers, byte[] body, int length, List<String> trailers, Consumer<Throwable> done) {
        Runnable answer = () -> answer(headers, body, length, trailers, done);
        synchronized (lock) {
            if (!started) {
                pendingAnswer = answer;
                return;
            }
        }
        answer.run();
    }

    @Override
    public void reset(Throwable cause) {
        synchronized (lock) {
            if (!started) {
                pendingAnswer = () -> resetNow(cause);
                return;
            }
        }
        resetNow(cause);
    }

    @Override
    public void watchFailure(Consumer<Throwable> onFailure) {
        watch = resets.watch(exchange, onFailure);
    }

    /**
     * Does what was asked during {@code serve}; from now on requests are done at once. On the thread that ran the
     * handler chain, after it.
     */
    void start() {
        boolean read;
        Runnable answer;
        synchronized (lock) {
            started = true;
            read = readPending;
            answer = pendingAnswer;
            pendingAnswer = null;
        }
        if (answer != null) {
            answer.run(); // an answer before the body's end: what is left of it is not read
        } else if (read && !over.get()) {
            startReading();
        }
    }

    /** Switchboard failed while being asked to serve: the exchange is ended unanswered. */
    void failed(Throwable cause) {
        LOG.log(Level.WARNING, "Serving a gRPC call on Undertow's native transport failed; the stream is reset", cause);
        reset(cause);
    }

    // --- reading

    /**
     * During {@code serve}: reads what has arrived of the body, on this thread — when that is all of it, the call can
     * run right here, as on a servlet container, without a hand-off. True if more is to come, which the receiver
     * reads from {@link #start()} on: the request channel is handed back to the exchange for it. The channel is used
     * as a plain {@link ReadableByteChannel}, so that nothing of XNIO's is linked.
     */
    private boolean readArrived() {
        ReadableByteChannel channel = exchange.getRequestChannel();
        if (channel == null) {
            deliverFailure(new IOException("The request body was taken by another handler"));
            return false;
        }
        try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
            ByteBuffer buffer = pooled.getBuffer();
            while (!over.get()) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    deliver(Body::end);
                    return false;
                }
                if (read == 0) {
                    Connectors.resetRequestChannel(exchange);
                    return true;
                }
                buffer.flip();
                deliver(b -> b.data(buffer));
            }
            return false;
        } catch (IOException e) {
            deliverFailure(e);
            return false;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private void startReading() {
        try {
            AsyncReceiverImpl reader = new AsyncReceiverImpl(exchange);
            receiver = reader;
            reader.receivePartialBytes(this::received, this::readFailed);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The receiver's callback: on this thread first, then on the I/O thread within Undertow's handler call. */
    private void received(HttpServerExchange ex, byte[] bytes, boolean last) {
        if (last) {
            ex.dispatch(SameThreadExecutor.INSTANCE, over.get() ? NOTHING : () -> deliver(Body::end));
        } else if (over.get()) {
            pauseReading();
        } else if (bytes.length > 0) {
            deliver(b -> b.data(ByteBuffer.wrap(bytes)));
        }
    }

    /** The client reset the stream or went away, or the body is over the server's limit. */
    private void readFailed(HttpServerExchange ex, IOException cause) {
        ex.dispatch(SameThreadExecutor.INSTANCE, over.get() ? NOTHING : () -> deliverFailure(cause));
    }

    private void deliverFailure(IOException cause) {
        LOG.log(Level.FINE, "The request body of a gRPC call could not be read", cause);
        deliver(b -> b.failed(cause));
    }

    private void pauseReading() {
        AsyncReceiverImpl reader = receiver;
        if (reader != null) {
            try {
                reader.pause();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Pausing the request body's reads", e);
            }
        }
    }

    /** Calls Switchboard's receiver; if it throws, fails the exchange. */
    private void deliver(Consumer<Body> call) {
        try {
            call.accept(body);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    // --- answering

    private void answer(List<String> headers, byte[] bytes, int length, List<String> trailers, Consumer<Throwable> done) {
        if (!over.compareAndSet(false, true)) {
            complete(done, new IOException("The exchange is over"));
            return;
        }
        unwatch();
        try {
            exchange.setStatusCode(200);
            put(exchange.getResponseHeaders(), headers);
            if (trailers != null) {
                HeaderMap map = new HeaderMap();
                put(map, trailers);
                exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, map);
            }
            // no body (length 0, bytes may be null): the trailers-only answer, one HEADERS frame that ends the stream
            ByteBuffer body = length == 0 ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes, 0, length);
            new AsyncSenderImpl(exchange).send(body, new Sent(done));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Answering a gRPC call on Undertow's native transport failed; the stream is reset", e);
            closeStream();
            complete(done, e);
        }
    }

    private static void put(HeaderMap map, List<String> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String name = pairs.get(i);
            HttpString known = HttpString.tryFromString(name);
            map.add(known != null ? known : new HttpString(name), pairs.get(i + 1));
        }
    }

    /** The send's outcome: then the sender closes the response (last frame, trailers), then the exchange ends. */
    private final class Sent implements IoCallback {
        private final Consumer<Throwable> done;

        Sent(Consumer<Throwable> done) {
            this.done = done;
        }

        @Override
        public void onComplete(HttpServerExchange ex, Sender sender) {
            sender.close(new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    try {
                        ex.endExchange();
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Ending an answered exchange", e);
                    }
                    complete(done, null);
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    Sent.this.onException(ex, sender, e);
                }
            });
        }

        @Override
        public void onException(HttpServerExchange ex, Sender sender, IOException e) {
            LOG.log(Level.FINE, "The answer to a gRPC call could not be sent", e);
            closeStream();
            complete(done, e);
        }
    }

    private static void complete(Consumer<Throwable> done, Throwable failure) {
        try {
            done.accept(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Switchboard failed after a gRPC call's answer", e);
        }
    }

    // --- resetting

    private void resetNow(Throwable cause) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        unwatch();
        pauseReading();
        LOG.log(Level.FINE, "Resetting the stream of a gRPC call", cause);
        closeStream();
    }

    /**
     * Ends the exchange unanswered. Closing an HTTP/2 exchange's connection resets its stream (RST_STREAM, CANCEL) and
     * leaves the HTTP/2 connection open (Undertow 2.3's {@code Http2ServerConnection.close}); on HTTP/1.1 it closes
     * the connection. Ending the exchange then lets Undertow complete it (its listeners run on the next operation on
     * the reset stream), so WildFly does not count it as a request in progress.
     */
    private void closeStream() {
        try {
            exchange.getConnection().close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Resetting a stream", e);
        }
        try {
            exchange.endExchange();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Ending a reset exchange", e);
        }
    }

    private void unwatch() {
        StreamResets.Watch current = watch;
        if (current != null) {
            current.stop();
        }
    }
}
