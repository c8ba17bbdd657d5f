package dev.switchboard.internal.grpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.internal.container.InlineFirstExecutor;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.internal.AbstractServerStream;
import io.grpc.internal.ReadableBuffers;
import io.grpc.internal.StatsTraceContext;
import io.grpc.internal.WritableBuffer;

/**
 * One unary gRPC call on a {@link NativeExchange} (a transport below the servlet API): grpc-core's server stream,
 * whose request body the exchange delivers chunk by chunk into grpc-core's deframer, and whose response — headers, the
 * one message, trailers — is kept until the call closes and then handed to the exchange at once. The servlet
 * transport's {@link UnaryStream} does the same on the servlet API, with its async cycle and dispatch rules; here the
 * exchange does the I/O, so this class only keeps the call's state.
 *
 * <p>Threads: the exchange's callbacks arrive on container threads, the call's writes on whichever thread runs
 * service code; grpc-core's inbound side runs serialized ({@link SerializedServerStream.State#runOnTransportThread}), the exchange's state
 * under the lock of the stream's {@link Sink}.
 */
final class NativeUnaryStream extends SerializedServerStream {

    private static final Logger LOG = Logger.getLogger(NativeUnaryStream.class.getName());

    private final NativeExchange exchange;
    private final Sink sink = new Sink();
    private final BodyBudget bodyBudget;
    private final Runnable onEnd;

    NativeUnaryStream(NativeExchange exchange, int maxInboundMessageSize, StatsTraceContext stats, Attributes attributes,
            String authority, BodyBudget bodyBudget, Runnable onEnd) {
        super(maxInboundMessageSize, stats, attributes, authority);
        this.exchange = exchange;
        this.bodyBudget = bodyBudget;
        this.onEnd = onEnd;
    }

    /**
     * After grpc-core has the stream: hears a client's reset at once (cancelling the call's Context, even while its
     * service code runs), and reads the body. Its end starts the call's service code: here if the body is there
     * already, else in the exchange's later read callback — or on {@code offReadCallback} if not null, since a
     * container may hold back news of a reset until such a callback returns.
     */
    void start(SwitchboardTransport.ClientReset reset, Executor offReadCallback) {
        transportState().runOnTransportThread(transportState()::onStreamAllocated);
        exchange.watchFailure(failure -> {
            Status cancelled = Status.CANCELLED.withDescription("the client went away").withCause(failure);
            reset.cancel(cancelled.asRuntimeException());
            sink.clientGone(cancelled);
        });
        BodyReader reader = new BodyReader(offReadCallback);
        exchange.read(reader);
        reader.started();
    }

    /** Cancels the call from the transport's side and ends the exchange, answering {@code status} if still possible. */
    @Override
    void abort(Status status) {
        transportState().runOnTransportThread(() -> transportState().transportReportStatus(status));
        sink.answerError(status);
    }

    @Override
    protected Sink abstractServerStreamSink() {
        return sink;
    }

    /** Hands the exchange's body chunks to the deframer; the end of the body is the call's half-close. */
    private final class BodyReader implements NativeExchange.Body {
        private final Executor offReadCallback;
        private final Thread starter = Thread.currentThread();
        // guarded by the sink's lock
        private boolean starting = true;
        private boolean ended;
        private ScheduledFuture<?> late;

        BodyReader(Executor offReadCallback) {
            this.offReadCallback = offReadCallback;
        }

        /** After the first read: unless the body has all arrived, it has its budget from now on. */
        void started() {
            synchronized (sink) {
                starting = false;
                if (!ended && !sink.over) {
                    late = bodyBudget.schedule(() -> {
                        synchronized (sink) {
                            if (ended) {
                                return;
                            }
                            ended = true;
                        }
                        abort(Status.DEADLINE_EXCEEDED.withDescription(bodyBudget.late()));
                    });
                }
            }
        }

        @Override
        public void data(ByteBuffer bytes) {
            int size = bytes.remaining();
            if (size == 0 || sink.answered()) {
                return; // the deframer refused the request (too large, malformed): the rest is not read into it
            }
            byte[] chunk = new byte[size];
            bytes.get(chunk);
            transportState().runOnTransportThread(() -> transportState().inboundDataReceived(ReadableBuffers.wrap(chunk), false));
        }

        @Override
        public void end() {
            boolean here;
            synchronized (sink) {
                if (ended) {
                    return;
                }
                ended = true;
                if (late != null) {
                    late.cancel(false);
                }
                here = starting && Thread.currentThread() == starter;
            }
            if (here || offReadCallback == null) {
                deliverEnd();
            } else {
                offReadCallback.execute(this::deliverEnd);
            }
        }

        private void deliverEnd() {
            transportState().runOnTransportThread(() -> transportState().inboundDataReceived(ReadableBuffers.empty(), true));
        }

