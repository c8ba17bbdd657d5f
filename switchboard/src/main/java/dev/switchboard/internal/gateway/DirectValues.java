package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonOptions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * Query parameters set on the request message field by field through its descriptors, instead of being written as
 * JSON for JsonFormat to parse (which costs more than the call's own work on a small GET). A parameter is taken only
 * where the result is bound to be what JsonFormat and {@code JsonPrecheck} would make of it: each value has its plain
 * form ({@link FieldText}), no field on its path is a member of a oneof (two members given is an error JSON reports),
 * none of the messages it goes through is a well-known type (they have JSON forms of their own), and it is nested less
 * deep than the JSON depth limit. The rest stay in the JSON object and go through JsonFormat as before, with the
 * same checks and error messages.
 */
final class DirectValues {

    /** What {@link QueryParameters#toJson} writes in place of a value taken here (compared by identity). */
    static final JsonElement TAKEN = new JsonPrimitive("(set directly)");

    private final int maxDepth;
    private final List<FieldDescriptor[]> paths = new ArrayList<>();
    private final List<Object[]> values = new ArrayList<>();

    private DirectValues(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * Sets the fields of field-by-field query parameters on {@code builder}: those it can directly, and returns the
     * JSON of the others, for JsonFormat to parse into a message of the builder's type and merge — or null when there
     * are none. {@link InvalidProtocolBufferException} as {@link QueryParameters#toJson} refuses parameters.
     */
    static String setAll(Message.Builder builder, Map<String, String[]> params, JsonOptions options)
            throws InvalidProtocolBufferException {
        DirectValues direct = new DirectValues(options.maxDepth());
        JsonObject rest = QueryParameters.toJson(params, builder.getDescriptorForType(), options.maxQueryParameters(),
                options.ignoreUnknownFields(), direct);
        direct.applyTo(builder);
        removeTaken(rest);
        return rest.size() == 0 ? null : rest.toString();
    }

    /**
     * Whether the values of the field at the end of {@code path} (checked already: single messages down to it) are
     * taken here, to be set by {@link #applyTo}.
     */
    boolean take(FieldDescriptor[] path, String[] texts) {
        if (path.length >= maxDepth) {
            return false;
        }
        for (int i = 0; i < path.length; i++) {
            if (path[i].getRealContainingOneof() != null
                    || i < path.length - 1 && path[i].getMessageType().getFile().getPackage().equals("google.protobuf")) {
                return false;
            }
        }
        FieldDescriptor leaf = path[path.length - 1];
        Object[] parsed = new Object[texts.length];
        for (int i = 0; i < texts.length; i++) {
            parsed[i] = FieldText.value(leaf, texts[i]);
            if (parsed[i] == null) {
                return false;
            }
        }
        paths.add(path);
        values.add(parsed);
        return true;
    }

    /** Sets the values taken on {@code root}, creating the messages on their paths as JsonFormat does. */
    private void applyTo(Message.Builder root) {
        for (int p = 0; p < paths.size(); p++) {
            FieldDescriptor[] path = paths.get(p);
            Message.Builder builder = root;
            for (int i = 0; i < path.length - 1; i++) {
                builder = builder.getFieldBuilder(path[i]);
            }
            FieldDescriptor leaf = path[path.length - 1];
            if (leaf.isRepeated()) {
                for (Object value : values.get(p)) {
                    builder.addRepeatedField(leaf, value);
                }
            } else {
                builder.setField(leaf, values.get(p)[0]);
            }
        }
    }

    /**
     * {@code object} without the values taken, nor the objects left empty by taking them (their messages are set by
     * {@link #applyTo}); an object that was empty before — a message named only through ignored unknown fields —
     * stays, as JsonFormat sets its message. Whether {@code object} is empty now because of that.
     */
    private static boolean removeTaken(JsonObject object) {
        boolean removed = false;
        Iterator<Map.Entry<String, JsonElement>> entries = object.entrySet().iterator();
        while (entries.hasNext()) {
            JsonElement value = entries.next().getValue();
            if (value == TAKEN || value.isJsonObject() && removeTaken(value.getAsJsonObject())) {
                entries.remove();
                removed = true;
            }
        }
        return removed && object.size() == 0;
    }
}
