package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.Envelopes;
import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.ErrorBody;
import dev.switchboard.internal.gateway.codec.MessageCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import com.google.protobuf.Message;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * How the responses of a call over plain HTTP travel: one message as the whole body, or a stream of framed messages —
 * NDJSON lines, server-sent events, or Connect's enveloped stream.
 */
abstract class ResponseWire {

    static final String NDJSON = "application/x-ndjson";
    static final String EVENT_STREAM = "text/event-stream";
    static final String CONNECT_STREAM = "application/connect+";

    final MessageCodec codec;
    final JsonCodec json;
    private final String contentType;
    private final boolean streaming;

    private ResponseWire(MessageCodec codec, JsonCodec json, String contentType, boolean streaming) {
        this.codec = codec;
        this.json = json;
        this.contentType = contentType;
        this.streaming = streaming;
    }

    final boolean streaming() {
        return streaming;
    }

    final String contentType() {
        return contentType;
    }

    /** The content type of a whole body that is {@code message}: by default the wire's. */
    String contentType(Message message) {
        return contentType;
    }

    /** An HTTP rule's {@code google.api.HttpBody} response: its bytes, with its content type. */
    static ResponseWire httpBody(HttpBodyCodec body, JsonCodec json) {
        return new ResponseWire(body, json, "application/octet-stream", false) {
            @Override
            String contentType(Message message) {
                return body.contentType(message);
            }

            @Override
            byte[] end(Status status, Metadata trailers) {
                return new byte[0];
            }
        };
    }

    /** Whether an error before the first message is an HTTP error status (else it goes in the stream, status 200). */
    boolean httpErrorBeforeFirstMessage() {
        return true;
    }

    /** One response message, framed for the stream. */
    byte[] frame(Message message) throws IOException {
        return codec.encode(message);
    }

    /** What ends the stream: by default nothing on success, or the error in the stream's own form. */
    abstract byte[] end(Status status, Metadata trailers);

    /** The whole body is one message: {@code application/json}, or Connect's {@code application/proto}. */
    static ResponseWire unary(MessageCodec codec, JsonCodec json) {
        return new ResponseWire(codec, json, "application/" + codec.name(), false) {
            @Override
            byte[] end(Status status, Metadata trailers) {
                return new byte[0];
            }
        };
    }

    /** One JSON message per line; a failure after the first message is a last line {@code {"error": {...}}}. */
    static ResponseWire ndjson(JsonCodec json) {
        return ndjson(json, json);
    }

    /** As {@link #ndjson(JsonCodec)}, each message written by {@code codec} (an HTTP rule's {@code response_body}). */
    static ResponseWire ndjson(MessageCodec codec, JsonCodec json) {
        return new ResponseWire(codec, json, NDJSON, true) {
            @Override
            byte[] frame(Message message) throws IOException {
                return concat(codec.encode(message), "\n");
            }

            @Override
            byte[] end(Status status, Metadata trailers) {
                if (status.isOk()) {
                    return new byte[0];
                }
                JsonObject line = new JsonObject();
                line.add("error", ErrorBody.json(status, trailers, json));
                return (line + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Server-sent events, for browsers' {@code EventSource}: a {@code data:} event per message; at the end
     * {@code event: end} on success (so that EventSource, which reconnects when a stream closes, can stop) or
     * {@code event: error} with the error body.
     */
    static ResponseWire serverSentEvents(JsonCodec json) {
        return serverSentEvents(json, json);
    }

    /** As {@link #serverSentEvents(JsonCodec)}, each message written by {@code codec}. */
    static ResponseWire serverSentEvents(MessageCodec codec, JsonCodec json) {
        return new ResponseWire(codec, json, EVENT_STREAM, true) {
            @Override
            byte[] frame(Message message) throws IOException {
                return concat("data: ", codec.encode(message), "\n\n");
            }

            @Override
            byte[] end(Status status, Metadata trailers) {
                String event = status.isOk() ? "event: end\ndata: {}\n\n"
                        : "event: error\ndata: " + ErrorBody.json(status, trailers, json) + "\n\n";
                return event.getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * The whole stream as one JSON array ({@code application/json}), written as the messages come: {@code [} before
     * the first, {@code ,} between them, {@code ]} at the end. A failure after the first message is the array's last
     * element, {@code {"error": {...}}} (the status line has gone out with 200); one before it is an HTTP error. One
     * instance per call: it remembers whether the array has begun (its methods run under the call's lock).
     */
    static ResponseWire jsonArray(MessageCodec codec, JsonCodec json) {
        return new ResponseWire(codec, json, "application/json", true) {
            private boolean begun;

            @Override
            byte[] frame(Message message) throws IOException {
                String before = begun ? "," : "[";
                begun = true;
                return concat(before, codec.encode(message), "");
            }

            @Override
            byte[] end(Status status, Metadata trailers) {
                String last = "]";
                if (!status.isOk()) {
                    JsonObject error = new JsonObject();
                    error.add("error", ErrorBody.json(status, trailers, json));
                    last = "," + error + "]";
                }
                return (begun ? last : "[" + last.substring(status.isOk() ? 0 : 1)).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * Connect's streaming protocol: each message in an envelope (flags byte, 4-byte big-endian length); the last
     * envelope has flag 0x02 and carries {@code {"error": {...}, "metadata": {...}}}. Status is 200 even for errors.
     */
    static ResponseWire connectStream(MessageCodec codec, JsonCodec json) {
        return new ResponseWire(codec, json, CONNECT_STREAM + codec.name(), true) {
            @Override
            boolean httpErrorBeforeFirstMessage() {
                return false;
            }

            @Override
            byte[] frame(Message message) throws IOException {
                return Envelopes.wrap(0, codec.encode(message));
            }

            @Override
            byte[] end(Status status, Metadata trailers) {
                JsonObject end = new JsonObject();
                if (!status.isOk()) {
                    end.add("error", ErrorBody.json(status, trailers, json));
                }
                end.add("metadata", HttpMetadata.toJson(trailers));
                return Envelopes.wrap(Envelopes.END_STREAM, end.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static byte[] concat(byte[] body, String suffix) {
        return concat("", body, suffix);
    }

    private static byte[] concat(String prefix, byte[] body, String suffix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(p.length + body.length + s.length).put(p).put(body).put(s).array();
    }
}
