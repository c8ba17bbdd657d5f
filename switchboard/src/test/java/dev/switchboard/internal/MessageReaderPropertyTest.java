package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The readers of streamed request bodies, {@link MessageReader#envelopes} (Connect and gRPC envelopes,
 * {@link Envelopes}) and {@link MessageReader#ndjson}, on whatever bytes a client sends: they end, give back what was
 * written, and hold to the size limit.
 */
class MessageReaderPropertyTest {

    /** Every message until the end, or the exception the reader stopped with. The count is bounded by the input's size. */
    private static List<byte[]> readAll(MessageReader reader, int inputLength) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        byte[] next;
        while ((next = reader.next()) != null) {
            messages.add(next);
            assertThat(messages.size()).as("messages read from %d bytes", inputLength).isLessThanOrEqualTo(inputLength);
        }
        return messages;
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Property
    void anyBytesAreEnvelopesOrAMalformedOrTooLargeRequest(@ForAll("anyBytes") byte[] body, @ForAll @IntRange(min = 0, max = 200) int maxBytes) {
        try {
            for (byte[] message : readAll(MessageReader.envelopes(new ByteArrayInputStream(body), maxBytes), body.length)) {
                assertThat(message.length).isLessThanOrEqualTo(maxBytes);
            }
        } catch (Envelopes.MalformedRequestException | LimitedInputStream.LimitExceededException expected) {
            // the documented outcomes of a body that is not a sequence of uncompressed envelopes within the limit
        } catch (IOException e) {
            throw new AssertionError("undocumented exception", e);
        }
    }

    @Property
    void envelopesRoundTrip(@ForAll @Size(max = 8) List<@Size(max = 100) byte[]> messages) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            body.write(Envelopes.wrap(0, message));
        }
        List<byte[]> read = readAll(MessageReader.envelopes(new ByteArrayInputStream(body.toByteArray()), 100), body.size());
        assertThat(read).containsExactlyElementsOf(messages);
    }

    @Property
    void anEnvelopeOverTheLimitIsRefusedBeforeItsBytesAreRead(@ForAll @IntRange(min = 0, max = 1000) int maxBytes,
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE - 1000) int over) {
        int length = maxBytes + over;
        // the header declares the length; the body holds none of it, so reading it would show as a malformed request
        byte[] header = java.nio.ByteBuffer.allocate(5).put((byte) 0).putInt(length).array();
        assertThatThrownBy(() -> MessageReader.envelopes(new ByteArrayInputStream(header), maxBytes).next())
                .isInstanceOf(LimitedInputStream.LimitExceededException.class);
    }

    @Property
    void aCompressedOrTruncatedEnvelopeIsMalformed(@ForAll @Size(max = 50) byte[] message, @ForAll @IntRange(min = 1, max = 60) int cut) {
        byte[] compressed = Envelopes.wrap(Envelopes.COMPRESSED, message);
        assertThatThrownBy(() -> MessageReader.envelopes(new ByteArrayInputStream(compressed), 100).next())
                .isInstanceOf(Envelopes.MalformedRequestException.class);
        byte[] whole = Envelopes.wrap(0, message);
        byte[] truncated = java.util.Arrays.copyOf(whole, Math.max(1, whole.length - cut));
        assertThatThrownBy(() -> readAll(MessageReader.envelopes(new ByteArrayInputStream(truncated), 100), truncated.length))
                .isInstanceOf(Envelopes.MalformedRequestException.class);
    }

    @Property
    void anyBytesAreNdjsonLinesOrATooLargeRequest(@ForAll("anyBytes") byte[] body, @ForAll @IntRange(min = 1, max = 200) int maxBytes) {
        try {
            for (byte[] line : readAll(MessageReader.ndjson(new ByteArrayInputStream(body), maxBytes), body.length)) {
                assertThat(line.length).isBetween(1, maxBytes);
                assertThat(line).doesNotContain((byte) '\n');
                assertThat(new String(line, StandardCharsets.UTF_8)).isNotBlank();
            }
        } catch (LimitedInputStream.LimitExceededException expected) {
            // a line longer than the limit
        } catch (IOException e) {
            throw new AssertionError("undocumented exception", e);
        }
    }

    @Provide
    Arbitrary<String> jsonLines() {
        // any text without a line feed that is not blank (JSON texts are one line each in NDJSON)
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> s.indexOf('\n') < 0 && !s.isBlank())
                .map(s -> s.replace('\uD800', 'x')); // no lone surrogates: they do not survive UTF-8
    }

    @Property
    void ndjsonRoundTripsSkippingBlankLines(@ForAll @Size(max = 8) List<@net.jqwik.api.From("jsonLines") String> lines,
            @ForAll @IntRange(min = 0, max = 3) int blankLines, @ForAll boolean finalNewline) throws IOException {
        StringBuilder body = new StringBuilder("\n".repeat(blankLines));
        for (String line : lines) {
            body.append(line).append('\n').append(" \t\r\n".repeat(blankLines));
        }
        if (!finalNewline && body.length() > 0 && body.charAt(body.length() - 1) == '\n') {
            body.setLength(body.length() - 1);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        List<String> read = readAll(MessageReader.ndjson(new ByteArrayInputStream(bytes), 200), bytes.length).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertThat(read).containsExactlyElementsOf(lines.stream().map(l -> new String(l.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).toList());
    }

    @Property
    void anNdjsonLineOverTheLimitIsRefused(@ForAll @IntRange(min = 1, max = 300) int maxBytes, @ForAll @IntRange(min = 1, max = 50) int over) {
        byte[] line = "x".repeat(maxBytes + over).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MessageReader.ndjson(new ByteArrayInputStream(line), maxBytes).next())
                .isInstanceOf(LimitedInputStream.LimitExceededException.class);
    }
}
