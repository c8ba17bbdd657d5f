package dev.switchboard.internal.openapi;

import java.util.List;

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
 * @param rule for a {@code google.api.http} rule's route ({@link RequestForm#RULE}), how the request is bound; else null
 */
record ApiRoute(String path, String httpMethod, String fullMethodName, MethodType type, Descriptor input, Descriptor output,
        RequestForm form, String kind, String group, Rule rule) {

    /**
     * How a rule binds the request: {@code binding} as written ({@code GET /v1/{name=shelves/*}}), its path's
     * parameters, its {@code body} ({@code ""}, {@code *} or a field) and {@code response_body} ({@code ""} or a field).
     */
    record Rule(String binding, List<PathParameter> pathParameters, String body, String responseBody) {
    }

    /**
     * One parameter of an OpenAPI path: {@code name} in the path, filling {@code field} (a field path of the request)
     * alone, or, where {@code pattern} is not null, one wildcard of that field's pattern ({@code spansSegments} for
     * {@code **}).
     */
    record PathParameter(String name, String field, boolean spansSegments, String pattern) {
    }

    /** How the request message arrives. */
    enum RequestForm {
        /** A JSON body (NDJSON for streams of requests). */
        BODY,
        /** The message's fields as query parameters. */
        QUERY,
        /** Connect's GET: the message as JSON in the {@code message} parameter. */
        CONNECT_GET,
        /** A {@code google.api.http} rule: fields from the path, the body as the rule says, the rest from the query. */
        RULE
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