        @Override
        public void failed(Throwable cause) {
            synchronized (sink) {
                ended = true;
                if (late != null) {
                    late.cancel(false);
                }
            }
            sink.clientGone(Status.CANCELLED.withDescription("request not read: " + cause).withCause(cause));
        }
    }

    /**
     * The stream's sink: what grpc-core writes is kept until the call closes, then answered in one
     * {@link NativeExchange#respond}. Its lock guards the whole exchange's state.
     */
    private final class Sink implements AbstractServerStream.Sink {
        private Metadata responseHeaders;
        private final List<FrameBuffer> frames = new ArrayList<>(1);
        /** The thread inside {@link #respond}'s write, while it is. */
        private volatile Thread writing;
        /** The answer (or an error, or a reset) has gone to the exchange. */
        private boolean answered;
        /** The exchange is over; {@link #onEnd} has run. */
        private boolean over;

        synchronized boolean answered() {
            return answered;
        }

        @Override
        public void writeHeaders(Metadata headers, boolean flush) {
            synchronized (this) {
                responseHeaders = headers;
            }
        }

        @Override
        public void writeFrame(WritableBuffer frame, boolean flush, int numMessages) {
            if (frame == null) {
                return;
            }
            int size = frame.readableBytes();
            if (size > 0) {
                onSendingBytes(size);
            }
            synchronized (this) {
                if (!answered) {
                    frames.add((FrameBuffer) frame);
                }
            }
        }

        @Override
        public void writeTrailers(Metadata trailers, boolean headersSent, Status status) {
            List<String> headers;
            byte[] body;
            int length = 0;
            List<String> trailerFields;
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
                if (!headersSent) {
                    headers = ResponseMetadata.trailersOnly(trailers, status);
                    body = null;
                    trailerFields = null;
                } else {
                    headers = ResponseMetadata.headers(responseHeaders);
                    length = FrameBuffer.length(frames);
                    body = FrameBuffer.body(frames, length);
                    trailerFields = ResponseMetadata.fields(trailers);
                }
                frames.clear();
            }
            int sent = length;
            respond(headers, body, length, trailerFields, failure -> {
                if (failure == null) {
                    if (sent > 0) {
                        transportState().runOnTransportThread(() -> transportState().onSentBytes(sent));
                    }
                    transportState().runOnTransportThread(transportState()::complete);
                } else {
                    LOG.log(Level.FINE, "gRPC response not written", failure);
                    transportState().runOnTransportThread(() -> transportState().transportReportStatus(
                            Status.UNAVAILABLE.withDescription("response not written: " + failure).withCause(failure)));
                }
            });
        }

        @Override
        public void cancel(Status status) {
            // grpc-core ends the call (its deadline passed, the server shut down): the client gets the status.
            abort(status);
        }

        /** The call ends with {@code status} before its answer: answered as a trailers-only response, once. */
        void answerError(Status status) {
            List<String> headers;
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
                frames.clear();
                headers = ResponseMetadata.trailersOnly(new Metadata(), status);
            }
            respond(headers, null, 0, null, failure -> {
                if (failure != null) {
                    LOG.log(Level.FINE, "gRPC error response not written", failure);
                }
            });
        }

        /** The client reset the stream or the connection failed: nothing more to answer; the exchange ends. */
        void clientGone(Status status) {
            transportState().runOnTransportThread(() -> transportState().transportReportStatus(status));
            boolean reset;
            synchronized (this) {
                reset = !answered;
                answered = true;
                frames.clear();
            }
            if (reset) {
                exchange.reset(status.asRuntimeException());
            }
            end();
        }

        /**
         * Writes the answer; {@code then} hears how it went. Where: on the thread that wrote, when the write completes
         * within its call; otherwise from a block whose callbacks go to the pool ({@link InlineFirstExecutor#handingOff}).
         * The embedded Jetty completes gathered writes on the connection's selector or on the thread reading it,
         * neither of which may block, and what {@code then} starts ends the call — grpc-core's closed callback, the
         * application's onComplete and onCancel handlers, the request scope's end. With {@code direct} the application
         * has said its code never blocks, and they run where the write completed.
         */
        private void respond(List<String> headers, byte[] body, int length, List<String> trailers,
                java.util.function.Consumer<Throwable> then) {
            writing = Thread.currentThread();
            try {
                exchange.respond(headers, body, length, trailers, failure -> {
                    try {
                        if (writing == Thread.currentThread()) {
                            then.accept(failure);
                        } else {
                            InlineFirstExecutor.handingOff(() -> then.accept(failure));
                        }
                    } finally {
                        end();
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "gRPC response not written: the container refused it", e);
                transportState().runOnTransportThread(() -> transportState().transportReportStatus(
                        Status.INTERNAL.withDescription("response not written: " + e).withCause(e)));
                exchange.reset(e);
                end();
            } finally {
                writing = null;
            }
        }

        /** Once: the exchange is over. */
        private void end() {
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
            }
            onEnd.run();
        }
    }
}
