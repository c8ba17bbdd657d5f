package dev.switchboard.internal.gateway.codec;

import dev.switchboard.Switchboard;

/**
 * How JSON is read and written (context-params of {@link Switchboard}).
 *
 * @param lenient whether requests may use the value forms JsonFormat accepts beyond proto3 JSON ({@link Switchboard#JSON_LENIENT})
 */
public record JsonOptions(int maxDepth, int maxQueryParameters, boolean ignoreUnknownFields, boolean protoFieldNames,
        boolean includeDefaultValues, boolean lenient) {

    public static JsonOptions defaults() {
        return new JsonOptions(Switchboard.DEFAULT_MAX_JSON_DEPTH, Switchboard.DEFAULT_MAX_QUERY_PARAMETERS, false, false, false, false);
    }
}

