package dev.switchboard.internal.openapi;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * A {@code google.api.http} rule's parameters: its path's, then — unless its body is the whole message — every field
 * neither in the path nor the body as a query parameter, as the rule reads them.
 */
final class RuleParameters {

    private RuleParameters() {
    }

    static JsonArray of(ApiRoute route, MessageSchemas schemas, QueryParameterList queryParameters) {
        JsonArray parameters = new JsonArray();
        List<String> bound = new ArrayList<>();
        for (ApiRoute.PathParameter path : route.rule().pathParameters()) {
            FieldDescriptor field = fieldAt(route.input(), path.field());
            JsonObject parameter = new JsonObject();
            parameter.addProperty("name", path.name());
            parameter.addProperty("in", "path");
            parameter.addProperty("required", true);
            if (path.pattern() == null) {
                parameter.addProperty("description", "The request's field " + path.field());
                parameter.add("schema", field != null ? schemas.single(field) : string());
            } else {
                parameter.addProperty("description", "One segment of the request's field " + path.field() + " ("
                        + path.pattern() + ")" + (path.spansSegments() ? ": the rest of the path, which may span segments" : ""));
                parameter.add("schema", string());
            }
            parameters.add(parameter);
            bound.add(jsonPath(route.input(), path.field(), schemas));
        }
        String body = route.rule().body();
        if (body.equals("*")) {
            return parameters;
        }
        if (!body.isEmpty()) {
            bound.add(jsonPath(route.input(), body, schemas));
        }
        for (JsonElement query : queryParameters.of(route.input())) {
            String name = query.getAsJsonObject().get("name").getAsString();
            if (bound.stream().noneMatch(b -> name.equals(b) || name.startsWith(b + "."))) {
                parameters.add(query);
            }
        }
        return parameters;
    }

    /** The field at a dotted path of .proto names ({@code book.name}), or null. */
    private static FieldDescriptor fieldAt(Descriptor type, String fieldPath) {
        FieldDescriptor field = null;
        for (String name : fieldPath.split("\\.")) {
            if (type == null) {
                return null;
            }
            field = type.findFieldByName(name);
            if (field == null) {
                return null;
            }
            type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return field;
    }

    /** A dotted path of .proto names as the query parameters name it (JSON or .proto names, as the schemas say). */
    private static String jsonPath(Descriptor type, String fieldPath, MessageSchemas schemas) {
        StringBuilder path = new StringBuilder();
        for (String name : fieldPath.split("\\.")) {
            FieldDescriptor field = type == null ? null : type.findFieldByName(name);
            path.append(path.length() == 0 ? "" : ".").append(field == null ? name : schemas.name(field));
            type = field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return path.toString();
    }

    private static JsonObject string() {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        return schema;
    }
}
