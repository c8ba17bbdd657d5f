package dev.switchboard.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads the messages of a streamed request body one at a time: NDJSON lines, or Connect envelopes. */
interface MessageReader {

    /** The next message's bytes, or null at the end of the body. */
    byte[] next() throws IOException;

    /** One JSON message per line; blank lines are skipped. */
    static MessageReader ndjson(InputStream in, int maxBytes) {
        return () -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0 || b == '\n') {
                    if (line.size() > 0 && !line.toString(java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                        return line.toByteArray();
                    }
                    if (b < 0) {
                        return null;
                    }
                    line.reset();
                    continue;
                }
                if (line.size() >= maxBytes) {
                    throw new LimitedInputStream.LimitExceededException(maxBytes);
                }
                line.write(b);
            }
        };
    }

    static MessageReader envelopes(InputStream in, int maxBytes) {
        return () -> Envelopes.next(in, maxBytes);
    }
}
