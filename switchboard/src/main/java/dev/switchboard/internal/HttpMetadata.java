package dev.switchboard.internal;

import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import io.grpc.Metadata;
import jakarta.servlet.http.HttpServletRequest;

/** HTTP request headers as gRPC {@link Metadata}, so interceptors read the same keys on both protocols. */
final class HttpMetadata {

    /** Connection-level headers, which describe the hop and not the call. */
    private static final Set<String> EXCLUDED = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "host", "content-length", "http2-settings", "expect");

    private HttpMetadata() {
    }

    /** @throws IllegalArgumentException when a {@code -bin} header is not base64 */
    static Metadata fromRequest(HttpServletRequest req) {
        Metadata metadata = new Metadata();
        for (String name : Collections.list(req.getHeaderNames())) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.startsWith(":") || EXCLUDED.contains(key) || !validKey(key)) {
                continue;
            }
            for (String value : Collections.list(req.getHeaders(name))) {
                if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    try {
                        metadata.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER), Base64.getDecoder().decode(value.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Header " + key + " must be base64: " + e.getMessage());
                    }
                } else {
                    metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            }
        }
        return metadata;
    }

    /** gRPC keys are 0-9 a-z _ - . only; an HTTP header outside that cannot be metadata. */
    private static boolean validKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return !key.isEmpty();
    }
}
