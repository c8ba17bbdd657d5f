package dev.switchboard.internal.gateway.codec;

import java.io.IOException;

import com.google.protobuf.Message;

/** One message format on the wire: proto3 JSON or binary protobuf. */
public interface MessageCodec {

    /** The media type of one message, as Connect names it: {@code json} or {@code proto}. */
    String name();

    /**
     * Reads one message of {@code prototype}'s type; empty input is the empty message.
     *
     * @throws com.google.protobuf.InvalidProtocolBufferException when the input is not such a message (names the field)
     * @throws java.nio.charset.CharacterCodingException when JSON input is not UTF-8
     */
    Message parse(byte[] input, Message prototype) throws IOException;

    byte[] encode(Message message) throws IOException;
}
