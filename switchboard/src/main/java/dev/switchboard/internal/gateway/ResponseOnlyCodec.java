package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.MessageCodec;

import java.io.IOException;

import com.google.protobuf.Message;

/**
 * A codec of an HTTP rule that writes its response its own way ({@code response_body}, {@code google.api.HttpBody}) or
 * reads a streamed request's lines its own way, and is JSON in every other respect.
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
    public Message parse(byte[] input, Message prototype) throws IOException {
        return json.parse(input, prototype);
    }
}
