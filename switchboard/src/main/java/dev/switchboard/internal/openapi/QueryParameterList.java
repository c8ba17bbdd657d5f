package dev.switchboard.internal.openapi;

import java.util.HashSet;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import dev.switchboard.internal.gateway.QueryParameters;

/**
 * A request message as the query parameters of a GET, as the gateway reads them: a parameter per scalar, enum or
 * repeated scalar field ({@code tags=a&tags=b}), nested messages' fields as {@code a.b}, and well-known types whose
 * JSON form is a string or a single value (Timestamp, Duration, FieldMask, wrappers). Maps, repeated messages and
 * the free-JSON types cannot be given this way, and are not listed; a message type met again on the way down (a
 * recursive message) is not entered again.
 */
final class QueryParameterList {

    private final MessageSchemas schemas;
    /** At most this many parameters are listed. */
    private final int max;

    QueryParameterList(MessageSchemas schemas, int max) {
        this.schemas = schemas;
        this.max = max;
    }

    JsonArray of(Descriptor type) {
        JsonArray parameters = new JsonArray();
        add(parameters, type, "", new HashSet<>());
        return parameters;
    }

    private void add(JsonArray parameters, Descriptor type, String prefix, Set<String> entered) {
        entered.add(type.getFullName());
        for (FieldDescriptor field : type.getFields()) {
            if (parameters.size() >= max || field.isMapField()) {
                continue;
            }
            String name = prefix + schemas.name(field);
            boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (message && !QueryParameters.takesSingleValue(field.getMessageType())) {
                if (!field.isRepeated() && !field.getMessageType().getFullName().startsWith("google.protobuf.")
                        && !entered.contains(field.getMessageType().getFullName())) {
                    add(parameters, field.getMessageType(), name + ".", entered);
                }
                continue;
            }
            JsonObject parameter = new JsonObject();
            parameter.addProperty("name", name);
            parameter.addProperty("in", "query");
            JsonObject schema = schemas.field(field);
            if (message) {
                // a wrapper's null is no value in a query: the parameter is simply left out
                nonNull(field.isRepeated() ? schema.getAsJsonObject("items") : schema);
            }
            if (field.isRepeated()) {
                parameter.addProperty("style", "form");
                parameter.addProperty("explode", true);
            }
            parameter.add("schema", schema);
            parameters.add(parameter);
        }
        entered.remove(type.getFullName());
    }

    private static void nonNull(JsonObject schema) {
        if (schema.has("type") && schema.get("type").isJsonArray()) {
            schema.add("type", schema.getAsJsonArray("type").get(0));
        }
    }
}
