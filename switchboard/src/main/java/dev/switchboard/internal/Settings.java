package dev.switchboard.internal;

import dev.switchboard.internal.container.ServletContainer;
import dev.switchboard.internal.cors.CorsPolicy;
import dev.switchboard.internal.gateway.GatewaySettings;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.openapi.OpenApiSettings;
import dev.switchboard.internal.port.GrpcPortSettings;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import dev.switchboard.Switchboard;
import jakarta.servlet.ServletContext;

/**
 * The context-params of {@link Switchboard}, read and checked once at startup.
 *
 * @param methodPathConnect whether Connect is served at every gRPC method's own path too
 * @param grpcPort the dedicated gRPC port; null when off
 * @param weldServletContexts whether Weld activates its servlet request and session contexts for Switchboard's own
 *                            requests too ({@link WeldContextActivation})
 * @param healthEndpoint whether {@code GET {base-path}/health} is served
 * @param metricsEndpoint whether {@code GET {base-path}/metrics} is served (with Switchboard's own registry)
 * @param cors which other origins' browser scripts may call ({@link Switchboard#CORS_ALLOWED_ORIGINS})
 * @param httpRules whether gateways serve their methods' {@code google.api.http} rules ({@link Switchboard#HTTP_RULES})
 * @param openApi the OpenAPI document and try-it page
 * @param nonBlockingServices services named as never blocking ({@link Switchboard#NON_BLOCKING_SERVICES})
 */
