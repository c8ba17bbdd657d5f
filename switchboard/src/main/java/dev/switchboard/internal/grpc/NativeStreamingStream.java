package dev.switchboard.internal.grpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * One streaming gRPC call (client, server or bidirectional streaming) on a {@link NativeExchange} that
 * {@link NativeExchange#streams streams}: grpc-core's server stream, without grpc-servlet's per-call transport,
 * write queue and read buffer.
 *
 * <p>Flow control comes from the client's HTTP/2 window, both ways. Out: what grpc-core flushes while a send is with the
 * exchange waits, and goes out with whatever else was flushed meanwhile as one send; a send completes when the
 * client's window took it, and only then do its bytes count as sent — so grpc-core's {@code isReady()} turns false
 * once 32 KiB wait, and {@code onReady} fires as the client reads. In: the exchange reads while the deframer has fewer
 * bytes it has not taken than the exchange's {@link NativeExchange#readAhead read-ahead}; a call that takes its
 * messages slowly leaves the rest of the request in the client's window.
 *
 * <p>Threads: the exchange's callbacks come on container threads — a write's completion on the one that parses the
 * connection — and run whatever they start (service code, the application's handlers) on Switchboard's pool
 * ({@link InlineFirstExecutor#handingOff}): a streaming call's code may wait between messages, which no container
 * thread that reads or writes for others should. The stream's state is under the lock of its {@link Sink}.
 */
final class NativeStreamingStream extends SerializedServerStream {

    private static final Logger LOG = Logger.getLogger(NativeStreamingStream.class.getName());

    private final NativeExchange exchange;
    private final Sink sink = new Sink();
    private final Runnable onEnd;
    /** Request bytes given to the deframer and not yet taken by it. */
    private final AtomicLong unread = new AtomicLong();
    private final int readAhead;

    NativeStreamingStream(NativeExchange exchange, int maxInboundMessageSize, StatsTraceContext stats, Attributes attributes,
            String authority, Runnable onEnd) {
        super(maxInboundMessageSize, stats, attributes, authority);
        this.exchange = exchange;
        this.onEnd = onEnd;
        this.readAhead = exchange.readAhead();
    }

    /** After grpc-core has the stream: hears a client's reset at once, and reads the request as the call takes it. */
    void start(SwitchboardTransport.ClientReset reset) {
        transportState().runOnTransportThread(transportState()::onStreamAllocated);
        exchange.watchFailure(failure -> InlineFirstExecutor.handingOff(() -> {
            Status cancelled = Status.CANCELLED.withDescription("the client went away").withCause(failure);
            reset.cancel(cancelled.asRuntimeException());
            sink.clientGone(cancelled);
        }));
        exchange.read(new BodyReader());
    }

    /** Cancels the call from the transport's side and ends the answer with {@code status} once what is sent is sent. */
    @Override
    void abort(Status status) {
        transportState().runOnTransportThread(() -> transportState().transportReportStatus(status));
        sink.endWith(status);
    }

    @Override
    void bytesRead(int numBytes) {
        if (unread.addAndGet(-numBytes) < readAhead) {
            exchange.resumeReading();
        }
    }

    @Override
    protected Sink abstractServerStreamSink() {
        return sink;
    }

    /** Hands the request's chunks to the deframer as they arrive; its end is the client's half-close. */
    private final class BodyReader implements NativeExchange.Body {

        /** Never: what its callbacks start goes to Switchboard's pool ({@link InlineFirstExecutor#handingOff}). */
        @Override
        public boolean mayBlock() {
            return false;
        }

        @Override
        public boolean wantsMore() {
            return unread.get() < readAhead && !sink.isOver();
        }

        @Override
        public void data(ByteBuffer bytes) {
            int size = bytes.remaining();
            if (size == 0 || sink.isOver()) {
                return;
            }
            byte[] chunk = new byte[size];
            bytes.get(chunk);
            unread.addAndGet(size);
            InlineFirstExecutor.handingOff(() -> transportState().runOnTransportThread(
                    () -> transportState().inboundDataReceived(ReadableBuffers.wrap(chunk), false)));
        }

        @Override
        public void end() {
            InlineFirstExecutor.handingOff(() -> transportState().runOnTransportThread(
                    () -> transportState().inboundDataReceived(ReadableBuffers.empty(), true)));
        }

        /** A stream quiet past the container's idle timeout ends, and its client hears why (as on the servlet transports). */
        @Override
        public void idle(TimeoutException timeout) {
            InlineFirstExecutor.handingOff(() -> abort(Status.DEADLINE_EXCEEDED.withDescription(
                    "the stream was quiet past the server's idle timeout: " + timeout.getMessage()).withCause(timeout)));
        }

        @Override
        public void failed(Throwable cause) {
            InlineFirstExecutor.handingOff(() -> sink.clientGone(
                    Status.CANCELLED.withDescription("request not read: " + cause).withCause(cause)));
        }
    }

    /**
     * The stream's sink: headers begin the answer, flushed frames go out in sends (one at a time, each taking all
     * that waits), trailers end it once the frames before them are out.
     */
    private final class Sink implements AbstractServerStream.Sink {
        private final List<FrameBuffer> waiting = new ArrayList<>();
        /** Whether the headers are to be sent before any message (grpc-core flushes them for streaming calls). */
        private boolean headersDue;
        private boolean begun;
        /** The answer's end, sent once nothing waits. */
        private List<String> trailers;
        /** A send or the finish is with the exchange. */
        private boolean writing;
        /** The finish (or a trailers-only answer, or a reset) has gone to the exchange: nothing more is written. */
        private boolean finished;
        /** The exchange is over; {@link #onEnd} has run. */
        private boolean over;

        synchronized boolean isOver() {
            return over || finished;
        }

        @Override
        public void writeHeaders(Metadata headers, boolean flush) {
            List<String> fields = ResponseMetadata.headers(headers);
            synchronized (this) {
                if (finished || begun) {
                    return;
                }
                begun = true;
                headersDue = flush;
                exchange.begin(fields);
            }
            if (flush) {
                pump();
            }
        }

        @Override
        public void writeFrame(WritableBuffer frame, boolean flush, int numMessages) {
            if (frame != null && frame.readableBytes() > 0) {
                onSendingBytes(frame.readableBytes());
                synchronized (this) {
                    if (!finished) {
                        waiting.add((FrameBuffer) frame);
                    }
                }
            }
            if (flush) {
                pump();
            }
        }

        @Override
        public void writeTrailers(Metadata metadata, boolean headersSent, Status status) {
            if (!headersSent) {
                answerTrailersOnly(ResponseMetadata.trailersOnly(metadata, status), () -> transportState().complete());
                return;
            }
            List<String> fields = ResponseMetadata.fields(metadata);
            synchronized (this) {
                if (finished || trailers != null) {
                    return;
                }
                trailers = fields;
            }
            pump();
        }

        @Override
        public void cancel(Status status) {
            // grpc-core ends the call (its deadline passed, the server shut down): the client gets the status.
            abort(status);
        }

        /** The call ends with {@code status}: messages not yet sent are dropped, the status follows what was sent. */
        void endWith(Status status) {
            boolean trailersOnly;
            synchronized (this) {
                if (finished || trailers != null) {
                    return;
                }
                waiting.clear();
                trailersOnly = !begun;
                if (!trailersOnly) {
                    Metadata metadata = new Metadata();
                    ResponseMetadata.putStatus(metadata, status);
                    trailers = ResponseMetadata.fields(metadata);
                }
            }
            if (trailersOnly) {
                answerTrailersOnly(ResponseMetadata.trailersOnly(new Metadata(), status), () -> { });
            } else {
                pump();
            }
        }

        private void answerTrailersOnly(List<String> headers, Runnable then) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                waiting.clear();
            }
            try {
                exchange.respond(headers, null, 0, null, failure -> InlineFirstExecutor.handingOff(() -> {
                    try {
                        if (failure == null) {
                            transportState().runOnTransportThread(then);
                        } else {
                            LOG.log(Level.FINE, "gRPC answer not written", failure);
                            reportGone(failure);
                        }
                    } finally {
                        end();
                    }
                }));
            } catch (RuntimeException e) {
                refused(e);
            }
        }

        /** The client reset the stream or the connection failed: nothing more to answer; the exchange ends. */
        void clientGone(Status status) {
            transportState().runOnTransportThread(() -> transportState().transportReportStatus(status));
            boolean reset;
            synchronized (this) {
                reset = !finished;
                finished = true;
                waiting.clear();
            }
            if (reset) {
                exchange.reset(status.asRuntimeException());
            }
            end();
        }

        /**
         * Hands the exchange what waits — frames as one send, else the trailers — unless a send is with it already; its
         * completion comes back here. A send that completes before the exchange returns continues this loop rather than
         * nesting in its callback.
         */
        private void pump() {
            while (true) {
                byte[] body = null;
                int length = 0;
                List<String> end = null;
                synchronized (this) {
                    if (writing || finished) {
                        return;
                    }
                    if (!waiting.isEmpty() || headersDue) {
                        length = FrameBuffer.length(waiting);
                        body = length == 0 ? null : FrameBuffer.body(waiting, length);
                        waiting.clear();
                        headersDue = false;
                    } else if (trailers != null) {
                        end = trailers;
                        finished = true;
                    } else {
                        return;
                    }
                    writing = true;
                }
                Write write = new Write(length, end != null);
                try {
                    if (end == null) {
                        exchange.send(body, length, write);
                    } else {
                        exchange.finish(end, write);
                    }
                } catch (RuntimeException e) {
                    refused(e);
                    return;
                }
                if (!write.completedWithin()) {
                    return;
                }
            }
        }

        /** The container refused a write outright: Switchboard's bug or a broken exchange; the call ends. */
        private void refused(RuntimeException e) {
            LOG.log(Level.WARNING, "gRPC answer not written: the container refused it", e);
            transportState().runOnTransportThread(() -> transportState().transportReportStatus(
                    Status.INTERNAL.withDescription("answer not written: " + e).withCause(e)));
            synchronized (this) {
                finished = true;
                waiting.clear();
            }
            exchange.reset(e);
            end();
        }

        private void reportGone(Throwable failure) {
            transportState().runOnTransportThread(() -> transportState().transportReportStatus(
                    Status.CANCELLED.withDescription("answer not written: " + failure).withCause(failure)));
        }

        /** Once: the exchange is over. */
        private void end() {
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
                finished = true;
                waiting.clear();
            }
            onEnd.run();
        }

        /** One send (or the finish) with the exchange, and what its completion does. */
        private final class Write implements Consumer<Throwable> {
            private static final int SENDING = 0;
            private static final int COMPLETED_WITHIN = 1;
            private static final int RETURNED = 2;
            private final AtomicInteger state = new AtomicInteger(SENDING);
            private final int length;
            private final boolean last;

            Write(int length, boolean last) {
                this.length = length;
                this.last = last;
            }

            /** After the exchange returned: whether the write completed meanwhile (the pump goes on), else it will. */
            boolean completedWithin() {
                return !state.compareAndSet(SENDING, RETURNED);
            }

            @Override
            public void accept(Throwable failure) {
                InlineFirstExecutor.handingOff(() -> completed(failure));
            }

            private void completed(Throwable failure) {
                if (failure != null) {
                    LOG.log(Level.FINE, "gRPC answer not written", failure);
                    reportGone(failure);
                    synchronized (Sink.this) {
                        finished = true;
                        waiting.clear();
                    }
                    end();
                    return;
                }
                if (length > 0) {
                    transportState().runOnTransportThread(() -> transportState().onSentBytes(length));
                }
                if (last) {
                    transportState().runOnTransportThread(transportState()::complete);
                    end();
                    return;
                }
                synchronized (Sink.this) {
                    writing = false;
                }
                if (!state.compareAndSet(SENDING, COMPLETED_WITHIN)) {
                    pump();
                }
            }
        }
    }
}
