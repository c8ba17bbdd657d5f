package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.Envelopes;
import dev.switchboard.internal.gateway.codec.LimitedInputStream;
import dev.switchboard.internal.gateway.codec.MessageCodec;
import dev.switchboard.internal.gateway.codec.MessageReader;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.grpc.Status;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a streamed request body (NDJSON, Connect envelopes) without blocking and hands its messages to the call as
 * the service asks for them: bytes are read only while a message is wanted or none is waiting, so a service that
 * reads slowly holds the client back through HTTP's own flow control, and no thread waits for either side. Runs on
 * whichever thread calls — the container's read callbacks, or the service's thread asking for more — one at a time
 * ({@code serial}).
 *
 * <p>A message that has begun has {@code budget} to arrive whole; past it the call ends with DEADLINE_EXCEEDED (408).
 * Between messages there is no budget: a quiet interactive stream is the container's idle timeout's business.
 */
final class StreamedBodyReader<ReqT> implements ReadListener {

    private static final Logger LOG = Logger.getLogger(StreamedBodyReader.class.getName());

    private final ServletInputStream in;
    private final GatewayCall<ReqT, ?> call;
    private final MessageReader splitter;
    private final MessageCodec codec;
    private final Message prototype;
    private final int maxBytes;
    private final Duration budget;
    private final ScheduledExecutorService timer;
    /** Where a message past its budget ends the call: its answer is written there, never on the shared timer thread. */
    private final Executor later;
    private final Executor serial = MoreExecutors.newSequentialExecutor(MoreExecutors.directExecutor());

    // confined to serial
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private final List<byte[]> split = new ArrayList<>();
    private final byte[] buffer = new byte[8192];
    private boolean atEnd;
    /** The read listener is set: the input may be read whenever isReady() says so. */
    private boolean listening;
    private boolean stopped;
    private ScheduledFuture<?> late;

    StreamedBodyReader(ServletInputStream in, GatewayCall<ReqT, ?> call, MessageReader splitter, MessageCodec codec,
            Message prototype, int maxBytes, Duration budget, ScheduledExecutorService timer, Executor later) {
        this.later = later;
        this.in = in;
        this.call = call;
        this.splitter = splitter;
        this.codec = codec;
        this.prototype = prototype;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.timer = timer;
    }

    /**
     * Begins reading, in the request's dispatch (the request is asynchronous): what has arrived is taken at once,
     * without blocking ({@code available()}), and only a body not complete by then gets the read listener — as
     * {@link BodyReader} does. (Setting it with bytes still buffered left some of many such requests on Undertow
     * without any onDataAvailable, and with the body already finished without onAllDataRead.) Until the listener is
     * set, nothing else touches the input: demand registered only afterwards.
     */
    void start() {
        serial.execute(() -> {
            try {
                while (true) {
                    int available = in.available();
                    if (available > 0) {
                        int n = in.read(buffer, 0, Math.min(available, buffer.length));
                        if (n < 0) {
                            atEnd = true;
                            break;
                        }
                        splitter.feed(buffer, 0, n, split);
                        waiting.addAll(split);
                        split.clear();
                    } else {
                        atEnd = in.isFinished();
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
            if (!atEnd && !stopped) {
                in.setReadListener(this);
                listening = true;
            }
        });
        call.onDemand(this::pump);
        pump();
    }

    /** Feeds a body that was read whole (a gzip body, decompressed), then its end. */
    void feedWhole(byte[] body) {
        serial.execute(() -> {
            try {
                splitter.feed(body, 0, body.length, split);
                waiting.addAll(split);
                split.clear();
                atEnd = true;
            } catch (IOException e) {
                fail(e);
            }
        });
        call.onDemand(this::pump);
        pump();
    }

    @Override
    public void onDataAvailable() {
        pump();
    }

    @Override
    public void onAllDataRead() {
        serial.execute(() -> atEnd = true);
        pump();
    }

    @Override
    public void onError(Throwable t) {
        LOG.log(Level.FINE, "streamed request not read", t);
        serial.execute(() -> {
            if (BodyReader.isTimeout(t)) {
                stop(lateStatus(), 408);
            } else {
                stop(Status.CANCELLED.withDescription("The client went away"), 0);
            }
        });
    }

    private void pump() {
        serial.execute(this::pumpNow);
    }

    private void pumpNow() {
        if (stopped) {
            return;
        }
        if (call.ended()) {
            stopped = true;
            cancelLate();
            return;
        }
        try {
            while (true) {
                while (!waiting.isEmpty() && call.takeDemand()) {
                    call.deliverNow(parse(waiting.poll()));
                }
                if (!waiting.isEmpty()) {
                    return; // the service has not asked for more: onDemand pumps again
                }
                if (atEnd) {
                    splitter.end(split);
                    if (!split.isEmpty()) {
                        waiting.addAll(split);
                        split.clear();
                        continue;
                    }
                    stopped = true;
                    cancelLate();
                    call.halfClose();
                    return;
                }
                // isReady() false obliges the container to call onDataAvailable (or onAllDataRead) later.
                if (!listening || !in.isReady()) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    atEnd = true;
                    continue;
                }
                splitter.feed(buffer, 0, n, split);
                if (!split.isEmpty()) {
                    cancelLate(); // a message is complete: the next one's budget starts with its first byte
                    waiting.addAll(split);
                    split.clear();
                }
            }
            if (splitter.partial() && late == null && !budget.isZero()) {
                late = timer.schedule(() -> later.execute(() -> serial.execute(() -> stop(lateStatus(), 408))), budget.toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private ReqT parse(byte[] bytes) throws IOException {
        @SuppressWarnings("unchecked")
        ReqT message = (ReqT) codec.parse(bytes, prototype);
        return message;
    }

    private void fail(Exception e) {
        if (e instanceof LimitedInputStream.LimitExceededException) {
            stop(Status.RESOURCE_EXHAUSTED.withDescription("A request message is larger than " + maxBytes + " bytes"), 413);
        } else if (e instanceof CharacterCodingException) {
            stop(Status.INVALID_ARGUMENT.withDescription("The request is not valid UTF-8"), 400);
        } else if (e instanceof InvalidProtocolBufferException || e instanceof Envelopes.MalformedRequestException) {
            stop(Status.INVALID_ARGUMENT.withDescription("Invalid " + prototype.getDescriptorForType().getFullName() + ": "
                    + e.getMessage()), 400);
        } else {
            LOG.log(Level.FINE, "client went away while sending", e);
            stop(Status.CANCELLED.withDescription("The client went away"), 0);
        }
    }

    /** Ends reading and the call with {@code status} ({@code httpStatus} where the answer is still an HTTP error; 0: its own). */
    private void stop(Status status, int httpStatus) {
        if (stopped) {
            return;
        }
        stopped = true;
        cancelLate();
        waiting.clear();
        if (httpStatus == 0) {
            call.abort(status);
        } else {
            call.abort(status, httpStatus);
        }
    }

    private Status lateStatus() {
        return Status.DEADLINE_EXCEEDED.withDescription("A request message did not arrive within " + budget.toSeconds() + " s");
    }

    private void cancelLate() {
        if (late != null) {
            late.cancel(false);
            late = null;
        }
    }
}
