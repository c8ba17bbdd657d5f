package dev.switchboard.internal.gateway.httprule;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of path segments as {@code google/api/http.proto} says: a single-segment variable ({@code {var}},
 * {@code {var=*}}) decodes everything; a multi-segment one ({@code {var=foo/*}}, {@code {var=**}}) everything but
 * {@code %2F} and {@code %2f}, which stay as written — so that a slash that was data stays distinguishable from a
 * slash that separates segments. The bytes are UTF-8; anything else, or a {@code %} not followed by two hex digits,
 * is refused ({@link IllegalArgumentException}) rather than guessed at.
 */
final class PathDecoding {

    private PathDecoding() {
    }

    /** {@code raw} decoded; {@code keepSlashes}: leave {@code %2F} as it is (multi-segment variables). */
    static String decode(String raw, boolean keepSlashes) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c < 0x80) {
                    bytes.write(c);
                } else {
                    int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                    bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end - 1;
                }
                continue;
            }
            int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)) : -1;
            if (value < 0) {
                throw new IllegalArgumentException("'" + raw + "' is not percent-encoded correctly (a % must be followed by two hex digits)");
            }
            if (keepSlashes && value == '/') {
                bytes.writeBytes(raw.substring(i, i + 3).getBytes(StandardCharsets.US_ASCII));
            } else {
                bytes.write(value);
            }
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + raw + "' does not decode to UTF-8 text");
        }
    }

    /** The value of a hex digit, or a negative number (which makes the combined value negative too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -0x1000;
    }
}
