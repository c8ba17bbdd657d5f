package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * {@code google.api.HttpBody} over an HTTP rule: a request body of any content type becomes the message's
 * {@code content_type} and {@code data} ({@link #fill}); a response that is one (or whose {@code response_body} field is
 * one) is written as its bytes with its content type ({@link #encode}, {@link #contentType}). Read by field name, so
 * that it works with any copy of google/api/httpbody.proto.
 */
final class HttpBodyCodec extends ResponseOnlyCodec {

    static final String HTTP_BODY = "google.api.HttpBody";
    private static final String DEFAULT_TYPE = "application/octet-stream";

    /** The response's field that is the HttpBody; null: the response itself. */
    private final FieldDescriptor field;

    HttpBodyCodec(JsonCodec json, FieldDescriptor field) {
        super(json);
        this.field = field;
    }

    static boolean is(Descriptor type) {
        return type.getFullName().equals(HTTP_BODY);
    }

    @Override
    public byte[] encode(Message message) {
        Message body = body(message);
        return ((ByteString) body.getField(body.getDescriptorForType().findFieldByName("data"))).toByteArray();
    }

    /** The response's content type: the HttpBody's, or {@code application/octet-stream} when it names none. */
    String contentType(Message message) {
        Message body = body(message);
        String type = (String) body.getField(body.getDescriptorForType().findFieldByName("content_type"));
        return type.isEmpty() ? DEFAULT_TYPE : type;
    }

    private Message body(Message message) {
        return field == null ? message : (Message) message.getField(field);
    }

    /** Sets an HttpBody (a builder of one) to the request body as it came. */
    static void fill(Message.Builder body, String contentType, byte[] bytes, int length) {
        Descriptor type = body.getDescriptorForType();
        body.setField(type.findFieldByName("content_type"), contentType == null ? "" : contentType);
        body.setField(type.findFieldByName("data"), ByteString.copyFrom(bytes, 0, length));
    }
}
