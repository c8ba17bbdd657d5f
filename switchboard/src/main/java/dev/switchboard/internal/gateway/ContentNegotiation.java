package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.LimitedInputStream;
import dev.switchboard.internal.gateway.codec.MessageCodec;
import dev.switchboard.internal.gateway.codec.ProtoCodec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The formats of the gateway's requests and responses: which codec a Content-Type or Connect {@code encoding} names,
 * how a streamed response goes back (server-sent events or NDJSON), requests carried in the query string, gzip
 * bodies, and the 400/413/415 errors of a request that cannot be understood. {@link GatewayDispatcher} decides with
 * these what an {@link Exchange} is; one instance per dispatcher, so a request allocates nothing here but its result.
 */
final class ContentNegotiation {

    private final JsonCodec json;
    private final GatewaySettings settings;

    ContentNegotiation(JsonCodec json, GatewaySettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** A request without a body: its message from the query string (Connect's GET form, or one field per parameter). */
    Exchange fromQuery(HttpServletRequest req, Routes.Route route, boolean streamsResponses) throws HttpError {
        Map<String, String[]> params = req.getParameterMap();
        Message prototype = route.requestPrototype();
        try {
            if (QueryParameters.isConnectForm(params)) {
                MessageCodec codec = codec(QueryParameters.single(params, "encoding"), "encoding=" + QueryParameters.single(params, "encoding"));
                Message request = parse(codec, QueryParameters.connectMessage(params), prototype);
                return new Exchange(request, null, codec, streamsResponses ? streamWire(req) : ResponseWire.unary(codec, json), null);
            }
            String body = QueryParameters.toJson(params, prototype.getDescriptorForType(), settings.json().maxQueryParameters(),
                    settings.json().ignoreUnknownFields()).toString();
            Message request = parse(json, body.getBytes(StandardCharsets.UTF_8), prototype);
            return new Exchange(request, null, json, streamsResponses ? streamWire(req) : ResponseWire.unary(json, json), null);
        } catch (QueryParameters.TooManyParametersException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        } catch (InvalidProtocolBufferException e) {
            throw invalid(prototype, e);
        }
    }

    /** A streamed response: server-sent events when the client accepts them (EventSource does), else NDJSON. */
    ResponseWire streamWire(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(ResponseWire.EVENT_STREAM)) {
            return ResponseWire.serverSentEvents(json);
        }
        return ResponseWire.ndjson(json);
    }

    /** The codec Connect's {@code name} ("json", "proto") stands for; {@code what} names it in the 415. */
    MessageCodec codec(String name, String what) throws HttpError {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "json" -> json;
            case "proto" -> ProtoCodec.INSTANCE;
            default -> throw unsupported(what);
        };
    }

    Message parse(MessageCodec codec, byte[] bytes, Message prototype) throws HttpError {
        try {
            return codec.parse(bytes, prototype);
        } catch (CharacterCodingException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("The request is not valid UTF-8"));
        } catch (InvalidProtocolBufferException e) {
            throw invalid(prototype, e);
        } catch (IOException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Unreadable request: " + e.getMessage()));
        }
    }

    /** The body decompressed, within the request size limit (413 beyond it). */
    byte[] gunzip(byte[] bytes, int length) throws HttpError {
        try (InputStream in = new LimitedInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes, 0, length)),
                settings.maxRequestBytes())) {
            return in.readAllBytes();
        } catch (LimitedInputStream.LimitExceededException e) {
            throw new HttpError(413, Status.RESOURCE_EXHAUSTED.withDescription(
                    "The request is larger than " + settings.maxRequestBytes() + " bytes"));
        } catch (IOException e) {
            throw new HttpError(400, Status.INVALID_ARGUMENT.withDescription("The request body is not valid gzip: " + e.getMessage()));
        }
    }

    /** Whether the body is gzip; identity or none: false; anything else: 415. */
    static boolean gzipped(HttpServletRequest req) throws HttpError {
        String encoding = req.getHeader("Content-Encoding");
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new HttpError(415, Status.UNIMPLEMENTED.withDescription("Content-Encoding " + encoding + " is not supported; use gzip or identity"));
    }

    /** The body's bytes as an array of their own length (the reader's buffer when it fits exactly). */
    static byte[] exactly(byte[] bytes, int length) {
        return bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
    }

    static HttpError invalid(Message prototype, InvalidProtocolBufferException e) {
        return new HttpError(400, Status.INVALID_ARGUMENT.withDescription("Invalid " + prototype.getDescriptorForType().getFullName()
                + ": " + e.getMessage()));
    }

    static HttpError unsupported(String contentType) {
        return new HttpError(415, Status.INVALID_ARGUMENT.withDescription("Content-Type must be application/json (charset utf-8),"
                + " application/proto, application/x-ndjson or application/connect+json|proto"
                + (contentType == null ? "" : ", not " + contentType)));
    }

    static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(GatewayErrors.JSON) && !(media.startsWith("application/") && media.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && param.length == 2
                    && !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
