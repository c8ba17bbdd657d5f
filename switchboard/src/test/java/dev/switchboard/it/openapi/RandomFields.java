package dev.switchboard.it.openapi;

import java.util.SplittableRandom;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import dev.switchboard.internal.gateway.codec.RandomMessages;

/**
 * Random messages of any type, field by field from its descriptor: each field set or not, repeated ones 0 to 2 times,
 * well-known types in their proto3 JSON ranges, nested messages two levels deep. Bytes are left unset: the generated
 * Java client cannot send a {@code byte[]} as a query parameter (it writes its {@code toString()}).
 */
final class RandomFields {

    private static final String SEGMENT = "abcdefghijklmnopqrstuvwxyz0123456789-_~";

    private RandomFields() {
    }

    static Message.Builder message(Message prototype, SplittableRandom random) {
        Message.Builder builder = prototype.newBuilderForType();
        fill(builder, random, 0);
        return builder;
    }

    /** A path segment that needs no percent-encoding. */
    static String segment(SplittableRandom random) {
        StringBuilder segment = new StringBuilder();
        for (int i = random.nextInt(1, 9); i > 0; i--) {
            segment.append(SEGMENT.charAt(random.nextInt(SEGMENT.length())));
        }
        return segment.toString();
    }

    private static void fill(Message.Builder builder, SplittableRandom random, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            int count = field.isRepeated() ? random.nextInt(3) : 1;
            for (int i = 0; i < count; i++) {
                Object value = value(builder, field, random, depth);
                if (value == null) {
                    break;
                }
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, value);
                } else {
                    builder.setField(field, value);
                }
            }
        }
    }

    private static Object value(Message.Builder parent, FieldDescriptor field, SplittableRandom r, int depth) {
        return switch (field.getJavaType()) {
            case STRING -> RandomMessages.text(r);
            case INT -> r.nextInt();
            case LONG -> r.nextLong();
            case DOUBLE -> RandomMessages.finiteDouble(r);
            case FLOAT -> (float) RandomMessages.finiteDouble(r);
            case BOOLEAN -> r.nextBoolean();
            case ENUM -> {
                var values = field.getEnumType().getValues();
                EnumValueDescriptor value = values.get(r.nextInt(values.size()));
                yield value;
            }
            case BYTE_STRING -> null;
            case MESSAGE -> message(parent, field, r, depth);
        };
    }

    private static Object message(Message.Builder parent, FieldDescriptor field, SplittableRandom r, int depth) {
        Descriptor type = field.getMessageType();
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp":
                return RandomMessages.timestamp(r);
            case "google.protobuf.Duration":
                return RandomMessages.duration(r);
            case "google.protobuf.FieldMask":
                return RandomMessages.fieldMask(r);
            case "google.api.HttpBody":
                return null;
            default:
                if (type.getFullName().startsWith("google.protobuf.") && !type.getFullName().endsWith("Value")) {
                    return null;
                }
                if (depth >= 2 && !type.getFullName().startsWith("google.protobuf.")) {
                    return null;
                }
                Message.Builder nested = parent.newBuilderForField(field);
                fill(nested, r, depth + 1);
                Message built = nested.build();
                // an empty message has no query parameters to travel in: such a call carries none
                return built.getAllFields().isEmpty() && !type.getFullName().startsWith("google.protobuf.") ? null : built;
        }
    }
}
