package dev.switchboard.internal.gateway.codec;

import java.io.IOException;

import com.google.protobuf.Message;

/** Binary protobuf, for Connect's {@code application/proto} and {@code application/connect+proto}. */
public final class ProtoCodec implements MessageCodec {

    public static final ProtoCodec INSTANCE = new ProtoCodec();

    private ProtoCodec() {
    }

    @Override
    public String name() {
        return "proto";
    }

    @Override
    public Message parse(byte[] input, Message prototype) throws IOException {
        return prototype.getParserForType().parseFrom(input);
    }

    @Override
    public byte[] encode(Message message) {
        return message.toByteArray();
    }
}
