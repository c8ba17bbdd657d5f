package dev.switchboard.internal.gateway.codec;

import java.io.CharArrayReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * proto3 JSON through protobuf-java-util's {@link JsonFormat}: one parser and one printer per deployment, shared,
 * since both are immutable and thread-safe. The parser accepts lowerCamel and .proto field names and, by default,
 * rejects unknown fields; the printer writes lowerCamel/{@code json_name}, int64 as strings, enums by name and omits
 * default values — each of those but the int64 and enum forms can be changed in {@link JsonOptions}. Before
 * JsonFormat reads a request, {@link JsonPrecheck} checks what JsonFormat lets through: names given twice, depth and,
 * unless lenient, each value's proto3 JSON form.
 */
public final class JsonCodec implements MessageCodec {

    private final JsonFormat.Parser parser;
    private final JsonFormat.Printer printer;
    private final JsonPrecheck precheck;

    public JsonCodec(JsonOptions options) {
        JsonFormat.Parser p = JsonFormat.parser();
        this.parser = options.ignoreUnknownFields() ? p.ignoringUnknownFields() : p;
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
        if (options.protoFieldNames()) {
            printer = printer.preservingProtoFieldNames();
        }
        if (options.includeDefaultValues()) {
            printer = printer.includingDefaultValueFields();
        }
        this.printer = printer;
        this.precheck = new JsonPrecheck(options.maxDepth(), !options.lenient(), options.ignoreUnknownFields());
    }

    @Override
    public String name() {
        return "json";
    }

    /** Invalid UTF-8 fails with a {@link java.nio.charset.CharacterCodingException} rather than being replaced. */
    @Override
    public Message parse(byte[] input, Message prototype) throws IOException {
        if (isBlank(input)) {
            return prototype.getDefaultInstanceForType();
        }
        // Decoded once for both passes, into a char array they read in place: through an InputStreamReader each pass
        // would decode again and allocate an 8 KB buffer of its own, whatever the request's size.
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(input));
        precheck.check(new CharArrayReader(chars.array(), chars.arrayOffset(), chars.remaining()), prototype.getDescriptorForType());
        Message.Builder builder = prototype.newBuilderForType();
        parser.merge(new CharArrayReader(chars.array(), chars.arrayOffset(), chars.remaining()), builder);
        return builder.build();
    }

    @Override
    public byte[] encode(Message message) throws IOException {
        // Into a StringBuilder, then UTF-8 at once: an OutputStreamWriter allocates an 8 KB buffer per response.
        StringBuilder json = new StringBuilder(128);
        printer.appendTo(message, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** For error details: the message as a JSON string. */
    String print(Message message) throws InvalidProtocolBufferException {
        return printer.print(message);
    }

    private static boolean isBlank(byte[] input) {
        for (byte b : input) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
