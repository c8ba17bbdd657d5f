package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.MessageCodec;

import java.io.IOException;

import com.google.protobuf.Message;

/**
 * A codec that writes an HTTP rule's response its own way ({@code response_body}, {@code google.api.HttpBody}) and is
 * JSON in every other respect: its name, and how it would read a message.
 */
abstract class ResponseOnlyCodec implements MessageCodec {

    final JsonCodec json;

    ResponseOnlyCodec(JsonCodec json) {
        this.json = json;
    }

    @Override
    public final String name() {
        return json.name();
    }

    @Override
    public final Message parse(byte[] input, Message prototype) throws IOException {
        return json.parse(input, prototype);
    }
}
