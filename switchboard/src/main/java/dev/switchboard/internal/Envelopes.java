package dev.switchboard.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Connect's (and gRPC's) message envelope: one flags byte, a 4-byte big-endian length, the message bytes. */
final class Envelopes {

    static final int COMPRESSED = 0x01;
    static final int END_STREAM = 0x02;

    private Envelopes() {
    }

    static byte[] wrap(int flags, byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) flags).putInt(message.length).put(message).array();
    }

    /** A request body that is not what its content type says. */
    static final class MalformedRequestException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRequestException(String message) {
            super(message);
        }
    }
}
