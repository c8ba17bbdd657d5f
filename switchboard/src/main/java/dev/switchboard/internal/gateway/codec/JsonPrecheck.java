package dev.switchboard.internal.gateway.codec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * One streaming pass over a JSON request before JsonFormat parses it, for what JsonFormat lets through. Always: a name
 * given twice in one object (its tree keeps only the last), nesting deeper than allowed (it recurses), content after
 * the first value. Unless lenient, also each value's form by the proto3 JSON mapping, as Go's protojson reads it
 * (grpc-gateway; Connect and Envoy agree): JsonFormat takes {@code 42} or {@code true} for a string, {@code "true"} for
 * a bool, a number for bytes or a field mask, a one-element array for a singular field, an enum number as a string.
 * The walk follows the message's descriptor, so each such value is rejected with its field's path and what the field
 * takes. Left to JsonFormat, which rejects them clearly: unknown fields, malformed timestamps and durations, the
 * contents of an Any. The walk recurses, no deeper than the depth limit (JsonFormat recurses as deep after it).
 */
final class JsonPrecheck {

    private final int maxDepth;
    private final boolean strict;
    private final boolean ignoreUnknownEnums;
    /** Per message type, its fields by JSON name and by .proto name (as JsonFormat and protojson accept both). */
    private final Map<Descriptor, Map<String, FieldDescriptor>> fieldNames = new ConcurrentHashMap<>();

    /**
     * @param strict whether values must have their proto3 JSON form
     * @param ignoreUnknownEnums whether an unknown enum name is let through, as JsonFormat then ignores it
     */
    JsonPrecheck(int maxDepth, boolean strict, boolean ignoreUnknownEnums) {
        this.maxDepth = maxDepth;
        this.strict = strict;
        this.ignoreUnknownEnums = ignoreUnknownEnums;
    }