record Settings(String basePath, Duration shutdownGrace, int maxRequestBytes, boolean reflection, boolean methodPathConnect,
        GrpcExecutor grpcExecutor,
        GrpcTransport grpcTransport, JsonOptions json, GrpcPortSettings grpcPort, ServletContainer container,
        boolean weldServletContexts, boolean healthEndpoint, boolean metricsEndpoint, Limits limits, CorsPolicy cors,
        boolean httpRules, OpenApiSettings openApi, Set<String> nonBlockingServices) {

    /**
     * What one deployment lets its clients hold: {@code requestBody} is the time a client has to send a request body
     * ({@link Switchboard#REQUEST_BODY_SECONDS}; zero: no limit), {@code maxCalls} the most calls in flight on the
     * container's connectors ({@link Switchboard#MAX_CALLS}), {@code threads} the most threads running service code
     * off the container's threads ({@link Switchboard#CALL_THREADS}).
     */
    record Limits(java.time.Duration requestBody, int maxCalls, int threads) {

        static Limits defaults() {
            return new Limits(Duration.ofSeconds(Switchboard.DEFAULT_REQUEST_BODY_SECONDS), Switchboard.DEFAULT_MAX_CALLS,
                    Switchboard.DEFAULT_CALL_THREADS);
        }

        static Limits from(ServletContext context) {
            long threads = number(context, Switchboard.CALL_THREADS, Switchboard.DEFAULT_CALL_THREADS);
            long maxCalls = number(context, Switchboard.MAX_CALLS, Switchboard.DEFAULT_MAX_CALLS);
            if (threads < 1 || maxCalls < 1) {
                throw new IllegalArgumentException("context-params " + Switchboard.CALL_THREADS + " and " + Switchboard.MAX_CALLS
                        + " must be at least 1");
            }
            return new Limits(Duration.ofSeconds(number(context, Switchboard.REQUEST_BODY_SECONDS, Switchboard.DEFAULT_REQUEST_BODY_SECONDS)),
                    (int) maxCalls, (int) threads);
        }
    }

    /** Where service code of gRPC calls runs (context-param {@link Switchboard#GRPC_EXECUTOR}, resolved for the container). */
    enum GrpcExecutor {
        /** On the thread that delivers the callback, always. */
        DIRECT,
        /** On that thread up to a limit of callbacks at once, then on a pool ({@link InlineFirstExecutor}). */
        INLINE_FIRST,
        /** Always on a pool. */
        POOLED;

        /**
         * {@code auto} (the default) is {@link #INLINE_FIRST} on Jetty, whose servlet listeners run on its request
         * thread pool, and on Undertow, whose I/O threads {@link InlineFirstExecutor} recognizes and never runs
         * service code on; {@link #POOLED} on other containers, whose threads it does not know.
         */
        static GrpcExecutor of(String value, ServletContainer container) {
            String v = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto" -> container.knowsItsThreads() ? INLINE_FIRST : POOLED;
                case "inline-first" -> INLINE_FIRST;
                case "pooled" -> POOLED;
                case "direct" -> DIRECT;
                default -> throw new IllegalArgumentException("context-param " + Switchboard.GRPC_EXECUTOR
                        + " must be auto, inline-first, pooled or direct, not '" + value + "'");
            };
        }
    }

    /** Which transport serves gRPC calls on the container's connectors (context-param {@link Switchboard#GRPC_TRANSPORT}). */
    enum GrpcTransport {
        /**
         * Switchboard's own, below the servlet API where the container's native transport is installed
         * ({@code NativeDispatch}: unary calls, and streaming ones where the exchange streams — Jetty's), else on it
         * ({@link SwitchboardTransport}) for unary calls and on grpc-servlet for streaming ones.
         */
        AUTO,
        /** Switchboard's own on the servlet API ({@link SwitchboardTransport}), even where a native transport is installed. */
        SWITCHBOARD,
        /** grpc-servlet's, like every other call. */
        GRPC_SERVLET;

        static GrpcTransport of(String value) {
            String v = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto" -> AUTO;
                case "switchboard" -> SWITCHBOARD;
                case "grpc-servlet" -> GRPC_SERVLET;
                default -> throw new IllegalArgumentException("context-param " + Switchboard.GRPC_TRANSPORT
                        + " must be auto, switchboard or grpc-servlet, not '" + value + "'");
            };
        }
    }

    /** Whether service code always runs on the delivering thread (gRPC and JSON calls alike). */
    boolean directExecutor() {
        return grpcExecutor == GrpcExecutor.DIRECT;
    }

    /** What the JSON/HTTP gateway needs of these. */
    GatewaySettings gateway() {
        return new GatewaySettings(maxRequestBytes, limits.requestBody(), directExecutor(), json, container);
    }

    static Settings from(ServletContext context) {
        ServletContainer container = ServletContainer.detect(context.getServerInfo());
        return new Settings(
                basePath(context.getInitParameter(Switchboard.BASE_PATH)),
                Duration.ofSeconds(number(context, Switchboard.SHUTDOWN_GRACE_SECONDS, Switchboard.DEFAULT_SHUTDOWN_GRACE_SECONDS)),
                (int) number(context, Switchboard.MAX_REQUEST_BYTES, Switchboard.DEFAULT_MAX_REQUEST_BYTES),
                flagOrTrue(context, Switchboard.REFLECTION),
                flagOrTrue(context, Switchboard.METHOD_PATH_CONNECT),
                GrpcExecutor.of(context.getInitParameter(Switchboard.GRPC_EXECUTOR), container),
                GrpcTransport.of(context.getInitParameter(Switchboard.GRPC_TRANSPORT)),
                new JsonOptions(
                        (int) number(context, Switchboard.MAX_JSON_DEPTH, Switchboard.DEFAULT_MAX_JSON_DEPTH),
                        (int) number(context, Switchboard.MAX_QUERY_PARAMETERS, Switchboard.DEFAULT_MAX_QUERY_PARAMETERS),
                        flag(context, Switchboard.IGNORE_UNKNOWN_FIELDS),
                        flag(context, Switchboard.PROTO_FIELD_NAMES),
                        flag(context, Switchboard.INCLUDE_DEFAULT_VALUES),
                        flag(context, Switchboard.JSON_LENIENT)),
                GrpcPortSettings.from(context::getInitParameter),
                container,
                flag(context, Switchboard.WELD_SERVLET_CONTEXTS),
                flagOrTrue(context, Switchboard.HEALTH_ENDPOINT),
                flagOrTrue(context, Switchboard.METRICS_ENDPOINT),
                Limits.from(context),
                CorsPolicy.from(context::getInitParameter, Switchboard.CORS_ALLOWED_ORIGINS, Switchboard.CORS_ALLOWED_HEADERS,
                        Switchboard.CORS_MAX_AGE_SECONDS, Switchboard.DEFAULT_CORS_MAX_AGE_SECONDS),
                flagOrTrue(context, Switchboard.HTTP_RULES),
                OpenApiSettings.of(flagOrTrue(context, Switchboard.OPENAPI), flag(context, Switchboard.OPENAPI_DOCS),
                        context.getInitParameter(Switchboard.OPENAPI_TITLE), context.getInitParameter(Switchboard.OPENAPI_VERSION),
                        context.getInitParameter(Switchboard.OPENAPI_SERVERS), context.getContextPath(),
                        context.getServletContextName()),
                names(context.getInitParameter(Switchboard.NON_BLOCKING_SERVICES)));
    }

    /** A list of names separated by commas (and blanks), as a set; none for null. */
    static Set<String> names(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split("[,\\s]+")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return Collections.unmodifiableSet(names);
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


    /** A flag that is on unless set to false. */
    private static boolean flagOrTrue(ServletContext context, String name) {
        String value = context.getInitParameter(name);
        return value == null || value.isBlank() || flag(context, name);
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
