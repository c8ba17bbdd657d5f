package dev.switchboard.it.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** A field at a dotted path of .proto names ({@code book.name}), as a rule's template names it. */
record FieldPath(String[] names, FieldDescriptor field) {

    static FieldPath of(Descriptor type, String dotted) {
        String[] names = dotted.split("\\.");
        FieldDescriptor field = null;
        for (String name : names) {
            field = type.findFieldByName(name);
            if (field == null) {
                throw new AssertionError("no field " + dotted + " in " + type.getFullName());
            }
            type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return new FieldPath(names, field);
    }

    /** Sets the field from its text (a string, or a number), creating the messages on the way. */
    void set(Message.Builder root, String text) {
        Message.Builder builder = root;
        for (int i = 0; i < names.length - 1; i++) {
            builder = builder.getFieldBuilder(builder.getDescriptorForType().findFieldByName(names[i]));
        }
        Object value = switch (field.getJavaType()) {
            case STRING -> text;
            case LONG -> Long.parseLong(text);
            case INT -> Integer.parseInt(text);
            default -> throw new AssertionError("a path field of type " + field.getJavaType());
        };
        builder.setField(field, value);
    }
}
