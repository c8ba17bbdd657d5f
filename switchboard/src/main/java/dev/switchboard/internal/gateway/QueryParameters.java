package dev.switchboard.internal.gateway;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The request message of a GET: from query parameters as grpc-gateway reads them ({@code name=x}, nested fields as
 * {@code a.b=x}, repeated fields as repeated keys, enums by name, well-known types in their JSON string form), or
 * from Connect's GET form ({@code ?message=...&encoding=json|proto[&base64=1]}). The parameters become a JSON object
 * that {@link JsonCodec} parses, so every value gets JsonFormat's checks and error messages.
 */
public final class QueryParameters {

    /** Messages whose JSON form is a string, so a single query value can hold them. */
    static final Set<String> STRING_FORM_TYPES = Set.of("google.protobuf.Timestamp", "google.protobuf.Duration",
            "google.protobuf.FieldMask", "google.protobuf.StringValue", "google.protobuf.BytesValue",
            "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
            "google.protobuf.UInt64Value", "google.protobuf.FloatValue", "google.protobuf.DoubleValue",
            "google.protobuf.BoolValue");

    private static final Set<String> CONNECT_KEYS = Set.of("message", "encoding", "base64", "compression", "connect");

    private QueryParameters() {
    }

    /** Whether one query value can hold a message of this type (its JSON form is a string or a single value). */
    public static boolean takesSingleValue(Descriptor type) {
        return STRING_FORM_TYPES.contains(type.getFullName());
    }

    /** A Connect GET names its encoding; anything else is field-by-field. */
    static boolean isConnectForm(Map<String, String[]> params) {
        return params.containsKey("encoding") && params.containsKey("message") && CONNECT_KEYS.containsAll(params.keySet());
    }

    /** The message bytes of a Connect GET, in the codec that {@code encoding} names. */
    static byte[] connectMessage(Map<String, String[]> params) throws InvalidProtocolBufferException {
        String compression = single(params, "compression");
        if (compression != null && !compression.equals("identity")) {
            throw new InvalidProtocolBufferException("compression=" + compression + " is not supported; use identity");
        }
        String message = single(params, "message");
        if ("1".equals(single(params, "base64"))) {
            try {
                return Base64.getUrlDecoder().decode(message.replace('+', '-').replace('/', '_').replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidProtocolBufferException("message is not base64url: " + e.getMessage());
            }
        }
        return message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String single(Map<String, String[]> params, String name) throws InvalidProtocolBufferException {
        String[] values = params.get(name);
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw new InvalidProtocolBufferException("Query parameter " + name + " is given " + values.length + " times");
        }
        return values[0];
    }

    /** Field-by-field parameters as the JSON object of a message of type {@code type}. */
    static JsonObject toJson(Map<String, String[]> params, Descriptor type, int maxParameters, boolean ignoreUnknown)
            throws InvalidProtocolBufferException {
        return toJson(params, type, maxParameters, ignoreUnknown, null);
    }

    /**
     * As {@link #toJson(Map, Descriptor, int, boolean)}, but the values {@link DirectValues} can set without JSON are
     * collected there instead of written into the object ({@code direct} null: none are).
     */
    static JsonObject toJson(Map<String, String[]> params, Descriptor type, int maxParameters, boolean ignoreUnknown,
            DirectValues direct) throws InvalidProtocolBufferException {
        int count = params.values().stream().mapToInt(v -> v.length).sum();
        if (count > maxParameters) {
            throw new TooManyParametersException(count, maxParameters);
        }
        JsonObject root = new JsonObject();
        parameters:
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            String[] path = param.getKey().split("\\.", -1);
            FieldDescriptor[] fields = new FieldDescriptor[path.length];
            JsonObject node = root;
            Descriptor descriptor = type;
            for (int i = 0; i < path.length; i++) {
                FieldDescriptor field = field(descriptor, path[i]);
                fields[i] = field;
                if (field == null) {
                    if (ignoreUnknown) {
                        continue parameters;
                    }
                    throw new InvalidProtocolBufferException("Query parameter " + param.getKey() + ": " + descriptor.getFullName()
                            + " has no field " + path[i]);
                }
                boolean leaf = i == path.length - 1;
                if (!leaf) {
                    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated() || field.isMapField()) {
                        throw new InvalidProtocolBufferException("Query parameter " + param.getKey() + ": " + field.getName()
                                + " is not a single message, so it has no field " + path[i + 1]);
                    }
                    JsonElement child = node.get(field.getJsonName());
                    if (child == null) {
                        child = new JsonObject();
                        node.add(field.getJsonName(), child);
                    } else if (!child.isJsonObject()) {
                        throw setTwice(param.getKey(), field);
                    }
                    node = child.getAsJsonObject();
                    descriptor = field.getMessageType();
                } else {
                    // Set already: by its other spelling (choice_text, choiceText), or through its fields (when.seconds)
                    if (node.has(field.getJsonName())) {
                        throw setTwice(param.getKey(), field);
                    }
                    JsonElement value = leafValue(param.getKey(), field, param.getValue());
                    node.add(field.getJsonName(), direct != null && direct.take(fields, param.getValue()) ? DirectValues.TAKEN : value);
                }
            }
        }
        return root;
    }

    private static InvalidProtocolBufferException setTwice(String name, FieldDescriptor field) {
        return new InvalidProtocolBufferException("Query parameter " + name + ": field " + field.getName()
                + " is set by another parameter too");
    }

    private static JsonElement leafValue(String name, FieldDescriptor field, String[] values) throws InvalidProtocolBufferException {
        if (field.isMapField() || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && !STRING_FORM_TYPES.contains(field.getMessageType().getFullName())) {
            throw new InvalidProtocolBufferException("Query parameter " + name + " is a message; set its fields as "
                    + name + ".<field>, or send JSON with POST");
        }
        if (field.isRepeated()) {
            JsonArray array = new JsonArray();
            for (String value : values) {
                array.add(typed(field, value));
            }
            return array;
        }
        if (values.length > 1) {
            throw new InvalidProtocolBufferException("Query parameter " + name + " is given " + values.length
                    + " times, but " + field.getName() + " is not repeated");
        }
        return typed(field, values[0]);
    }

    /**
     * A query value as the JSON value the field takes, where the text alone does not say: {@code true} and
     * {@code false} for a bool (JSON booleans), an enum's number (a JSON number; grpc-gateway takes numbers and names).
     * Everything else goes as a string, which proto3 JSON accepts for every other kind of field.
     */
    static JsonPrimitive typed(FieldDescriptor field, String value) {
        boolean bool = field.getType() == FieldDescriptor.Type.BOOL
                || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && field.getMessageType().getFullName().equals("google.protobuf.BoolValue");
        if (bool && (value.equals("true") || value.equals("false"))) {
            return new JsonPrimitive(Boolean.parseBoolean(value));
        }
        if (field.getType() == FieldDescriptor.Type.ENUM && value.matches("-?[0-9]{1,10}")) {
            return new JsonPrimitive(Long.parseLong(value));
        }
        return new JsonPrimitive(value);
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor field = type.findFieldByName(name);
        if (field != null) {
            return field;
        }
        for (FieldDescriptor candidate : type.getFields()) {
            if (candidate.getJsonName().equals(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** More query parameters than allowed. */
    static final class TooManyParametersException extends InvalidProtocolBufferException {
        private static final long serialVersionUID = 1L;

        TooManyParametersException(int count, int max) {
            super("The request has " + count + " query parameters; at most " + max + " are allowed");
        }
    }
}
