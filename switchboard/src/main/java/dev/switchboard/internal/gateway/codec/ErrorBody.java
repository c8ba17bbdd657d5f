package dev.switchboard.internal.gateway.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * The one JSON error body: {@code {"code": "invalid_argument", "message": "...", "detail": "...", "details": [...]}}.
 * {@code detail} is the key Ravyn's gateway answers with (docs/coming-from-ravyn.md), so clients written for it read
 * it; {@code code}, {@code message} and {@code details} are the Connect protocol's, so Connect clients read it too.
 * Only the status description set by the service (or by Switchboard) goes out: never an exception's message.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static JsonObject json(Status status, Metadata trailers, JsonCodec codec) {
        String description = status.getDescription() != null ? status.getDescription() : status.getCode().name();
        JsonObject body = new JsonObject();
        body.addProperty("code", codeName(status.getCode()));
        body.addProperty("message", description);
        body.addProperty("detail", description);
        JsonArray details = codec == null ? null : ErrorDetails.of(status, trailers, codec);
        if (details != null) {
            body.add("details", details);
        }
        return body;
    }

    public static String of(Status status) {
        return json(status, null, null).toString();
    }

    public static byte[] bytes(Status status, Metadata trailers, JsonCodec codec) {
        return json(status, trailers, codec).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Connect's spelling of a code: the enum name in lower case ({@code invalid_argument}), and {@code canceled}. */
    public static String codeName(Status.Code code) {
        return code == Status.Code.CANCELLED ? "canceled" : code.name().toLowerCase(Locale.ROOT);
    }
}
