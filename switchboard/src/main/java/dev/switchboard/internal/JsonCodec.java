package dev.switchboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * proto3 JSON through protobuf-java-util's {@link JsonFormat}: one parser and one printer, shared, since both are
 * immutable and thread-safe. The parser accepts lowerCamel and original field names and rejects unknown fields; the
 * printer writes lowerCamel/{@code json_name}, int64 as strings, enums by name and omits default values.
 */
final class JsonCodec {

    private final JsonFormat.Parser parser = JsonFormat.parser();
    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

    /**
     * Reads one message of {@code prototype}'s type from a UTF-8 JSON body; an empty body is the empty message.
     * Invalid UTF-8 fails with a {@link java.nio.charset.CharacterCodingException} rather than being replaced.
     */
    @SuppressWarnings("unchecked")
    <T extends Message> T parse(InputStream body, T prototype) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return (T) prototype.getDefaultInstanceForType();
        }
        in.unread(first);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        Message.Builder builder = prototype.newBuilderForType();
        parser.merge(reader, builder);
        return (T) builder.build();
    }

    void print(Message message, Appendable out) throws IOException {
        printer.appendTo(message, out);
    }
}
