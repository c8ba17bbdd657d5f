package dev.switchboard.internal.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.switchboard.internal.gateway.HttpStatusMapping;
import dev.switchboard.internal.gateway.codec.ErrorBody;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import io.grpc.Status;

/**
 * The OpenAPI 3.1 document of a list of {@link ApiRoute}s: one operation per route, tagged with its gRPC service,
 * its request and response as {@link MessageSchemas} (NDJSON and server-sent events for streams), and the error
 * responses the gateway can give, all with its one error body.
 */
final class OpenApiDocument {

    static final String ERROR_BODY = "dev.switchboard.ErrorBody";
    static final String NDJSON = "application/x-ndjson";
    static final String HTTP_BODY = "google.api.HttpBody";
    /** Statuses the gateway answers with itself, besides those of gRPC codes: 408, 413, 415 (docs/gateway.md). */
    private static final int[] GATEWAY_STATUSES = {408, 413, 415};
    /**
     * The most query parameters listed for one GET: a bound on the document for wide trees of nested messages (a
     * request may use up to switchboard.json.max-query-parameters of them at once).
     */
    private static final int MAX_LISTED_PARAMETERS = 500;

    private final MessageSchemas schemas;
    private final QueryParameterList queryParameters;
    private final Set<String> operationIds = new HashSet<>();
    private final boolean includeDefaultValues;
    private final boolean ignoreUnknownFields;
    private final ProtoComments comments;

    private OpenApiDocument(JsonOptions json, ProtoComments comments) {
        this.comments = comments;
        this.schemas = new MessageSchemas(json.protoFieldNames(), comments);
        this.queryParameters = new QueryParameterList(schemas, MAX_LISTED_PARAMETERS);
        this.includeDefaultValues = json.includeDefaultValues();
        this.ignoreUnknownFields = json.ignoreUnknownFields();
    }

    static JsonObject of(List<ApiRoute> routes, OpenApiSettings settings, JsonOptions json) {
        return of(routes, settings, json, ProtoComments.none());
    }

    /** With the .proto files' comments as descriptions, where {@code comments} has them. */
    static JsonObject of(List<ApiRoute> routes, OpenApiSettings settings, JsonOptions json, ProtoComments comments) {
        return new OpenApiDocument(json, comments).build(routes, settings);
    }

