package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.gateway.codec.MessageCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.grpc.Status;

/**
 * The request message of a call through an HTTP rule, as {@code google/api/http.proto} maps it: the body (the whole
 * message for {@code body: "*"}, one field for {@code body: "field"}, none without {@code body}), then every field
 * neither in the path nor in the body from the query string ({@link QueryParameters}, as on the other routes; values
 * in their plain form set directly, {@link DirectValues}), then the path's variables ({@link PathFields}). A body that is a {@code google.api.HttpBody} is taken as it comes, with its
 * content type ({@link HttpBodyCodec}). A query parameter for a field the path or the body carries is refused
 * rather than silently dropped (grpc-gateway drops it), as is a body on a rule without one; and the response codec:
 * the whole response, or its {@code response_body} field ({@link ResponseFieldCodec}).
 */
final class RuleRequests {

    private final JsonCodec json;
    private final JsonOptions options;
    private final ContentNegotiation negotiation;

    RuleRequests(JsonCodec json, JsonOptions options, ContentNegotiation negotiation) {
        this.json = json;
        this.options = options;
        this.negotiation = negotiation;
    }

    /** The message of a request whose body ({@code length} bytes of {@code body}, JSON) has been read. */
    Message request(HttpRules.RuleMatch match, Map<String, String[]> query, String contentType, byte[] body, int length)
            throws HttpError {
        HttpRules.Bound bound = match.bound();
        Message prototype = bound.route().requestPrototype();
        Message.Builder builder = prototype.newBuilderForType();
        if (length > 0) {
            if (!bound.wholeBody() && bound.bodyField() == null) {
                throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(bound.description().httpMethod() + " "
                        + bound.description().path() + " takes no request body; send the fields as query parameters"));
            }
            if (bound.rawBody()) {
                HttpBodyCodec.fill(bound.wholeBody() ? builder : builder.getFieldBuilder(bound.bodyField()), contentType, body, length);
            } else {
                byte[] bytes = bound.wholeBody() ? ContentNegotiation.exactly(body, length) : wrapped(bound.bodyField(), body, length);
                builder.mergeFrom(negotiation.parse(json, bytes, prototype));
            }
        }
        Map<String, String[]> parameters = parameters(bound, match.variables().keySet().stream().toList(), query);
        if (!parameters.isEmpty()) {
            try {
                String rest = DirectValues.setAll(builder, parameters, options);
                if (rest != null) {
                    builder.mergeFrom(negotiation.parse(json, rest.getBytes(StandardCharsets.UTF_8), prototype));
                }
            } catch (QueryParameters.TooManyParametersException e) {
                throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
            } catch (InvalidProtocolBufferException e) {
                throw ContentNegotiation.invalid(prototype, e);
            }
        }
        for (Map.Entry<String, String> variable : match.variables().entrySet()) {
            PathFields.set(builder, variable.getKey(), variable.getValue(), json);
        }
        return builder.build();
    }

    /**
     * The codec of a streamed request's lines: each line is mapped as a unary request's body is, with the path's
     * variables and the query's fields (checked on each line: a bad parameter fails the first message).
     */
    MessageCodec lineCodec(HttpRules.RuleMatch match, Map<String, String[]> query) {
        return new ResponseOnlyCodec(json) {
            @Override
            public Message parse(byte[] line, Message prototype) throws InvalidProtocolBufferException {
                try {
                    return request(match, query, GatewayErrors.JSON, line, line.length);
                } catch (HttpError e) {
                    throw new InvalidProtocolBufferException(e.getMessage());
                }
            }

            @Override
            public byte[] encode(Message message) throws java.io.IOException {
                return json.encode(message);
            }
        };
    }

    /** {@code {"field": <body>}}: the body as the value of its field, so that JsonFormat reads any kind of field. */
    private static byte[] wrapped(FieldDescriptor field, byte[] body, int length) {
        byte[] head = ("{\"" + field.getName() + "\":").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(head.length + length + 1).put(head).put(body, 0, length).put((byte) '}').array();
    }

    /** The query parameters that may set fields: none of the path's or the body's. */
    private Map<String, String[]> parameters(HttpRules.Bound bound, List<String> pathFields, Map<String, String[]> query)
            throws HttpError {
        if (query.isEmpty()) {
            return query;
        }
        Descriptor type = bound.route().requestPrototype().getDescriptorForType();
        Map<String, String[]> kept = new HashMap<>();
        for (Map.Entry<String, String[]> parameter : query.entrySet()) {
            String name = parameter.getKey();
            String taken = null;
            if (bound.wholeBody()) {
                taken = "every field but the path's comes from the request body";
            } else {
                String path = protoPath(type, name);
                if (path != null && bound.bodyField() != null && (path + ".").startsWith(bound.bodyField().getName() + ".")) {
                    taken = "field " + bound.bodyField().getName() + " comes from the request body";
                }
                for (String pathField : pathFields) {
                    if (path != null && ((path + ".").startsWith(pathField + ".") || (pathField + ".").startsWith(path + "."))) {
                        taken = "field " + pathField + " comes from the path";
                    }
                }
            }
            if (taken == null) {
                kept.put(name, parameter.getValue());
            } else if (!options.ignoreUnknownFields()) {
                throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Query parameter " + name + " is not taken here: "
                        + taken));
            }
        }
        return kept;
    }

    /** A parameter's name with .proto field names ({@code bookId.x} → {@code book_id.x}), or null when it names no field. */
    private static String protoPath(Descriptor type, String name) {
        StringBuilder path = new StringBuilder();
        Descriptor descriptor = type;
        for (String part : name.split("\\.", -1)) {
            if (descriptor == null) {
                return null;
            }
            FieldDescriptor field = descriptor.findFieldByName(part);
            if (field == null) {
                field = descriptor.getFields().stream().filter(f -> f.getJsonName().equals(part)).findFirst().orElse(null);
            }
            if (field == null) {
                return null;
            }
            path.append(path.length() == 0 ? "" : ".").append(field.getName());
            descriptor = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return path.toString();
    }

    /**
     * How a server stream goes back, by the request's {@code Accept}: server-sent events ({@code text/event-stream}),
     * one JSON array ({@code application/json}) or, by default and for {@code application/x-ndjson}, NDJSON — whichever
     * the header names first. Each message is the whole response or its {@code response_body} field.
     */
    ResponseWire streamWire(String accept, HttpRules.Bound bound) {
        MessageCodec codec = responseCodec(bound);
        String header = accept == null ? "" : accept.toLowerCase(java.util.Locale.ROOT);
        int sse = position(header, ResponseWire.EVENT_STREAM);
        int array = position(header, "application/json");
        int ndjson = position(header, ResponseWire.NDJSON);
        if (sse < array && sse < ndjson) {
            return ResponseWire.serverSentEvents(codec, json);
        }
        if (array < ndjson) {
            return ResponseWire.jsonArray(codec, json);
        }
        return ResponseWire.ndjson(codec, json);
    }

    private static int position(String header, String media) {
        int at = header.indexOf(media);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    /** How a unary response goes back: its JSON, or the bytes of a {@code google.api.HttpBody}. */
    ResponseWire unaryWire(HttpRules.Bound bound) {
        return bound.rawResponse() ? ResponseWire.httpBody(new HttpBodyCodec(json, bound.responseField()), json)
                : ResponseWire.unary(responseCodec(bound), json);
    }

    /** How the response goes back: the whole message, or its {@code response_body} field. */
    private MessageCodec responseCodec(HttpRules.Bound bound) {
        return bound.responseField() == null ? json : new ResponseFieldCodec(json, bound.responseField());
    }
}
