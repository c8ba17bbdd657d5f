package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.MessageCodec;
import dev.switchboard.internal.gateway.codec.MessageReader;

import com.google.protobuf.Message;

/**
 * What a request carries and how the response goes back: one message ({@code single}), or a stream split by
 * {@code stream} from the body as it arrives — or from {@code whole}, when the body has to be read first (gzip).
 * {@link ContentNegotiation} and {@link GatewayDispatcher} work it out; {@link CallStarter} starts the call with it.
 */
record Exchange(Message single, MessageReader stream, MessageCodec codec, ResponseWire wire, byte[] whole) {
}
