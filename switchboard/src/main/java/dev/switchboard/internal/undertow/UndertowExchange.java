package dev.switchboard.internal.undertow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.grpc.NativeExchange;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.AsyncReceiverImpl;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * A {@link NativeExchange} on Undertow's {@link HttpServerExchange}: the request body read as far as it has arrived on
 * the calling thread, the rest with Undertow's non-blocking {@link AsyncReceiverImpl} (on the connection's I/O thread;
 * for a streaming call paused while the call holds its {@link #readAhead()}), a unary answer in one send that ends the
 * exchange ({@link Answers}), a streamed one in sends and a close ({@link StreamedAnswer}). Only Undertow's public API:
 * no XNIO type (a private module on WildFly, which a WAR would have to ask for by name).
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
 * <p>Why reading and the hand-over stay in one class (about 400 lines): the reads, the answer asked for during {@code
 * serve} and the end of the exchange share one lock ({@code started}) and one flag ({@code over}); what writes the
 * answers is already apart ({@link Answers}, {@link StreamedAnswer}).
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
    /** A streamed answer's writes asked for during {@code serve}, in order. */
    private final List<Runnable> pendingWrites = new ArrayList<>();
    /** A streamed answer, from {@link #begin} on. */
    private volatile StreamedAnswer streamed;
    /** Whether the receiver paused reading because the body wanted no more ({@link #resumeReading} resumes it). */
    private final AtomicBoolean paused = new AtomicBoolean();
    /** The thread running the receiver's first reads (not within one of Undertow's handler calls), while it does. */
    private volatile Thread firstReads;

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

    @Override
    public boolean streams() {
        return StreamedAnswer.AVAILABLE;
    }

    /**
     * 1 MiB: Undertow gives a connection no more window than one stream (64 KiB by default), so a stream whose reading
     * stopped holds the whole connection's window and the connection's other calls wait. Read this far ahead, a call
     * has to fall 1 MiB behind its client first — as far as grpc-java's Netty server lets one fall (its stream and
     * connection windows are both 1 MiB), against the 64 KiB Undertow's window alone would allow.
     */
    @Override
    public int readAhead() {
        return 1024 * 1024;
    }

    @Override
    public void begin(List<String> headers) {
        streamed = new StreamedAnswer(exchange, this, headers);
    }

    @Override
    public void send(byte[] bytes, int length, Consumer<Throwable> done) {
        whenStarted(() -> streamed.send(bytes, length, done));
    }

    @Override
    public void finish(List<String> trailers, Consumer<Throwable> done) {
        whenStarted(() -> streamed.finish(trailers, done));
    }

    @Override
    public void resumeReading() {
        AsyncReceiverImpl reader = receiver;
        if (reader != null && paused.compareAndSet(true, false)) {
            // on the I/O thread, where the receiver's own state lives; it reads again from there (unless answered since)
            StreamedAnswer.ioThread(exchange).execute(() -> {
                if (!over.get()) {
                    reader.resume();
                }
            });
        }
    }

    /** Runs {@code write} now, or from {@link #start()} if {@code serve} has not returned yet. */
    private void whenStarted(Runnable write) {
        synchronized (lock) {
            if (!started) {
                pendingWrites.add(write);
                return;
            }
        }
        write.run();
    }

    /**
     * Does what was asked during {@code serve}; from now on requests are done at once. On the thread that ran the
     * handler chain, after it.
     */
    void start() {
        boolean read;
        Runnable answer;
        List<Runnable> writes;
        synchronized (lock) {
            started = true;
            read = readPending;
            answer = pendingAnswer;
            pendingAnswer = null;
            writes = List.copyOf(pendingWrites);
            pendingWrites.clear();
        }
        writes.forEach(Runnable::run);
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
                if (!body.wantsMore()) {
                    Connectors.resetRequestChannel(exchange);
                    return true;
                }
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

    /**
     * Reads the rest with the receiver, from the I/O thread: its callbacks, pauses and resumes all happen there, never
     * on two threads at once. Its first reads run in this task (outside Undertow's handler calls), the later ones in
     * its read listener (inside them).
     */
    private void startReading() {
        StreamedAnswer.ioThread(exchange).execute(() -> {
            firstReads = Thread.currentThread();
            try {
                AsyncReceiverImpl reader = new AsyncReceiverImpl(exchange);
                receiver = reader;
                reader.receivePartialBytes(this::received, this::readFailed);
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                firstReads = null;
            }
        });
    }

    /** The receiver's callback, on the I/O thread: in its first reads, then within Undertow's handler calls. */
    private void received(HttpServerExchange ex, byte[] bytes, boolean last) {
        if (last) {
            ex.dispatch(SameThreadExecutor.INSTANCE, over.get() ? NOTHING : () -> deliver(Body::end));
        } else if (over.get()) {
            pauseReading();
        } else if (bytes.length > 0) {
            deliver(b -> b.data(ByteBuffer.wrap(bytes)));
            pauseIfFull(ex);
        }
    }

    /**
     * Stops reading while the receiver wants no more (a streaming call holding enough it has not taken); the rest stays
     * in the client's HTTP/2 window until {@link #resumeReading}. On the I/O thread, in the receiver's callback.
     */
    private void pauseIfFull(HttpServerExchange ex) {
        AsyncReceiverImpl reader = receiver;
        if (reader == null || body.wantsMore()) {
            return;
        }
        paused.set(true);
        reader.pause();
        // the receiver may have taken more meanwhile; a resumeReading after the mark runs after this, on this thread
        if (body.wantsMore() && paused.compareAndSet(true, false)) {
            reader.resume();
            return;
        }
        if (firstReads != Thread.currentThread()) {
            // Inside Undertow's handler call, which ends the exchange when it returns with reads neither resumed nor
            // dispatched: dispatched, to nothing.
            try {
                ex.dispatch(SameThreadExecutor.INSTANCE, NOTHING);
            } catch (IllegalStateException writesResumed) {
                // a write waits for the client: the exchange is not ended either
            }
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

    boolean isOver() {
        return over.get();
    }

    /** Marks the exchange as answered (reading stops, the reset watch ends); false if it was over already. */
    boolean claimEnd() {
        if (!over.compareAndSet(false, true)) {
            return false;
        }
        unwatch();
        return true;
    }

    /** Ends the exchange as a reset: a reset asked for, or a streamed answer that failed (even after its finish began). */
    void endUnanswered() {
        over.set(true);
        unwatch();
        pauseReading();
        closeStream();
    }

    private void answer(List<String> headers, byte[] bytes, int length, List<String> trailers, Consumer<Throwable> done) {
        if (!claimEnd()) {
            Answers.complete(done, new IOException("The exchange is over"));
            return;
        }
        Answers.sendUnary(exchange, headers, bytes, length, trailers, done, this::closeStream);
    }

    // --- resetting

    private void resetNow(Throwable cause) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.FINE, "Resetting the stream of a gRPC call", cause);
        endUnanswered();
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
