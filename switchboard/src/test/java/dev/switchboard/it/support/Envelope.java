package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Connect streaming envelope, as a test client writes and reads them. */
public record Envelope(int flags, byte[] payload) {

    static byte[] wrap(int flags, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) flags).putInt(payload.length).put(payload).array();
    }

    public static byte[] json(String... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String m : messages) {
            out.writeBytes(wrap(0, m.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    /** Binary messages (Connect's {@code application/connect+proto}), each in an envelope. */
    public static byte[] binary(com.google.protobuf.MessageLite... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (com.google.protobuf.MessageLite m : messages) {
            out.writeBytes(wrap(0, m.toByteArray()));
        }
        return out.toByteArray();
    }

    public static List<Envelope> readAll(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        List<Envelope> envelopes = new ArrayList<>();
        int flags;
        while ((flags = data.read()) >= 0) {
            byte[] payload = new byte[data.readInt()];
            data.readFully(payload);
            envelopes.add(new Envelope(flags, payload));
        }
        return envelopes;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
