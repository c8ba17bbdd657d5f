package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * An HTTP rule's {@code response_body}: one field of the response message as the whole body, in its proto3 JSON form
 * (a message as its object, a repeated field as an array, a scalar as its value). A field at its default value is
 * written as that value ({@code []}, {@code ""}, {@code 0}...), since a body cannot be absent the way a field can.
 */
final class ResponseFieldCodec extends ResponseOnlyCodec {

    private final FieldDescriptor field;

    ResponseFieldCodec(JsonCodec json, FieldDescriptor field) {
        super(json);
        this.field = field;
    }

    @Override
    public byte[] encode(Message message) throws IOException {
        if (!field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return json.encode((Message) message.getField(field));
        }
        // The field as JsonFormat writes it within its message (with the deployment's JSON settings).
        JsonElement whole = JsonParser.parseString(new String(json.encode(message), StandardCharsets.UTF_8));
        JsonElement value = whole.getAsJsonObject().get(field.getJsonName());
        if (value == null) {
            value = whole.getAsJsonObject().get(field.getName());
        }
        String text = value != null ? value.toString() : defaultValue();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String defaultValue() {
        if (field.isMapField()) {
            return "{}";
        }
        if (field.isRepeated()) {
            return "[]";
        }
        return switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> "\"\"";
            case BOOLEAN -> "false";
            case LONG -> "\"0\"";
            case ENUM -> "\"" + field.getEnumType().getValues().get(0).getName() + "\"";
            default -> "0";
        };
    }
}
