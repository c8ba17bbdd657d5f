package dev.switchboard.internal.gateway;

import io.grpc.Status;

/**
 * An error answered before any call starts: the HTTP status and the gRPC status of the JSON error body. An exception
 * without a stack trace, since it is the client's mistake and says all there is to say in its status.
 */
final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    final int httpStatus;
    final transient Status status;

    HttpError(int httpStatus, Status status) {
        super(status.getDescription(), null, false, false);
        this.httpStatus = httpStatus;
        this.status = status;
    }
}
