package dev.switchboard.internal;

import java.util.Locale;

import com.google.gson.JsonObject;

import io.grpc.Status;

/**
 * The one JSON error body: {@code {"code": "invalid_argument", "message": "...", "detail": "..."}}. {@code detail}
 * is the seed's key; {@code code} and {@code message} are the Connect protocol's, so Connect clients read it too.
 * Only the status description set by the service (or by Switchboard) goes out: never an exception's message.
 */
final class JsonErrorBody {

    private JsonErrorBody() {
    }

    static String of(Status status) {
        String description = status.getDescription() != null ? status.getDescription() : status.getCode().name();
        JsonObject body = new JsonObject();
        body.addProperty("code", codeName(status.getCode()));
        body.addProperty("message", description);
        body.addProperty("detail", description);
        return body.toString();
    }

    /** Connect's spelling of a code: the enum name in lower case ({@code invalid_argument}). */
    static String codeName(Status.Code code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
