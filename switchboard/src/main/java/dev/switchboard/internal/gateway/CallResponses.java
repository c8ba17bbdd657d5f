package dev.switchboard.internal.gateway;

import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.gateway.codec.ErrorBody;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

import com.google.protobuf.Message;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a {@link GatewayCall}'s outcome becomes HTTP: the whole response of a call answered in one body (the message,
 * or the JSON error with its HTTP status), the head of a streamed response, and the status a call ends with when its
 * {@link Context} is cancelled. Static, so that the call object stays the only per-call state: {@link GatewayCall}
 * reads its fields under its lock and hands them here.
 */
final class CallResponses {

    private CallResponses() {
    }

    /**
     * The response as one body: {@code message} (null: none was sent, an INTERNAL error), or the JSON error of
     * {@code status}, with {@code abortHttpStatus} when it is not 0 (an HTTP error of HTTP's own: 413, 408).
     * Nothing when the response has been committed already. {@code sentOnCompletion}: whether a body of that many
     * bytes is left to the request's completion to send ({@link ServletContainer#sendsBodyOnCompletion}).
     */
    static void writeWhole(HttpServletResponse response, ResponseWire wire, Status status, Metadata headers,
            Metadata trailers, Object message, int abortHttpStatus, IntPredicate sentOnCompletion) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Status outcome = status;
        byte[] body = null;
        if (status.isOk()) {
            if (message == null) {
                outcome = Status.INTERNAL.withDescription("No response message was sent");
            } else {
                body = wire.codec.encode((Message) message);
            }
        }
        HttpMetadata.toResponse(headers, "", response);
        HttpMetadata.toResponse(trailers, "trailer-", response);
        if (body == null) {
            response.setStatus(abortHttpStatus != 0 ? abortHttpStatus : HttpStatusMapping.httpStatus(outcome.getCode()));
            response.setContentType(GatewayErrors.JSON);
            body = ErrorBody.bytes(outcome, trailers, wire.json);
        } else {
            response.setStatus(200);
            response.setContentType(wire.contentType((Message) message));
        }
        if (abortHttpStatus == 0 && sentOnCompletion.test(body.length)) {
            // No length yet: the body stays in the response's buffer, and the completion sends it with its length.
            response.getOutputStream().write(body);
            return;
        }
        response.setContentLength(body.length);
        // All of the declared length, and no flush: the container ends the body with this write, where a flush as
        // well costs Undertow a second wait for its I/O thread per call.
        response.getOutputStream().write(body);
    }

    /** The head of a streamed response — status, content type, headers — and the stream its messages go to. */
    static ServletOutputStream beginStream(HttpServletResponse response, ResponseWire wire, Metadata headers) {
        response.setStatus(200);
        response.setContentType(wire.contentType());
        if (ResponseWire.EVENT_STREAM.equals(wire.contentType())) {
            response.setHeader("Cache-Control", "no-cache");
        }
        HttpMetadata.toResponse(headers, "", response);
        try {
            return response.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The status of a call the service closes with {@code status}. Service code that polls
     * {@code Context.isCancelled()} sees the deadline's cancellation before the context's listeners run and may answer
     * CANCELLED first; the call ended by its deadline, which is what a gRPC client reports too (from its own deadline).
     */
    static Status closing(Status status, Context context) {
        if (status.getCode() == Status.Code.CANCELLED && context.getDeadline() != null && context.getDeadline().isExpired()) {
            return Status.DEADLINE_EXCEEDED.withDescription("The call's deadline passed");
        }
        return status;
    }

    /** The status of a call whose context was cancelled from outside: its deadline passed, or the client went away. */
    static Status cancelled(Context.CancellableContext context) {
        Throwable cause = context.cancellationCause();
        if (cause instanceof TimeoutException || context.getDeadline() != null && context.getDeadline().isExpired()) {
            return Status.DEADLINE_EXCEEDED.withDescription("The call's deadline passed");
        }
        return Status.CANCELLED.withDescription("The client went away");
    }
}
