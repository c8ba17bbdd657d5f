package dev.switchboard.internal.gateway;

import dev.switchboard.internal.chain.CallerHandoff;

import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.grpc.Metadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP headers as gRPC {@link Metadata} and back, so interceptors and services read and write the same keys on both
 * protocols. Headers about the connection or the HTTP exchange itself (hop-by-hop, content negotiation, the gRPC and
 * Connect protocol headers) are not call metadata and are left out both ways.
 */
final class HttpMetadata {

    private static final Set<String> EXCLUDED = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "host", "content-length", "content-type", "content-encoding", "accept", "accept-encoding",
            "http2-settings", "expect", "trailer", CallerHandoff.TOKEN_HEADER);

    private HttpMetadata() {
    }

    /** Request headers as metadata. @throws IllegalArgumentException when a {@code -bin} header is not base64 */
    static Metadata fromRequest(HttpServletRequest req) {
        Metadata metadata = new Metadata();
        for (String name : Collections.list(req.getHeaderNames())) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!isCallMetadata(key)) {
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

    /** Adds metadata to the response headers, each name after {@code prefix} ({@code ""} or Connect's {@code trailer-}). */
    static void toResponse(Metadata metadata, String prefix, HttpServletResponse resp) {
        if (metadata == null) {
            return;
        }
        for (String key : metadata.keys()) {
            if (!isCallMetadata(key)) {
                continue;
            }
            for (String value : values(metadata, key)) {
                resp.addHeader(prefix + key, value);
            }
        }
    }

    /** Metadata as Connect's end-of-stream {@code metadata} object: name → array of values. */
    static JsonObject toJson(Metadata metadata) {
        JsonObject json = new JsonObject();
        if (metadata == null) {
            return json;
        }
        for (String key : metadata.keys()) {
            if (isCallMetadata(key)) {
                JsonArray array = new JsonArray();
                values(metadata, key).forEach(array::add);
                json.add(key, array);
            }
        }
        return json;
    }

    private static Iterable<String> values(Metadata metadata, String key) {
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            Iterable<byte[]> raw = metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
            java.util.List<String> encoded = new java.util.ArrayList<>();
            if (raw != null) {
                raw.forEach(v -> encoded.add(Base64.getEncoder().withoutPadding().encodeToString(v)));
            }
            return encoded;
        }
        Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        return values == null ? java.util.List.of() : values;
    }

    private static boolean isCallMetadata(String key) {
        return !key.isEmpty() && !key.startsWith(":") && !key.startsWith("grpc-") && !key.startsWith("connect-")
                && !EXCLUDED.contains(key) && validKey(key);
    }

    /** gRPC keys are 0-9 a-z _ - . only; an HTTP header outside that cannot be metadata. */
    private static boolean validKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
