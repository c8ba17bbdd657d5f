package dev.switchboard.internal.telemetry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.MessageLite;

import io.grpc.Deadline;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One call's telemetry from start to end: its span, when it started, the bytes of its messages, and how it ended —
 * recorded once, on the first of: the call closed with a status, the call cancelled (by the client, or a passed
 * deadline), or the call ended by grpc-java after service code threw.
 *
 * <p>What the sizes measure: the serialized protobuf size of every message, the same on every protocol. That is what
 * gRPC frames before compression: on native gRPC and gRPC-Web without compression, the bytes on the wire less the
 * 5-byte frame headers; with compression, more than went over the wire (grpc-servlet does not expose the wire sizes
 * its stream tracers would see to this interceptor). Over JSON, Connect and REST it is the size of the protobuf
 * equivalent of the JSON body, not the JSON body's own.
 */
final class RpcCall {

    private final Span span;
    private final RpcAttributes.OfMethod attributes;
    private final ServerInstruments instruments;
    private final long startNanos = System.nanoTime();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** What service code threw from a callback, if anything: grpc-java then ends the call as UNKNOWN. */
    private volatile Throwable thrown;

    RpcCall(Span span, RpcAttributes.OfMethod attributes, ServerInstruments instruments) {
        this.span = span;
        this.attributes = attributes;
        this.instruments = instruments;
    }

    void sent(Object message) {
        if (message instanceof MessageLite lite) {
            sentBytes.addAndGet(lite.getSerializedSize());
        }
    }

    void received(Object message) {
        if (message instanceof MessageLite lite) {
            receivedBytes.addAndGet(lite.getSerializedSize());
        }
    }

    /** Bytes of a gRPC request message, counted as Switchboard parsed it (inside the chain) from its raw stream. */
    void receivedBytes(long bytes) {
        receivedBytes.addAndGet(bytes);
    }

    void threw(Throwable error) {
        if (thrown == null) {
            thrown = error;
            span.recordException(error);
        }
    }

    /** The call was cancelled: what for, as far as it can be told here. */
    void cancelled(io.grpc.Context context) {
        if (ended.get()) {
            return;
        }
        if (thrown != null) {
            end(Status.UNKNOWN.withDescription("Service code threw"));
            return;
        }
        Deadline deadline = context.getDeadline();
        boolean expired = deadline != null && deadline.isExpired();
        span.addEvent(expired ? "deadline exceeded" : "cancelled");
        end(expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED);
    }

    /** Records the end once: metrics, then the span's status, exception and end. */
    void end(Status status) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        instruments.ended(attributes.ended(status.getCode()), nanos, sentBytes.get(), receivedBytes.get());
        span.setAttribute(RpcAttributes.RPC_GRPC_STATUS_CODE, (long) status.getCode().value());
        if (status.getCause() != null && status.getCause() != thrown) {
            // what service code passed to onError (e.g. an exception of its own, unmapped)
            span.recordException(status.getCause());
        }
        if (RpcAttributes.isServerError(status.getCode())) {
            span.setStatus(StatusCode.ERROR, status.getDescription() == null ? status.getCode().name() : status.getDescription());
        }
        span.end();
    }
}
