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

    public static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private Switchboard() {
    }
}
