package dev.switchboard.internal;

import java.time.Duration;
import java.util.Locale;

import dev.switchboard.Switchboard;
import jakarta.servlet.ServletContext;

/**
 * The context-params of {@link Switchboard}, read and checked once at startup.
 *
 * @param grpcPort the dedicated gRPC port; null when off
 */
record Settings(String basePath, Duration shutdownGrace, int maxRequestBytes, boolean reflection, boolean directExecutor,
        JsonOptions json, GrpcPortSettings grpcPort) {

    /** How JSON is read and written. */
    record JsonOptions(int maxDepth, int maxQueryParameters, boolean ignoreUnknownFields, boolean protoFieldNames,
            boolean includeDefaultValues) {

        static JsonOptions defaults() {
            return new JsonOptions(Switchboard.DEFAULT_MAX_JSON_DEPTH, Switchboard.DEFAULT_MAX_QUERY_PARAMETERS, false, false, false);
        }
    }

    static Settings from(ServletContext context) {
        return new Settings(
                basePath(context.getInitParameter(Switchboard.BASE_PATH)),
                Duration.ofSeconds(number(context, Switchboard.SHUTDOWN_GRACE_SECONDS, Switchboard.DEFAULT_SHUTDOWN_GRACE_SECONDS)),
                (int) number(context, Switchboard.MAX_REQUEST_BYTES, Switchboard.DEFAULT_MAX_REQUEST_BYTES),
                context.getInitParameter(Switchboard.REFLECTION) == null || flag(context, Switchboard.REFLECTION),
                directExecutor(context.getInitParameter(Switchboard.GRPC_EXECUTOR)),
                new JsonOptions(
                        (int) number(context, Switchboard.MAX_JSON_DEPTH, Switchboard.DEFAULT_MAX_JSON_DEPTH),
                        (int) number(context, Switchboard.MAX_QUERY_PARAMETERS, Switchboard.DEFAULT_MAX_QUERY_PARAMETERS),
                        flag(context, Switchboard.IGNORE_UNKNOWN_FIELDS),
                        flag(context, Switchboard.PROTO_FIELD_NAMES),
                        flag(context, Switchboard.INCLUDE_DEFAULT_VALUES)),
                GrpcPortSettings.from(context::getInitParameter));
    }

    /** {@code api/v1/} → {@code /api/v1}; empty or {@code /} → no base path. */
    static String basePath(String value) {
        if (value == null || value.isBlank() || value.trim().equals("/")) {
            return "";
        }
        String path = value.trim();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static boolean directExecutor(String value) {
        if (value == null || value.isBlank() || value.trim().equals("pooled")) {
            return false;
        }
        if (value.trim().equals("direct")) {
            return true;
        }
        throw new IllegalArgumentException("context-param " + Switchboard.GRPC_EXECUTOR + " must be pooled or direct, not '" + value + "'");
    }

    private static boolean flag(ServletContext context, String name) {
        String value = context.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("context-param " + name + " must be true or false, not '" + value + "'");
        };
    }

    private static long number(ServletContext context, String name, long defaultValue) {
        String value = context.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException("out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context-param " + name + " must be a whole number from 0 to "
                    + Integer.MAX_VALUE + ", not '" + value + "'", e);
        }
    }
}
