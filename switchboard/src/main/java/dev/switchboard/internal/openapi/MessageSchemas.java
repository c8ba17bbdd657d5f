package dev.switchboard.internal.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;

/**
 * JSON Schemas of protobuf messages as the gateway reads and writes them (the proto3 JSON mapping): 64-bit integers
 * as strings, enums by name, bytes as base64, maps as objects, the well-known types in their JSON forms (Timestamp
 * and Duration as strings, Struct, Value and ListValue as free JSON, wrappers as their value or null, FieldMask as a
 * string, Any as an object with {@code @type}). Messages and enums become components named by their full name, each
 * added when first used; the well-known types are written inline. Property names are the ones the gateway writes
 * (lowerCamel, or the .proto names with {@code switchboard.json.proto-field-names}); requests take either.
 */
final class MessageSchemas {

    static final String REF = "#/components/schemas/";

    /** The JSON forms of the well-known types that are not objects of their fields. */
    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            Map.entry("google.protobuf.Timestamp",
                    "{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"RFC 3339, in UTC: 1972-01-01T10:00:20.021Z\"}"),
            Map.entry("google.protobuf.Duration", "{\"type\":\"string\",\"pattern\":\"^-?[0-9]+(\\\\.[0-9]{1,9})?s$\","
                    + "\"format\":\"google-duration\",\"description\":\"Seconds with up to 9 fractional digits and the suffix s: 1.5s\"}"),
            Map.entry("google.protobuf.FieldMask",
                    "{\"type\":\"string\",\"description\":\"Field paths, comma-separated, in lowerCamelCase: user.displayName,photo\"}"),
            Map.entry("google.protobuf.Struct", "{\"type\":\"object\",\"additionalProperties\":true,\"description\":\"Any JSON object\"}"),
            Map.entry("google.protobuf.Value", "{\"description\":\"Any JSON value\"}"),
            Map.entry("google.protobuf.ListValue", "{\"type\":\"array\",\"items\":{},\"description\":\"Any JSON array\"}"),
            Map.entry("google.protobuf.Any", "{\"type\":\"object\",\"properties\":{\"@type\":{\"type\":\"string\","
                    + "\"description\":\"type.googleapis.com/ and the full name of the message type\"}},\"additionalProperties\":true,"
                    + "\"description\":\"A message of any type: @type, and the message's fields (or value, for a well-known type); {} when empty\"}"),
            Map.entry("google.protobuf.DoubleValue", "{\"type\":[\"number\",\"null\"],\"format\":\"double\"}"),
            Map.entry("google.protobuf.FloatValue", "{\"type\":[\"number\",\"null\"],\"format\":\"float\"}"),
            Map.entry("google.protobuf.Int64Value", "{\"type\":[\"string\",\"null\"],\"format\":\"int64\"}"),
            Map.entry("google.protobuf.UInt64Value", "{\"type\":[\"string\",\"null\"],\"format\":\"uint64\"}"),
            Map.entry("google.protobuf.Int32Value", "{\"type\":[\"integer\",\"null\"],\"format\":\"int32\"}"),
            Map.entry("google.protobuf.UInt32Value", "{\"type\":[\"integer\",\"null\"],\"format\":\"int64\",\"minimum\":0,\"maximum\":4294967295}"),
            Map.entry("google.protobuf.BoolValue", "{\"type\":[\"boolean\",\"null\"]}"),
            Map.entry("google.protobuf.StringValue", "{\"type\":[\"string\",\"null\"]}"),
            Map.entry("google.protobuf.BytesValue", "{\"type\":[\"string\",\"null\"],\"format\":\"byte\",\"contentEncoding\":\"base64\"}"));

    private final boolean protoFieldNames;
    private final ProtoComments comments;
    private final Map<String, JsonObject> components = new TreeMap<>();

    MessageSchemas(boolean protoFieldNames) {
        this(protoFieldNames, ProtoComments.none());
    }

    MessageSchemas(boolean protoFieldNames, ProtoComments comments) {
        this.protoFieldNames = protoFieldNames;
        this.comments = comments;
    }

    /** A reference to the message's component (added, with the types it uses), or the well-known type's form. */
    JsonObject message(Descriptor type) {
        String known = WELL_KNOWN.get(type.getFullName());
        if (known != null) {
            return com.google.gson.JsonParser.parseString(known).getAsJsonObject();
        }
        if (!components.containsKey(type.getFullName())) {
            components.put(type.getFullName(), new JsonObject()); // placeholder: recursive types refer to it
            components.put(type.getFullName(), object(type));
        }
        return ref(type.getFullName());
    }

    /** The schema of one field's value in JSON: repeated as arrays, maps as objects. */
    JsonObject field(FieldDescriptor field) {
        if (field.isMapField()) {
            FieldDescriptor key = field.getMessageType().findFieldByName("key");
            JsonObject map = new JsonObject();
            map.addProperty("type", "object");
            map.add("additionalProperties", single(field.getMessageType().findFieldByName("value")));
            if (key.getJavaType() != FieldDescriptor.JavaType.STRING) {
                JsonObject names = new JsonObject();
                names.addProperty("pattern", key.getJavaType() == FieldDescriptor.JavaType.BOOLEAN ? "^(true|false)$" : "^-?[0-9]+$");
                map.add("propertyNames", names);
            }
            return map;
        }
        if (field.isRepeated()) {
            JsonObject array = new JsonObject();
            array.addProperty("type", "array");
            array.add("items", single(field));
            return array;
        }
        return single(field);
    }

    /** The name of a field in JSON, as the gateway writes it. */
    String name(FieldDescriptor field) {
        return protoFieldNames ? field.getName() : field.getJsonName();
    }

    /** The schema of one value of a field (the element of a repeated field). */
    JsonObject single(FieldDescriptor field) {
        JsonObject schema = new JsonObject();
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> typed(schema, "integer", "int32");
            case UINT32, FIXED32 -> {
                typed(schema, "integer", "int64");
                schema.addProperty("minimum", 0);
                schema.addProperty("maximum", 4294967295L);
            }
            case INT64, SINT64, SFIXED64 -> typed(schema, "string", "int64");
            case UINT64, FIXED64 -> typed(schema, "string", "uint64");
            case FLOAT -> typed(schema, "number", "float");
            case DOUBLE -> typed(schema, "number", "double");
            case BOOL -> schema.addProperty("type", "boolean");
            case STRING -> schema.addProperty("type", "string");
            case BYTES -> {
                typed(schema, "string", "byte");
                schema.addProperty("contentEncoding", "base64");
            }
            case ENUM -> {
                return enumeration(field.getEnumType());
            }
            case MESSAGE, GROUP -> {
                return message(field.getMessageType());
            }
        }
        return schema;
    }

    /** The components added so far, by name. */
    JsonObject components() {
        JsonObject all = new JsonObject();
        components.forEach(all::add);
        return all;
    }

    private JsonObject object(Descriptor type) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.addProperty("title", type.getName());
        JsonObject properties = new JsonObject();
        for (FieldDescriptor field : type.getFields()) {
            JsonObject property = field(field);
            JsonElement initial = defaultValue(field);
            if (initial != null) {
                property.add("default", initial);
            }
            String comment = comments.of(field.getFullName());
            if (comment != null) {
                property.addProperty("description", comment);
            }
            properties.add(name(field), property);
        }
        schema.add("properties", properties);
        String oneofs = oneofs(type);
        String comment = comments.of(type.getFullName());
        schema.addProperty("description", (comment != null ? comment : "Message " + type.getFullName()) + oneofs);
        return schema;
    }

    /** What a field without presence reads as when absent; null for fields with presence (messages, oneofs, optional). */
    private static JsonElement defaultValue(FieldDescriptor field) {
        if (field.isMapField()) {
            return new JsonObject();
        }
        if (field.isRepeated()) {
            return new JsonArray();
        }
        if (field.hasPresence()) {
            return null;
        }
        return switch (field.getType()) {
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> new JsonPrimitive("0");
            case FLOAT, DOUBLE, INT32, SINT32, SFIXED32, UINT32, FIXED32 -> new JsonPrimitive(0);
            case BOOL -> new JsonPrimitive(false);
            case STRING -> new JsonPrimitive("");
            // none for bytes (empty): OpenAPI Generator 7.25's Java client would not compile with it
            case ENUM -> field.getEnumType().getFullName().equals("google.protobuf.NullValue") ? null
                    : new JsonPrimitive(field.getEnumType().getValues().get(0).getName());
            default -> null;
        };
    }

    /** The message's oneofs, for its description: at most one member of each may be set. */
    private String oneofs(Descriptor type) {
        StringBuilder text = new StringBuilder();
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            List<String> members = oneof.getFields().stream().map(this::name).toList();
            text.append(". At most one of ").append(String.join(", ", members)).append(" (oneof ").append(oneof.getName()).append(')');
        }
        return text.toString();
    }

    private JsonObject enumeration(EnumDescriptor type) {
        if (type.getFullName().equals("google.protobuf.NullValue")) {
            // const rather than type "null", which OpenAPI Generator 7.25 turns into a class it never writes
            JsonObject schema = new JsonObject();
            schema.add("const", com.google.gson.JsonNull.INSTANCE);
            schema.addProperty("description", "JSON null (google.protobuf.NullValue)");
            return schema;
        }
        if (!components.containsKey(type.getFullName())) {
            JsonObject schema = new JsonObject();
            schema.addProperty("type", "string");
            schema.addProperty("title", type.getName());
            JsonArray names = new JsonArray();
            for (EnumValueDescriptor value : type.getValues()) {
                names.add(value.getName());
            }
            schema.add("enum", names);
            String comment = comments.of(type.getFullName());
            schema.addProperty("description", (comment != null ? comment + "\n\n" : "") + "Enum " + type.getFullName()
                    + ", by name (requests may give the number)");
            components.put(type.getFullName(), schema);
        }
        return ref(type.getFullName());
    }

    private static void typed(JsonObject schema, String type, String format) {
        schema.addProperty("type", type);
        schema.addProperty("format", format);
    }

    static JsonObject ref(String component) {
        JsonObject ref = new JsonObject();
        ref.addProperty("$ref", REF + component);
        return ref;
    }
}
