package dev.switchboard.internal.gateway.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a streamed request body into its messages as its bytes arrive — NDJSON lines, or Connect envelopes — so
 * that it can be read without blocking ({@code StreamedBodyReader} in the gateway): bytes in, complete messages out.
 */
public interface MessageReader {

    /** Takes {@code length} more bytes of the body; the messages they complete are added to {@code messages}. */
    void feed(byte[] bytes, int offset, int length, List<byte[]> messages) throws IOException;

    /** The body has ended: a last message without its end is added, or refused when it is cut short. */
    void end(List<byte[]> messages) throws IOException;

    /** Whether part of a message has arrived and the rest has not. */
    boolean partial();

    /** One JSON message per line; blank lines are skipped. */
    static MessageReader ndjson(int maxBytes) {
        return new MessageReader() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void feed(byte[] bytes, int offset, int length, List<byte[]> messages) throws IOException {
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        emit(messages);
                    } else {
                        if (line.size() >= maxBytes) {
                            throw new LimitedInputStream.LimitExceededException(maxBytes);
                        }
                        line.write(bytes[i]);
                    }
                }
            }

            @Override
            public void end(List<byte[]> messages) {
                emit(messages);
            }

            private void emit(List<byte[]> messages) {
                if (line.size() > 0 && !line.toString(StandardCharsets.UTF_8).isBlank()) {
                    messages.add(line.toByteArray());
                }
                line.reset();
            }

            @Override
            public boolean partial() {
                return line.size() > 0;
            }
        };
    }

    /** Connect's envelopes ({@link Envelopes}): a flags byte, a 4-byte length, the message. */
    static MessageReader envelopes(int maxBytes) {
        return new MessageReader() {
            private final ByteBuffer header = ByteBuffer.allocate(5);
            private byte[] message;
            private int filled;

            @Override
            public void feed(byte[] bytes, int offset, int length, List<byte[]> messages) throws IOException {
                int at = offset;
                int end = offset + length;
                while (at < end) {
                    if (message == null) {
                        int n = Math.min(header.remaining(), end - at);
                        header.put(bytes, at, n);
                        at += n;
                        if (header.hasRemaining()) {
                            return;
                        }
                        int flags = header.get(0);
                        int size = header.getInt(1);
                        header.clear();
                        if ((flags & Envelopes.COMPRESSED) != 0) {
                            throw new Envelopes.MalformedRequestException("Compressed envelopes are not supported; send identity encoding");
                        }
                        if (size < 0 || size > maxBytes) {
                            throw new LimitedInputStream.LimitExceededException(maxBytes);
                        }
                        message = new byte[size];
                        filled = 0;
                    }
                    int n = Math.min(message.length - filled, end - at);
                    System.arraycopy(bytes, at, message, filled, n);
                    filled += n;
                    at += n;
                    if (filled == message.length) {
                        messages.add(message);
                        message = null;
                    }
                }
            }

            @Override
            public void end(List<byte[]> messages) throws IOException {
                if (message != null) {
                    throw new Envelopes.MalformedRequestException("The request ends inside a " + message.length + "-byte message");
                }
                if (header.position() > 0) {
                    throw new Envelopes.MalformedRequestException("The request ends inside an envelope header");
                }
            }

            @Override
            public boolean partial() {
                return message != null || header.position() > 0;
            }
        };
    }
}
