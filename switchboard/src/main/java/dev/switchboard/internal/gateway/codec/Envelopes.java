package dev.switchboard.internal.gateway.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Connect's (and gRPC's) message envelope: one flags byte, a 4-byte big-endian length, the message bytes. */
public final class Envelopes {

    static final int COMPRESSED = 0x01;
    public static final int END_STREAM = 0x02;

    private Envelopes() {
    }

    public static byte[] wrap(int flags, byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(message.length).put(message).array();
    }

    /** A request body that is not what its content type says. */
    public static final class MalformedRequestException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRequestException(String message) {
            super(message);
        }
    }
}
