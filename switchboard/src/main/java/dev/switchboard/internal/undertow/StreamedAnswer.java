package dev.switchboard.internal.undertow;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.undertow.channels.DetachableStreamSinkChannel;
import io.undertow.io.AsyncSenderImpl;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;

/**
 * A streamed gRPC answer on Undertow's {@link HttpServerExchange}: the headers with the first send, each send written by
 * one {@link AsyncSenderImpl} and then flushed, the trailers as {@link HttpAttachments#RESPONSE_TRAILERS} with the
 * sender's close, which Undertow's HTTP/2 reads when it writes the stream's last frame.
 *
 * <p>Why every write runs on the connection's I/O thread: the request's chunks are delivered there, inside Undertow's
 * handler calls, where a write from another thread would race the exchange's own flags (a resume of writes asked for
 * during such a call is deferred to its end). On that thread the two never interleave.
 *
 * <p>Why the flush, through the sender's channel: Undertow's HTTP/2 stream buffers what is written until its buffer
 * is full or flushed, and its {@link Sender} never flushes before the close. The sender keeps its channel in a private
 * field (read here by reflection once per send; the channel's type is XNIO's, a private module on WildFly, so it is
 * used as Undertow's own {@link DetachableStreamSinkChannel}). A flush that cannot complete at once leaves the frame
 * queued on the connection; the stream then takes no more until it has left, so the next send completes only when
 * the client's window took the one before — the flow control grpc-core's {@code isReady()} follows. Where the field
 * is missing (another Undertow), {@link #AVAILABLE} is false and streaming calls stay on the servlet transports.
 */
final class StreamedAnswer {

    private static final Logger LOG = Logger.getLogger(StreamedAnswer.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** The system property that, set to false, leaves streaming calls on WildFly to the servlet transports. */
    static final String SWITCH_PROPERTY = "switchboard.undertow.native-streaming";
    private static final Field CHANNEL = channelField();
    /** Whether streamed answers can be written here. */
    static final boolean AVAILABLE = CHANNEL != null && !"false".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY));

    private final HttpServerExchange exchange;
    private final UndertowExchange owner;
    private final Executor io;
    /** The answer's headers, put on the response with the first write. */
    private final List<String> headers;
    /** From the first write on; only on the I/O thread. */
    private AsyncSenderImpl sender;

    StreamedAnswer(HttpServerExchange exchange, UndertowExchange owner, List<String> headers) {
        this.exchange = exchange;
        this.owner = owner;
        this.headers = headers;
        this.io = ioThread(exchange);
    }

    /** The connection's I/O thread, as an Executor (XNIO's own type is not linked here). */
    static Executor ioThread(HttpServerExchange exchange) {
        return exchange.getIoThread();
    }

    /** Writes and flushes {@code length} bytes on the I/O thread; {@code done} as {@code NativeExchange.send}'s. */
    void send(byte[] bytes, int length, Consumer<Throwable> done) {
        io.execute(() -> {
            if (owner.isOver()) {
                Answers.complete(done, new IOException("The exchange is over"));
                return;
            }
            try {
                ByteBuffer content = length == 0 ? EMPTY : ByteBuffer.wrap(bytes, 0, length);
                sender().send(content, new IoCallback() {
                    @Override
                    public void onComplete(HttpServerExchange ex, Sender s) {
                        Throwable failure = null;
                        try {
                            flush();
                        } catch (IOException | RuntimeException e) {
                            failure = e;
                        }
                        if (failure == null) {
                            Answers.complete(done, null);
                        } else {
                            failed(failure, done);
                        }
                    }

                    @Override
                    public void onException(HttpServerExchange ex, Sender s, IOException e) {
                        failed(e, done);
                    }
                });
            } catch (RuntimeException e) {
                failed(e, done);
            }
        });
    }

    /**
     * Ends the answer on the I/O thread with {@code trailers} after everything sent; then the exchange ends. {@code done}
     * as {@code NativeExchange.finish}'s.
     */
    void finish(List<String> trailers, Consumer<Throwable> done) {
        io.execute(() -> {
            if (!owner.claimEnd()) {
                Answers.complete(done, new IOException("The exchange is over"));
                return;
            }
            try {
                HeaderMap map = new HeaderMap();
                Answers.put(map, trailers);
                exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, map);
                sender().close(new IoCallback() {
                    @Override
                    public void onComplete(HttpServerExchange ex, Sender s) {
                        try {
                            ex.endExchange();
                        } catch (RuntimeException e) {
                            LOG.log(Level.FINE, "Ending an answered exchange", e);
                        }
                        Answers.complete(done, null);
                    }

                    @Override
                    public void onException(HttpServerExchange ex, Sender s, IOException e) {
                        failed(e, done);
                    }
                });
            } catch (RuntimeException e) {
                failed(e, done);
            }
        });
    }

    /** The sender, created with the first write, which also puts the status and headers on the response. */
    private AsyncSenderImpl sender() {
        if (sender == null) {
            exchange.setStatusCode(200);
            Answers.put(exchange.getResponseHeaders(), headers);
            sender = new AsyncSenderImpl(exchange);
        }
        return sender;
    }

    private void flush() throws IOException {
        Object channel;
        try {
            channel = CHANNEL.get(sender);
        } catch (IllegalAccessException e) {
            throw new IOException("Undertow's response channel is out of reach", e);
        }
        if (!(channel instanceof DetachableStreamSinkChannel detachable)) {
            throw new IOException("Undertow's response channel cannot be flushed: " + channel);
        }
        detachable.flush();
    }

    private void failed(Throwable failure, Consumer<Throwable> done) {
        LOG.log(Level.FINE, "A streamed gRPC answer could not be written", failure);
        owner.endUnanswered();
        Answers.complete(done, failure);
    }

    private static Field channelField() {
        try {
            Field field = AsyncSenderImpl.class.getDeclaredField("channel");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Undertow's sender has no channel to flush: streaming gRPC stays on the servlet layer", e);
            return null;
        }
    }
}