    private JsonObject build(List<ApiRoute> routes, OpenApiSettings settings) {
        JsonObject document = new JsonObject();
        document.addProperty("openapi", "3.1.0");
        JsonObject info = new JsonObject();
        info.addProperty("title", settings.title());
        info.addProperty("version", settings.version());
        info.addProperty("description", "The JSON routes of the gRPC services, generated from their descriptors. Messages are "
                + "proto3 JSON: requests take lowerCamel or .proto field names, and unknown fields are "
                + (ignoreUnknownFields ? "ignored" : "refused") + ". Absent fields have their default values; responses "
                + (includeDefaultValues ? "include" : "leave out") + " fields at their defaults.");
        document.add("info", info);
        JsonArray servers = new JsonArray();
        for (String url : settings.servers()) {
            JsonObject server = new JsonObject();
            server.addProperty("url", url);
            servers.add(server);
        }
        document.add("servers", servers);
        TreeMap<String, JsonObject> paths = new TreeMap<>();
        Set<String> tags = new TreeSet<>();
        for (ApiRoute route : routes) {
            paths.computeIfAbsent(route.path(), p -> new JsonObject())
                    .add(route.httpMethod().toLowerCase(Locale.ROOT), operation(route));
            tags.add(route.serviceName());
        }
        JsonArray tagList = new JsonArray();
        for (String tag : tags) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", tag);
            String comment = comments.of(tag);
            entry.addProperty("description", (comment != null ? comment + "\n\n" : "") + "gRPC service " + tag);
            tagList.add(entry);
        }
        document.add("tags", tagList);
        JsonObject pathObject = new JsonObject();
        paths.forEach(pathObject::add);
        document.add("paths", pathObject);
        JsonObject components = new JsonObject();
        JsonObject schemaObject = schemas.components();
        schemaObject.add(ERROR_BODY, errorBody());
        components.add("schemas", schemaObject);
        JsonObject responses = new JsonObject();
        responses.add("Error", content("An error: the gRPC status as the JSON error body", "application/json",
                MessageSchemas.ref(ERROR_BODY)));
        components.add("responses", responses);
        document.add("components", components);
        return document;
    }

    private JsonObject operation(ApiRoute route) {
        JsonObject operation = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add(route.serviceName());
        operation.add("tags", tags);
        operation.addProperty("summary", route.serviceName().substring(route.serviceName().lastIndexOf('.') + 1) + "."
                + route.methodName());
        String comment = comments.of(route.fullMethodName().replace('/', '.'));
        operation.addProperty("description", (comment != null ? comment + "\n\n" : "") + description(route));
        operation.addProperty("operationId", operationId(route));
        // which gRPC method answers, for tools and tests that call it over gRPC too
        operation.addProperty("x-grpc-method", route.fullMethodName());
        switch (route.form()) {
            case BODY -> operation.add("requestBody", requestBody(route));
            case QUERY -> operation.add("parameters", queryParameters.of(route.input()));
            case CONNECT_GET -> operation.add("parameters", connectGetParameters(route));
            case RULE -> {
                operation.add("parameters", RuleParameters.of(route, schemas, queryParameters));
                if (!route.rule().body().isEmpty()) {
                    operation.add("requestBody", !route.rule().body().equals("*") ? ruleBodyField(route)
                            : route.input().getFullName().equals(HTTP_BODY) ? rawBody() : requestBody(route));
                }
            }
        }
        JsonObject responses = new JsonObject();
        responses.add("200", success(route));
        TreeSet<Integer> statuses = new TreeSet<>();
        for (Status.Code code : Status.Code.values()) {
            if (code != Status.Code.OK) {
                statuses.add(HttpStatusMapping.httpStatus(code));
            }
        }
        for (int status : GATEWAY_STATUSES) {
            statuses.add(status);
        }
        for (int status : statuses) {
            JsonObject ref = new JsonObject();
            ref.addProperty("$ref", "#/components/responses/Error");
            responses.add(Integer.toString(status), ref);
        }
        operation.add("responses", responses);
        return operation;
    }

    private static String description(ApiRoute route) {
        String kind = switch (route.type()) {
            case UNARY -> "Unary";
            case SERVER_STREAMING -> "Server-streaming";
            case CLIENT_STREAMING -> "Client-streaming";
            case BIDI_STREAMING -> "Bidirectional streaming";
            default -> "The";
        };
        String text = kind + " gRPC method " + route.fullMethodName();
        text += switch (route.kind()) {
            case ApiRoutes.CANONICAL -> ", at its gRPC method path under the gateway (Connect's unary protocol).";
            case ApiRoutes.CONNECT -> ", at its own method path (Connect's unary protocol).";
            case RuleRoutes.KIND -> ", at its google.api.http rule " + route.rule().binding() + ".";
            default -> ".";
        };
        if (route.streamsResponses()) {
            text += " Responses stream as NDJSON, one message per line (a last line {\"error\": {...}} on failure), or as "
                    + "server-sent events with Accept: text/event-stream (event: end, or event: error).";
        }
        if (route.streamsRequests()) {
            text += " Requests stream as NDJSON, one message per line.";
        }
        return text;
    }

    /** {@code Service_Method}, with the HTTP method and route kind where not the short POST; unique. */
    private String operationId(ApiRoute route) {
        String service = route.serviceName().substring(route.serviceName().lastIndexOf('.') + 1);
        String id = service + "_" + route.methodName()
                + (route.kind().isEmpty() ? "" : "_" + route.kind())
                + (route.httpMethod().equals("POST") ? "" : "_" + route.httpMethod().toLowerCase(Locale.ROOT));
        if (!operationIds.add(id)) {
            // The same service under another gateway, or a service of the same name in another package; a rule's
            // additional binding (not the gateway's: rules are at their own paths) is numbered.
            String group = route.group().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
            String qualified = route.kind().equals(RuleRoutes.KIND) ? id
                    : (group.isEmpty() ? route.serviceName().replace('.', '_') : group) + "_" + id;
            id = qualified;
            for (int n = 2; !operationIds.add(id); n++) {
                id = qualified + "_" + n;
            }
        }
        return id;
    }

    private JsonObject requestBody(ApiRoute route) {
        JsonObject content = new JsonObject();
        JsonObject message = media(schemas.message(route.input()));
        if (route.streamsRequests()) {
            content.add(NDJSON, message);
            if (route.type() == io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING) {
                content.add("application/json", media(schemas.message(route.input())));
            }
        } else {
            content.add("application/json", message);
        }
        JsonObject body = new JsonObject();
        body.addProperty("description", "The request message" + (route.streamsRequests() ? "s" : "") + "; an empty body is the empty message");
        body.add("content", content);
        return body;
    }

    private JsonObject success(ApiRoute route) {
        String responseBody = route.rule() == null ? "" : route.rule().responseBody();
        JsonObject schema = responseBody.isEmpty() ? schemas.message(route.output())
                : schemas.field(route.output().findFieldByName(responseBody));
        if (!route.streamsResponses()) {
            if (responseBody.isEmpty() && route.output().getFullName().equals(HTTP_BODY)) {
                return content("The response body as the service gives it, with its content type", "*/*", binary());
            }
            return content(responseBody.isEmpty() ? "The response message" : "The response message's field " + responseBody,
                    "application/json", schema);
        }
        JsonObject response = content("The response messages, each as the service sends it", NDJSON, schema);
        JsonObject events = new JsonObject();
        events.addProperty("type", "string");
        events.addProperty("description", "data: {message} per message, then event: end or event: error");
        response.getAsJsonObject("content").add("text/event-stream", media(events));
        return response;
    }

    /** A rule's {@code body: "field"}: that field of the request as the body (raw bytes for a google.api.HttpBody). */
    private JsonObject ruleBodyField(ApiRoute route) {
        com.google.protobuf.Descriptors.FieldDescriptor field = route.input().findFieldByName(route.rule().body());
        JsonObject content = new JsonObject();
        if (field.getJavaType() == com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE
                && field.getMessageType().getFullName().equals(HTTP_BODY)) {
            content.add("*/*", media(binary()));
        } else {
            content.add(route.streamsRequests() ? NDJSON : "application/json", media(schemas.field(field)));
        }
        JsonObject body = new JsonObject();
        body.addProperty("description", "The request's field " + field.getName() + (route.streamsRequests() ? ", one per line" : ""));
        body.add("content", content);
        return body;
    }

    /** A google.api.HttpBody request: the body's bytes, with the content type the service is told. */
    private static JsonObject rawBody() {
        JsonObject content = new JsonObject();
        content.add("*/*", media(binary()));
        JsonObject body = new JsonObject();
        body.addProperty("description", "The request body as it is, with its content type");
        body.add("content", content);
        return body;
    }

    private static JsonObject binary() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        schema.addProperty("format", "binary");
        return schema;
    }

    /**
     * Connect's GET: the message as JSON in {@code message}, {@code encoding=json}. The message is a string whose
     * content is described ({@code contentSchema}), rather than a parameter with {@code content}: generated clients
     * send the former as it is, and the latter as whatever their model's toString() says.
     */
    private JsonArray connectGetParameters(ApiRoute route) {
        JsonArray parameters = new JsonArray();
        JsonObject message = new JsonObject();
        message.addProperty("name", "message");
        message.addProperty("in", "query");
        message.addProperty("required", true);
        message.addProperty("description", "The request message as JSON");
        JsonObject text = new JsonObject();
        text.addProperty("type", "string");
        text.addProperty("contentMediaType", "application/json");
        text.add("contentSchema", schemas.message(route.input()));
        message.add("schema", text);
        parameters.add(message);
        JsonObject encoding = new JsonObject();
        encoding.addProperty("name", "encoding");
        encoding.addProperty("in", "query");
        encoding.addProperty("required", true);
        JsonObject json = new JsonObject();
        json.addProperty("type", "string");
        JsonArray values = new JsonArray();
        values.add("json");
        json.add("enum", values);
        json.addProperty("default", "json");
        encoding.add("schema", json);
        parameters.add(encoding);
        return parameters;
    }

    private static JsonObject content(String description, String mediaType, JsonObject schema) {
        JsonObject response = new JsonObject();
        response.addProperty("description", description);
        JsonObject content = new JsonObject();
        content.add(mediaType, media(schema));
        response.add("content", content);
        return response;
    }

    private static JsonObject media(JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        return media;
    }

    /** The gateway's one error body (ErrorBody), with Connect's code names. */
    private static JsonObject errorBody() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.addProperty("title", "ErrorBody");
        JsonArray required = new JsonArray();
        required.add("code");
        required.add("message");
        schema.add("required", required);
        JsonObject properties = new JsonObject();
        JsonObject code = new JsonObject();
        code.addProperty("type", "string");
        JsonArray codes = new JsonArray();
        for (Status.Code c : Status.Code.values()) {
            if (c != Status.Code.OK) {
                codes.add(ErrorBody.codeName(c));
            }
        }
        code.add("enum", codes);
        code.addProperty("description", "The gRPC status code, in Connect's lower-case spelling");
        properties.add("code", code);
        properties.add("message", string("The status description"));
        properties.add("detail", string("The same as message"));
        JsonObject detail = new JsonObject();
        detail.addProperty("type", "object");
        JsonObject detailProperties = new JsonObject();
        detailProperties.add("type", string("The detail's message type, e.g. google.rpc.BadRequest"));
        JsonObject value = string("The detail, binary protobuf in base64");
        value.addProperty("contentEncoding", "base64");
        detailProperties.add("value", value);
        JsonObject debug = new JsonObject();
        debug.addProperty("description", "The detail as JSON, where the server knows its type");
        detailProperties.add("debug", debug);
        detail.add("properties", detailProperties);
        JsonObject details = new JsonObject();
        details.addProperty("type", "array");
        details.add("items", detail);
        details.addProperty("description", "Rich error details the service sent");
        properties.add("details", details);
        schema.add("properties", properties);
        return schema;
    }

    private static JsonObject string(String description) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        schema.addProperty("description", description);
        return schema;
    }
}
