package dev.switchboard.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

    /** The next enveloped message, or null at the end of the input. */
    static byte[] next(InputStream in, int maxBytes) throws IOException {
        int flags = in.read();
        if (flags < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException e) {
            throw new MalformedRequestException("The request ends inside an envelope header");
        }
        if ((flags & COMPRESSED) != 0) {
            throw new MalformedRequestException("Compressed envelopes are not supported; send identity encoding");
        }
        if (length < 0 || length > maxBytes) {
            throw new LimitedInputStream.LimitExceededException(maxBytes);
        }
        byte[] message = new byte[length];
        try {
            data.readFully(message);
        } catch (EOFException e) {
            throw new MalformedRequestException("The request ends inside a " + length + "-byte message");
        }
        return message;
    }

    /** A request body that is not what its content type says. */
    static final class MalformedRequestException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRequestException(String message) {
            super(message);
        }
    }
}
