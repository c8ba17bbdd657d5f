package dev.switchboard.internal.gateway.codec;


import static dev.switchboard.internal.gateway.codec.RandomCases.between;
import static dev.switchboard.internal.gateway.codec.RandomCases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The readers of streamed request bodies, {@link MessageReader#envelopes} (Connect and gRPC envelopes,
 * {@link Envelopes}) and {@link MessageReader#ndjson}, on whatever bytes a client sends: they end, give back what was
 * written, and hold to the size limit.
 */
class MessageReaderPropertyTest {

    /** Every message until the end, or the exception the reader stopped with. The count is bounded by the input's size. */
    private static List<byte[]> readAll(Fed reader, int inputLength) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        byte[] next;
        while ((next = reader.next()) != null) {
            messages.add(next);
            assertThat(messages.size()).as("messages read from %d bytes", inputLength).isLessThanOrEqualTo(inputLength);
        }
        return messages;
    }

    /**
     * A reader fed a whole body, in pieces of 1 to 7 bytes (as a body arrives over the network in pieces of any size),
     * its messages then taken one by one; what feeding or ending throws comes out of the first {@link #next}.
     */
    private static final class Fed {
        private final MessageReader reader;
        private final byte[] body;
        private java.util.ArrayDeque<byte[]> messages;

        private Fed(MessageReader reader, byte[] body) {
            this.reader = reader;
            this.body = body;
        }

        static Fed of(MessageReader reader, byte[] body) {
            return new Fed(reader, body);
        }

        byte[] next() throws IOException {
            if (messages == null) {
                List<byte[]> all = new ArrayList<>();
                for (int at = 0, piece = 1; at < body.length; at += piece, piece = piece % 7 + 1) {
                    reader.feed(body, at, Math.min(piece, body.length - at), all);
                }
                reader.end(all);
                messages = new java.util.ArrayDeque<>(all);
            }
            return messages.poll();
        }
    }

    record Body(byte[] bytes, int maxBytes) {
    }

    /** Any bytes, up to 300; sometimes a valid envelope's header in front, so that the reader gets past the first one. */
    private static byte[] anyBody(SplittableRandom r) {
        byte[] bytes = bytes(r, 300);
        if (bytes.length >= 5 && r.nextBoolean()) {
            bytes[0] = 0;
            java.nio.ByteBuffer.wrap(bytes, 1, 4).putInt(between(r, 0, bytes.length - 5));
        }
        return bytes;
    }

    @Test
    void anyBytesAreEnvelopesOrAMalformedOrTooLargeRequest() {
        RandomCases.check(2000, r -> new Body(anyBody(r), between(r, 0, 200)), body -> {
            try {
                Fed reader = Fed.of(MessageReader.envelopes(body.maxBytes()), body.bytes());
                for (byte[] message : readAll(reader, body.bytes().length)) {
                    assertThat(message.length).isLessThanOrEqualTo(body.maxBytes());
                }
            } catch (Envelopes.MalformedRequestException | LimitedInputStream.LimitExceededException expected) {
                // the documented outcomes of a body that is not a sequence of uncompressed envelopes within the limit
            }
        });
    }

    @Test
    void envelopesRoundTrip() {
        RandomCases.check(2000, r -> RandomCases.listOf(r, 0, 8, x -> bytes(x, 100)), messages -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] message : messages) {
                body.write(Envelopes.wrap(0, message));
            }
            List<byte[]> read = readAll(Fed.of(MessageReader.envelopes(100), body.toByteArray()), body.size());
            assertThat(read).containsExactlyElementsOf(messages);
        });
    }

    record Limit(int maxBytes, int over) {
    }

    @Test
    void anEnvelopeOverTheLimitIsRefusedBeforeItsBytesAreRead() {
        RandomCases.check(2000, r -> new Limit(between(r, 0, 1000), between(r, 1, Integer.MAX_VALUE - 1000)), limit -> {
            int length = limit.maxBytes() + limit.over();
            // the header declares the length; the body holds none of it, so reading it would show as a malformed request
            byte[] header = java.nio.ByteBuffer.allocate(5).put((byte) 0).putInt(length).array();
            assertThatThrownBy(() -> Fed.of(MessageReader.envelopes(limit.maxBytes()), header).next())
                    .isInstanceOf(LimitedInputStream.LimitExceededException.class);
        });
    }

    record Cut(byte[] message, int cut) {
    }

    @Test
    void aCompressedOrTruncatedEnvelopeIsMalformed() {
        RandomCases.check(2000, r -> new Cut(bytes(r, 50), between(r, 1, 60)), c -> {
            byte[] compressed = Envelopes.wrap(Envelopes.COMPRESSED, c.message());
            assertThatThrownBy(() -> Fed.of(MessageReader.envelopes(100), compressed).next())
                    .isInstanceOf(Envelopes.MalformedRequestException.class);
            byte[] whole = Envelopes.wrap(0, c.message());
            byte[] truncated = java.util.Arrays.copyOf(whole, Math.max(1, whole.length - c.cut()));
            assertThatThrownBy(() -> readAll(Fed.of(MessageReader.envelopes(100), truncated), truncated.length))
                    .isInstanceOf(Envelopes.MalformedRequestException.class);
        });
    }

    /** Any bytes, with line feeds and blanks mixed in often enough to give several lines. */
    private static byte[] anyLines(SplittableRandom r) {
        byte[] bytes = bytes(r, 300);
        for (int i = 0; i < bytes.length; i++) {
            if (RandomCases.chance(r, 10)) {
                bytes[i] = (byte) (char) RandomCases.oneOf(r, '\n', '\n', ' ', '\r', '\t');
            }
        }
        return bytes;
    }

    @Test
    void anyBytesAreNdjsonLinesOrATooLargeRequest() {
        RandomCases.check(2000, r -> new Body(anyLines(r), between(r, 1, 200)), body -> {
            try {
                Fed reader = Fed.of(MessageReader.ndjson(body.maxBytes()), body.bytes());
                for (byte[] line : readAll(reader, body.bytes().length)) {
                    assertThat(line.length).isBetween(1, body.maxBytes());
                    assertThat(line).doesNotContain((byte) '\n');
                    assertThat(new String(line, StandardCharsets.UTF_8)).isNotBlank();
                }
            } catch (LimitedInputStream.LimitExceededException expected) {
                // a line longer than the limit
            }
        });
    }

    /** Any text without a line feed that is not blank (JSON texts are one line each in NDJSON); lone surrogates included. */
    private static String jsonLine(SplittableRandom r) {
        String line = RandomCases.anyString(r, 40).replace('\n', ' ');
        return line.isBlank() ? line + "{}" : line;
    }

    record Lines(List<String> lines, int blankLines, boolean finalNewline) {
    }

    @Test
    void ndjsonRoundTripsSkippingBlankLines() {
        RandomCases.check(2000, r -> new Lines(RandomCases.listOf(r, 0, 8, MessageReaderPropertyTest::jsonLine), between(r, 0, 3), r.nextBoolean()),
                input -> {
                    StringBuilder body = new StringBuilder("\n".repeat(input.blankLines()));
                    for (String line : input.lines()) {
                        body.append(line).append('\n').append(" \t\r\n".repeat(input.blankLines()));
                    }
                    if (!input.finalNewline() && body.length() > 0 && body.charAt(body.length() - 1) == '\n') {
                        body.setLength(body.length() - 1);
                    }
                    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                    List<String> read = readAll(Fed.of(MessageReader.ndjson(200), bytes), bytes.length).stream()
                            .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
                    // what UTF-8 makes of each line: a lone surrogate becomes '?'
                    assertThat(read).containsExactlyElementsOf(
                            input.lines().stream().map(l -> new String(l.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).toList());
                });
    }

    @Test
    void anNdjsonLineOverTheLimitIsRefused() {
        RandomCases.check(2000, r -> new Limit(between(r, 1, 300), between(r, 1, 50)), limit -> {
            byte[] line = "x".repeat(limit.maxBytes() + limit.over()).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Fed.of(MessageReader.ndjson(limit.maxBytes()), line).next())
                    .isInstanceOf(LimitedInputStream.LimitExceededException.class);
        });
    }
}
