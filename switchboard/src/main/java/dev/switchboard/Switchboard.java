package dev.switchboard;

/**
 * The servlet context-params Switchboard reads from {@code web.xml}; each is optional.
 *
 * <pre>{@code
 * <context-param>
 *   <param-name>switchboard.base-path</param-name>
 *   <param-value>/api/v1</param-value>
 * </context-param>
 * }</pre>
 */
public final class Switchboard {

    /** A prefix before every gateway path (the seed's {@code base_path}); default none. */
    public static final String BASE_PATH = "switchboard.base-path";

    /**
     * Seconds that calls in flight may take to finish when the application is undeployed, before they are
     * cancelled with {@code UNAVAILABLE}; default {@value #DEFAULT_SHUTDOWN_GRACE_SECONDS}.
     */
    public static final String SHUTDOWN_GRACE_SECONDS = "switchboard.shutdown-grace-seconds";

    /** Largest request accepted, in bytes, for gRPC messages and JSON bodies; default 4 MiB (grpc-java's). */
    public static final String MAX_REQUEST_BYTES = "switchboard.max-request-bytes";

    /** Deepest nesting of JSON objects and arrays accepted in a request; default {@value #DEFAULT_MAX_JSON_DEPTH}. */
    public static final String MAX_JSON_DEPTH = "switchboard.json.max-depth";

    /** Most query parameters accepted on a GET; default {@value #DEFAULT_MAX_QUERY_PARAMETERS}. */
    public static final String MAX_QUERY_PARAMETERS = "switchboard.json.max-query-parameters";

    /** {@code true}: JSON requests may carry fields the message does not have (ignored); default false: 400. */
    public static final String IGNORE_UNKNOWN_FIELDS = "switchboard.json.ignore-unknown-fields";

    /** {@code true}: JSON responses use the .proto field names ({@code up_to}) instead of lowerCamel ({@code upTo}). */
    public static final String PROTO_FIELD_NAMES = "switchboard.json.proto-field-names";

    /** {@code true}: JSON responses include fields that hold their default value ({@code 0}, {@code ""}, {@code []}). */
    public static final String INCLUDE_DEFAULT_VALUES = "switchboard.json.include-default-values";

    /** {@code false}: no gRPC server reflection ({@code grpc.reflection.v1} and {@code v1alpha}); default true. */
    public static final String REFLECTION = "switchboard.reflection";

    /**
     * Where service code of gRPC calls runs: {@code pooled} (default: grpc-java's shared pool, safe for service code
     * that blocks) or {@code direct} (on the container's own request threads: faster, but service code must never
     * block — a JDBC call would hold a container thread).
     */
    public static final String GRPC_EXECUTOR = "switchboard.grpc-executor";

    public static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    public static final int DEFAULT_MAX_QUERY_PARAMETERS = 100;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private Switchboard() {
    }
}
