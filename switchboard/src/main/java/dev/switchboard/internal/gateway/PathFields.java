package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import io.grpc.Status;

/**
 * The fields an HTTP rule's path variables name ({@code name}, {@code book.name}): checked once at startup — each step
 * a single message, the last a single value that one path segment can hold — and set from the path's text. A value
 * in its plain form is set directly ({@link FieldText}); any other is read as the field's proto3 JSON (a JSON string,
 * or {@code true}/{@code false}, or an enum's number, as query parameters are), so that it gets JsonFormat's checks;
 * a value the field cannot take is a 400 naming the variable.
 */
final class PathFields {

    private PathFields() {
    }

    /** Why {@code fieldPath} cannot be a path variable of {@code type}, or null when it can. */
    static String problem(Descriptor type, String fieldPath) {
        String[] names = fieldPath.split("\\.");
        Descriptor descriptor = type;
        for (int i = 0; i < names.length; i++) {
            FieldDescriptor field = descriptor.findFieldByName(names[i]);
            if (field == null) {
                return "names no field: " + descriptor.getFullName() + " has no field " + names[i];
            }
            if (field.isRepeated() || field.isMapField()) {
                return "names a repeated field, " + field.getName() + ", which a path cannot hold";
            }
            boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (i < names.length - 1) {
                if (!message) {
                    return "goes through " + field.getName() + ", which is not a message";
                }
                descriptor = field.getMessageType();
            } else if (message && !QueryParameters.STRING_FORM_TYPES.contains(field.getMessageType().getFullName())) {
                return "names the message field " + field.getName() + "; a path can hold a single value only";
            }
        }
        return null;
    }

    /** Sets the field at {@code fieldPath} (checked by {@link #problem}) of {@code root} to {@code value}. */
    static void set(Message.Builder root, String fieldPath, String value, JsonCodec json) throws HttpError {
        String[] names = fieldPath.split("\\.");
        Message.Builder builder = root;
        boolean inWellKnownType = false;
        for (int i = 0; i < names.length - 1; i++) {
            builder = builder.getFieldBuilder(builder.getDescriptorForType().findFieldByName(names[i]));
            inWellKnownType |= builder.getDescriptorForType().getFile().getPackage().equals("google.protobuf");
        }
        FieldDescriptor field = builder.getDescriptorForType().findFieldByName(names[names.length - 1]);
        // A well-known type has a JSON form of its own, which JsonFormat insists on even for one of its fields
        Object direct = inWellKnownType ? null : FieldText.value(field, value);
        if (direct != null) {
            builder.setField(field, direct);
            return;
        }
        JsonObject one = new JsonObject();
        one.add(field.getName(), QueryParameters.typed(field, value));
        try {
            Message parsed = json.parse(one.toString().getBytes(StandardCharsets.UTF_8), builder.getDefaultInstanceForType());
            builder.setField(field, parsed.getField(field));
        } catch (IOException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Path variable " + fieldPath + ": '" + value
                    + "' is not a valid " + typeName(field) + " (" + e.getMessage() + ")"));
        }
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