    void check(Reader json, Descriptor type) throws IOException {
        JsonReader reader = new JsonReader(json);
        if (strict) {
            // No true/false/null in other capitals, no unescaped control characters: protojson takes neither.
            reader.setStrictness(Strictness.STRICT);
        }
        try {
            if (strict) {
                message(reader, type, 0);
            } else {
                anyJson(reader, 0);
            }
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidProtocolBufferException("Content after the JSON value at " + reader.getPath());
            }
        } catch (CharacterCodingException | InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException | IllegalStateException e) {
            throw new InvalidProtocolBufferException(malformed(e.getMessage()));
        }
    }

    /** Any JSON value, for its structure only. */
    private void anyJson(JsonReader r, int depth) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                enter(depth);
                r.beginObject();
                Set<String> names = new HashSet<>();
                while (r.hasNext()) {
                    name(r, names);
                    anyJson(r, depth + 1);
                }
                r.endObject();
            }
            case BEGIN_ARRAY -> {
                enter(depth);
                r.beginArray();
                while (r.hasNext()) {
                    anyJson(r, depth + 1);
                }
                r.endArray();
            }
            default -> r.skipValue();
        }
    }

    /** A value of a message type: an object of its fields, or a well-known type's own JSON form. */
    private void message(JsonReader r, Descriptor type, int depth) throws IOException {
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp" -> string(r, type.getFullName(), "an RFC 3339 timestamp string");
            case "google.protobuf.Duration" -> string(r, type.getFullName(), "a duration string such as \"1.5s\"");
            case "google.protobuf.FieldMask" -> string(r, type.getFullName(), "a string of comma-separated field paths");
            case "google.protobuf.Value" -> anyJson(r, depth);
            case "google.protobuf.Struct", "google.protobuf.Any" -> {
                expect(r, JsonToken.BEGIN_OBJECT, type.getFullName(), "a JSON object");
                anyJson(r, depth);
            }
            case "google.protobuf.ListValue" -> {
                expect(r, JsonToken.BEGIN_ARRAY, type.getFullName(), "a JSON array");
                anyJson(r, depth);
            }
            case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
                    "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
                    "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue" ->
                    scalar(r, type.getFields().get(0), type);
            default -> fields(r, type, depth);
        }
    }

    private void fields(JsonReader r, Descriptor type, int depth) throws IOException {
        expect(r, JsonToken.BEGIN_OBJECT, type.getFullName(), "a JSON object");
        enter(depth);
        r.beginObject();
        Map<String, FieldDescriptor> byName = fieldNames.computeIfAbsent(type, JsonPrecheck::namesOf);
        // Fields by index, so that one given under both its names (json_name and .proto name) counts twice, as in
        // protojson; in a bit mask for the first 64, which spares a HashSet per object.
        long seenFields = 0;
        Set<String> otherNames = null; // unknown names, and fields past the 64th
        String[] oneofsSet = null;
        while (r.hasNext()) {
            String name = r.nextName();
            FieldDescriptor field = byName.get(name);
            int index = field == null ? -1 : field.getIndex();
            if (index >= 0 && index < 64) {
                if ((seenFields & 1L << index) != 0) {
                    throw twice(r, name);
                }
                seenFields |= 1L << index;
            } else {
                otherNames = otherNames == null ? new HashSet<>() : otherNames;
                if (!otherNames.add(field == null ? name : field.getName())) {
                    throw twice(r, name);
                }
            }
            if (field == null) {
                anyJson(r, depth + 1); // JsonFormat rejects it by its name, or ignores it
                continue;
            }
            if (r.peek() == JsonToken.NULL && !takesNull(field)) {
                r.nextNull(); // the field's default
                continue;
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                oneofsSet = oneofsSet == null ? new String[type.getRealOneofs().size()] : oneofsSet;
                if (oneofsSet[oneof.getIndex()] != null) {
                    throw new InvalidProtocolBufferException(where(r.getPath()) + ": " + oneofsSet[oneof.getIndex()]
                            + " is set already, and both are of oneof " + oneof.getName() + "; set at most one");
                }
                oneofsSet[oneof.getIndex()] = name;
            }
            if (field.isMapField()) {
                map(r, field, depth + 1);
            } else if (field.isRepeated()) {
                if (r.peek() != JsonToken.BEGIN_ARRAY) {
                    throw wrong(r, "repeated " + typeName(field), "a JSON array");
                }
                enter(depth + 1);
                r.beginArray();
                while (r.hasNext()) {
                    single(r, field, depth + 2);
                }
                r.endArray();
            } else {
                single(r, field, depth + 1);
            }
        }
        r.endObject();
    }

    /** Whether JSON null is a value of the field rather than its default (as in protojson: for Value and NullValue). */
    private static boolean takesNull(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                ? field.getMessageType().getFullName().equals("google.protobuf.Value")
                : field.getJavaType() == FieldDescriptor.JavaType.ENUM
                        && field.getEnumType().getFullName().equals("google.protobuf.NullValue");
    }

    private void map(JsonReader r, FieldDescriptor field, int depth) throws IOException {
        FieldDescriptor key = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw wrong(r, "map<" + typeName(key) + ", " + typeName(value) + ">", "a JSON object");
        }
        enter(depth);
        r.beginObject();
        Set<Object> keys = new HashSet<>();
        while (r.hasNext()) {
            String name = r.nextName();
            Object parsed = JsonScalars.mapKey(name, key.getType());
            if (parsed == null) {
                throw new InvalidProtocolBufferException(where(r.getPath()) + ": the map's keys are " + typeName(key)
                        + (key.getType() == FieldDescriptor.Type.BOOL ? " (\"true\" or \"false\")" : "")
                        + ", and " + shown(JsonToken.STRING, name) + " is not one");
            }
            if (!keys.add(parsed)) {
                throw new InvalidProtocolBufferException(where(r.getPath()) + ": the map key " + shown(JsonToken.STRING, name)
                        + " is given twice");
            }
            single(r, value, depth + 1);
        }
        r.endObject();
    }

    /** One value of the field's type (the field itself, an element of a repeated field or a map's value). */
    private void single(JsonReader r, FieldDescriptor field, int depth) throws IOException {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            message(r, field.getMessageType(), depth);
        } else {
            scalar(r, field, null);
        }
    }

    /** A value of a scalar field's type; {@code wrapper} is the wrapper message that holds it, if any (for errors). */
    private void scalar(JsonReader r, FieldDescriptor field, Descriptor wrapper) throws IOException {
        JsonToken token = r.peek();
        boolean rightKind = switch (field.getType()) {
            case BOOL -> token == JsonToken.BOOLEAN;
            case STRING, BYTES -> token == JsonToken.STRING;
            case ENUM -> token == JsonToken.STRING || token == JsonToken.NUMBER || token == JsonToken.NULL && takesNull(field);
            default -> token == JsonToken.NUMBER || token == JsonToken.STRING;
        };
        if (!rightKind) {
            throw wrong(r, label(field, wrapper), expected(field));
        }
        if (token == JsonToken.BOOLEAN) {
            r.nextBoolean();
        } else if (token == JsonToken.NULL) {
            r.nextNull();
        } else {
            // Strings too are read, not skipped: skipping lets unescaped control characters through.
            String text = r.nextString();
            if (!isValue(field, token, text)) {
                throw invalid(r, label(field, wrapper), expected(field), token, text);
            }
        }
    }

    /** Whether a string's or number's text is a value of the field's type. */
    private boolean isValue(FieldDescriptor field, JsonToken token, String text) {
        return switch (field.getType()) {
            case STRING -> true;
            case BYTES -> JsonScalars.isBase64(text);
            case ENUM -> token == JsonToken.STRING
                    ? ignoreUnknownEnums || field.getEnumType().findValueByName(text) != null
                    : JsonScalars.isInteger(text, FieldDescriptor.Type.INT32);
            case FLOAT, DOUBLE -> JsonScalars.isFloatingPoint(text, token == JsonToken.STRING, field.getType());
            default -> (token == JsonToken.NUMBER || JsonScalars.isJsonNumber(text)) && JsonScalars.isInteger(text, field.getType());
        };
    }

    /** What a scalar field takes, for its error message (built only then: a small request's check allocates little). */
    private static String expected(FieldDescriptor field) {
        String type = field.getType().name().toLowerCase(java.util.Locale.ROOT);
        return switch (field.getType()) {
            case BOOL -> "true or false";
            case STRING -> "a JSON string";
            case BYTES -> "a base64 string (standard or URL-safe alphabet, padded or not)";
            case ENUM -> "one of its value names as a JSON string, or a number";
            case FLOAT, DOUBLE -> "a number (a JSON number or string) in " + type + "'s range, or \"NaN\", \"Infinity\" or \"-Infinity\"";
            default -> "an integer (a JSON number or string) in " + type + "'s range";
        };
    }

    private static String label(FieldDescriptor field, Descriptor wrapper) {
        return wrapper != null ? wrapper.getFullName() : typeName(field);
    }

    private static void string(JsonReader r, String label, String expected) throws IOException {
        expect(r, JsonToken.STRING, label, expected);
        r.nextString();
    }

    private static void expect(JsonReader r, JsonToken token, String label, String expected) throws IOException {
        if (r.peek() != token) {
            throw wrong(r, label, expected);
        }
    }

    private static void name(JsonReader r, Set<String> names) throws IOException {
        String name = r.nextName();
        if (!names.add(name)) {
            throw twice(r, name);
        }
    }

    private static InvalidProtocolBufferException twice(JsonReader r, String name) {
        return new InvalidProtocolBufferException("Field " + name + " is given twice (at " + r.getPath() + ")");
    }

    private void enter(int depth) throws InvalidProtocolBufferException {
        if (depth >= maxDepth) {
            throw new InvalidProtocolBufferException("JSON nesting is deeper than " + maxDepth + " levels");
        }
    }

    private static Map<String, FieldDescriptor> namesOf(Descriptor type) {
        Map<String, FieldDescriptor> names = new HashMap<>();
        for (FieldDescriptor field : type.getFields()) {
            names.put(field.getName(), field);
            names.put(field.getJsonName(), field);
        }
        return names;
    }

    /** A field's type as the .proto says it: {@code int32}, {@code switchboard.test.v1.Color}. */
    private static String typeName(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The value at the reader is not of the JSON kind the field takes: it is read (if a scalar) to name it. */
    private static InvalidProtocolBufferException wrong(JsonReader r, String label, String expected) throws IOException {
        JsonToken token = r.peek();
        return switch (token) {
            case BEGIN_OBJECT -> error(r.getPath(), label, expected, "an object");
            case BEGIN_ARRAY -> error(r.getPath(), label, expected, "an array");
            case NULL -> {
                r.nextNull();
                yield error(r.getPreviousPath(), label, expected, "null");
            }
            case BOOLEAN -> {
                boolean value = r.nextBoolean();
                yield error(r.getPreviousPath(), label, expected, String.valueOf(value));
            }
            default -> {
                String text = r.nextString();
                yield error(r.getPreviousPath(), label, expected, shown(token, text));
            }
        };
    }

    /** The value just read has the right JSON kind but is not a value of the field's type. */
    private static InvalidProtocolBufferException invalid(JsonReader r, String label, String expected, JsonToken token, String text) {
        return error(r.getPreviousPath(), label, expected, shown(token, text));
    }

    private static InvalidProtocolBufferException error(String path, String label, String expected, String found) {
        return new InvalidProtocolBufferException(where(path) + " (" + label + ") takes " + expected + ", not " + found);
    }

    /** {@code $.a.b[2]} → "Field a.b[2]"; {@code $} → "The request". */
    private static String where(String path) {
        return path.length() <= 2 ? "The request" : "Field " + path.substring(2);
    }

    /** The value as it was sent (strings quoted), cut short: it goes back to the client in the error. */
    private static String shown(JsonToken token, String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return token == JsonToken.STRING ? new JsonPrimitive(cut).toString() : cut;
    }

    /** Gson's message without its advice to the programmer: "Malformed JSON at line 1 column 15 path $". */
    private static String malformed(String message) {
        String text = String.valueOf(message);
        int at = text.indexOf(" at line ");
        if (at < 0) {
            return "Malformed JSON: " + text.lines().findFirst().orElse("");
        }
        String where = text.substring(at).lines().findFirst().orElse("");
        String what = text.substring(0, at);
        return what.startsWith("Use JsonReader.setStrictness") ? "Malformed JSON" + where : "Malformed JSON: " + what + where;
    }
}
