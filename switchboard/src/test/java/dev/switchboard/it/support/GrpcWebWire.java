package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.protobuf.MessageLite;

/**
 * A raw gRPC-Web client for tests: builds request bodies (binary, or base64 text), sends them over HTTP/1.1 (the JDK's
 * client) or h2c ({@link RawH2}), and takes the answer apart as a gRPC-Web client must — the body's frames, the
 * trailer frame, or the headers of a trailers-only answer — checking the framing on the way (one trailer frame, last).
 */
public final class GrpcWebWire {

    public static final String BINARY = "application/grpc-web+proto";
    public static final String TEXT = "application/grpc-web-text";

    private GrpcWebWire() {
    }

    /**
     * One answer. {@code trailers}: the trailer frame's fields, or the headers' for a trailers-only answer;
     * {@code trailerFrame}: whether they came as a frame; {@code httpTrailers}: HTTP trailers (gRPC-Web has none).
     */
    public record Reply(int httpStatus, Map<String, String> headers, List<byte[]> messages, Map<String, String> trailers,
            boolean trailerFrame, Map<String, String> httpTrailers, String problem) {

        public int status() {
            String status = trailers.get("grpc-status");
            return status == null ? -1 : Integer.parseInt(status.trim());
        }

        public String message() {
            return trailers.get("grpc-message");
        }

        @Override
        public String toString() {
            return "HTTP " + httpStatus + " " + headers + " messages=" + messages.size() + " trailers=" + trailers
                    + (trailerFrame ? " (frame)" : " (headers)") + (problem == null ? "" : " PROBLEM: " + problem);
        }
    }

    /** A request body of one message: a frame, base64-encoded for text. */
    public static byte[] body(MessageLite message, boolean text) {
        byte[] frame = RawH2.frame(false, message.toByteArray());
        return text ? Base64.getEncoder().encode(frame) : frame;
    }

    /** Over HTTP/1.1; {@code headers} name/value pairs. */
    public static Reply http11(URI uri, String contentType, byte[] body, String... headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
                .header("X-Grpc-Web", "1").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> names = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return parse(response.statusCode(), names, response.body(), Map.of());
    }

    /** Over h2c, on a connection of the caller's. */
    public static Reply h2c(RawH2 h2, String path, String contentType, byte[] body, String... headers) throws Exception {
        List<String> all = RawH2.headers("content-type", contentType, "x-grpc-web", "1");
        all.addAll(List.of(headers));
        RawH2.Answer answer = h2.exchange("POST", path, all, body);
        if (answer.headers() == null || answer.reset() != -1) {
            throw new AssertionError("no answer for " + path + ": " + answer.everything() + " reset " + answer.reset());
        }
        return parse(Integer.parseInt(answer.headers().get(":status")), answer.headers(), answer.body(),
                answer.trailers() == null ? Map.of() : answer.trailers());
    }

    static Reply parse(int httpStatus, Map<String, String> headers, byte[] body, Map<String, String> httpTrailers) {
        String type = headers.getOrDefault("content-type", "");
        byte[] frames = type.startsWith(TEXT) ? decodeText(body) : body;
        List<byte[]> messages = new ArrayList<>();
        Map<String, String> trailers = null;
        String problem = null;
        ByteBuffer in = ByteBuffer.wrap(frames);
        while (in.hasRemaining()) {
            if (trailers != null) {
                problem = "a frame after the trailer frame";
                break;
            }
            if (in.remaining() < 5) {
                problem = "a truncated frame header";
                break;
            }
            int flag = in.get() & 0xff;
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                problem = "a frame longer than the body";
                break;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            if (flag == 0x80) {
                trailers = trailerLines(new String(payload, StandardCharsets.US_ASCII));
            } else if (flag == 0) {
                messages.add(payload);
            } else {
                problem = "a frame flagged " + flag;
            }
        }
        boolean frame = trailers != null;
        if (trailers == null) {
            trailers = new LinkedHashMap<>();
            for (String name : List.of("grpc-status", "grpc-message", "grpc-status-details-bin")) {
                if (headers.containsKey(name)) {
                    trailers.put(name, headers.get(name));
                }
            }
        }
        return new Reply(httpStatus, headers, messages, trailers, frame, httpTrailers, problem);
    }

    /** Base64 as a gRPC-Web client reads it: four characters at a time, each group padded or not on its own. */
    public static byte[] decodeText(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String chars = new String(text, StandardCharsets.US_ASCII);
        for (int i = 0; i < chars.length(); i += 4) {
            out.writeBytes(Base64.getDecoder().decode(chars.substring(i, Math.min(i + 4, chars.length()))));
        }
        return out.toByteArray();
    }

    private static Map<String, String> trailerLines(String block) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
