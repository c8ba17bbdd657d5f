package dev.switchboard.internal.openapi;

import com.google.protobuf.Descriptors.Descriptor;

import io.grpc.MethodDescriptor.MethodType;

/**
 * One operation of the document: an HTTP method at a path within the context, answered by a gRPC method.
 *
 * @param path the path within the context, as OpenAPI writes it
 * @param httpMethod upper case
 * @param fullMethodName {@code package.Service/Method}
 * @param type the gRPC method's kind, which decides the media types of streams
 * @param input the request message
 * @param output the response message
 * @param form how the request message arrives
 * @param kind what kind of route this is, for operation ids and descriptions ({@code ""} for the short route)
 * @param group the gateway's path, or {@code ""}: where one service is under several gateways, what tells their
 *              operations apart
 */
record ApiRoute(String path, String httpMethod, String fullMethodName, MethodType type, Descriptor input, Descriptor output,
        RequestForm form, String kind, String group) {

    /** How the request message arrives. */
    enum RequestForm {
        /** A JSON body (NDJSON for streams of requests). */
        BODY,
        /** The message's fields as query parameters. */
        QUERY,
        /** Connect's GET: the message as JSON in the {@code message} parameter. */
        CONNECT_GET
    }

    String serviceName() {
        return fullMethodName.substring(0, fullMethodName.indexOf('/'));
    }

    String methodName() {
        return fullMethodName.substring(fullMethodName.indexOf('/') + 1);
    }

    boolean streamsRequests() {
        return type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING;
    }

    boolean streamsResponses() {
        return type == MethodType.SERVER_STREAMING || type == MethodType.BIDI_STREAMING;
    }
}
