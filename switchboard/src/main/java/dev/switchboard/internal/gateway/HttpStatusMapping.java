package dev.switchboard.internal.gateway;

import io.grpc.Status;

/** gRPC status code → HTTP status, as google/rpc/code.proto maps them. The one table used everywhere. */
public final class HttpStatusMapping {

    /** nginx's "client closed request", which code.proto uses for CANCELLED. */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private HttpStatusMapping() {
    }

    public static int httpStatus(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case CANCELLED -> CLIENT_CLOSED_REQUEST;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNAUTHENTICATED -> 401;
        };
    }
}
