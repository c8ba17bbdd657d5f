package dev.switchboard.internal.gateway.codec;

import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.rpc.ErrorDetailsProto;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/**
 * Rich error details a service sent in {@code grpc-status-details-bin} ({@code google.rpc.Status}), in Connect's JSON
 * form: {@code {"type": "google.rpc.BadRequest", "value": "<base64>", "debug": {...}}}. {@code debug} is given for the
 * standard detail types of google/rpc/error_details.proto.
 */
final class ErrorDetails {

    private static final Logger LOG = Logger.getLogger(ErrorDetails.class.getName());
    private static final String TYPE_PREFIX = "type.googleapis.com/";
    private static final List<Descriptors.Descriptor> KNOWN = ErrorDetailsProto.getDescriptor().getMessageTypes();

    private ErrorDetails() {
    }

    /** The details array, or null when the status carries none. */
    static JsonArray of(Status status, Metadata trailers, JsonCodec codec) {
        if (trailers == null) {
            return null;
        }
        com.google.rpc.Status rich;
        try {
            rich = StatusProto.fromStatusAndTrailers(status, trailers);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "unreadable grpc-status-details-bin", e);
            return null;
        }
        if (rich == null || rich.getDetailsCount() == 0) {
            return null;
        }
        JsonArray details = new JsonArray();
        for (Any any : rich.getDetailsList()) {
            String type = any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1);
            JsonObject detail = new JsonObject();
            detail.addProperty("type", type);
            detail.addProperty("value", Base64.getEncoder().withoutPadding().encodeToString(any.getValue().toByteArray()));
            JsonObject debug = debug(type, any, codec);
            if (debug != null) {
                detail.add("debug", debug);
            }
            details.add(detail);
        }
        return details;
    }

    private static JsonObject debug(String type, Any any, JsonCodec codec) {
        for (Descriptors.Descriptor descriptor : KNOWN) {
            if (descriptor.getFullName().equals(type)) {
                try {
                    return JsonParser.parseString(codec.print(DynamicMessage.parseFrom(descriptor, any.getValue()))).getAsJsonObject();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "undecodable " + TYPE_PREFIX + type, e);
                    return null;
                }
            }
        }
        return null;
    }
}
