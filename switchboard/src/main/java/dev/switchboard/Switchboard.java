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

    /** A prefix before every gateway path and the health and metrics endpoints, e.g. {@code /api/v1}; default none. */
    public static final String BASE_PATH = "switchboard.base-path";

    /**
     * Seconds that calls in flight may take to finish when the application is undeployed, before they are
     * cancelled with {@code UNAVAILABLE}; default {@value #DEFAULT_SHUTDOWN_GRACE_SECONDS}.
     */
    public static final String SHUTDOWN_GRACE_SECONDS = "switchboard.shutdown-grace-seconds";

    /** Largest request accepted, in bytes, for gRPC messages and JSON bodies; default 4 MiB (grpc-java's). */
    public static final String MAX_REQUEST_BYTES = "switchboard.max-request-bytes";

    /**
     * Seconds a client has to send a whole request body (a JSON body, a gRPC unary request), or one message of a
     * streamed request body, once it has begun; default {@value #DEFAULT_REQUEST_BODY_SECONDS}. Bodies are read
     * without holding a thread, so a slow client costs only its connection; past this budget it gets 408 with the JSON
     * error body, or {@code DEADLINE_EXCEEDED} over gRPC. {@code 0}: no budget (the container's idle timeout still
     * ends a client that sends nothing).
     */
    public static final String REQUEST_BODY_SECONDS = "switchboard.request-body-seconds";

    /**
     * Most calls in flight on the container's connectors, gRPC and JSON together (health checks not counted); default
     * {@value #DEFAULT_MAX_CALLS}. A call beyond it is refused at once, before it takes a thread or a queue slot: over
     * gRPC with {@code RESOURCE_EXHAUSTED}, over JSON with 503, {@code Retry-After: 1} and the JSON error body
     * ({@code "code": "unavailable"}). This bounds how much work can wait for {@link #CALL_THREADS}.
     */
    public static final String MAX_CALLS = "switchboard.max-calls";

    /**
     * Most threads running service code that does not run on the container's thread (see {@link #GRPC_EXECUTOR}),
     * gRPC and JSON calls together; default {@value #DEFAULT_CALL_THREADS}. Callbacks beyond it wait in the pool's
     * queue, whose length {@link #MAX_CALLS} bounds (each call has at most one callback waiting). Service code that
     * blocks on another call's progress can wait for ever when every thread is so blocked, and while service code
     * that blocks (a JDBC call) holds every thread, the other calls wait for one: size this above the number of calls
     * you expect to block at once. The default is Jetty's default request thread pool.
     */
    public static final String CALL_THREADS = "switchboard.call-threads";

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

    /**
     * {@code true}: JSON requests may also use the value forms protobuf-java's {@code JsonFormat} accepts beyond the
     * proto3 JSON mapping ({@code 42} or {@code true} for a string field, {@code "true"} for a bool, a number for bytes,
     * an enum number as a string, a one-element array for a singular field). Default false: such a value is a 400
     * naming the field, as in grpc-gateway (Go's protojson), Connect and Envoy.
     */
    public static final String JSON_LENIENT = "switchboard.json.lenient";

    /** {@code false}: no gRPC server reflection ({@code grpc.reflection.v1} and {@code v1alpha}); default true. */
    public static final String REFLECTION = "switchboard.reflection";

    /**
     * {@code false}: the Connect protocol only under the gateways' paths; default true: also at every served gRPC
     * method's own path, {@code /package.Service/Method} below the context path — where native gRPC is served, told
     * apart by content type ({@code application/json}, {@code application/proto}, {@code application/connect+json},
     * {@code application/connect+proto}, and Connect's GET form), for every service whether or not a gateway exposes
     * it, server reflection and health included. Other requests to those paths stay gRPC's or the application's.
     */
    public static final String METHOD_PATH_CONNECT = "switchboard.method-path-connect";

    /**
     * {@code false}: gateways do not serve their methods' {@code google.api.http} rules; default true: every method of
     * a gateway with {@code exposeHttp} that has such a rule (and each of its {@code additional_bindings}) is also
     * served at the rule's own path and HTTP method, below the context path and the base path — not under the
     * gateway's path — with the gateway's {@code httpMethods} limit and JSON settings ({@code docs/http-rules.md}).
     * A rule that cannot be served (a template that does not parse, a field that does not exist) or two identical
     * rules fail the deployment, naming the methods.
     */
    public static final String HTTP_RULES = "switchboard.http-rules";

    /**
     * {@code false}: no OpenAPI document; default true: {@code GET {base-path}/openapi.json} (and {@code openapi.yaml},
     * the same in YAML) serves an OpenAPI 3.1 description of the JSON routes (the gateways' and Connect's at the method paths), generated at deployment from
     * the services' descriptors. An ordinary path of the WAR: web.xml security constraints apply to it.
     */
    public static final String OPENAPI = "switchboard.openapi";

    /**
     * {@code true}: the try-it page, Swagger UI over the OpenAPI document, at {@code GET {base-path}/docs} (needs
     * {@code org.webjars:swagger-ui} in the WAR; the library serves its files, nothing comes from elsewhere);
     * default false.
     */
    public static final String OPENAPI_DOCS = "switchboard.openapi.docs";

    /** The OpenAPI document's {@code info.title}; default: the application's display-name, else "gRPC services". */
    public static final String OPENAPI_TITLE = "switchboard.openapi.title";

    /** The OpenAPI document's {@code info.version}; default "1". */
    public static final String OPENAPI_VERSION = "switchboard.openapi.version";

    /**
     * The OpenAPI document's server URLs, comma-separated (e.g. {@code https://api.example.com/shop}); default: the
     * context path, relative to the host the document was read from.
     */
    public static final String OPENAPI_SERVERS = "switchboard.openapi.servers";

    /**
     * {@code false}: no JSON health endpoint ({@code GET {base-path}/health}; the gRPC health service stays); default
     * true. The endpoint is an ordinary path of the WAR: web.xml security constraints apply to it.
     */
    public static final String HEALTH_ENDPOINT = "switchboard.health-endpoint";

    /**
     * {@code false}: no Prometheus endpoint ({@code GET {base-path}/metrics}; the metrics are still recorded, for an
     * application's own {@code MeterRegistry} or none); default true. The endpoint is an ordinary path of the WAR:
     * web.xml security constraints apply to it.
     */
    public static final String METRICS_ENDPOINT = "switchboard.metrics-endpoint";

    /**
     * Where service code of gRPC calls runs:
     * <ul>
     * <li>{@code auto} (default): {@code inline-first} on Jetty and on Undertow (WildFly), {@code pooled} on other
     * containers;</li>
     * <li>{@code inline-first}: on the container's request thread that delivers the message, as long as fewer than 16
     * callbacks run that way at once, beyond that on a pool — fast for services that do not block, and service code
     * that blocks (a JDBC call) holds at most 16 container threads. Never on Undertow's few I/O threads, which it
     * calls some servlet listeners on: what they deliver goes to the pool;</li>
     * <li>{@code pooled}: always on a pool of Switchboard's (one thread hop per callback);</li>
     * <li>{@code direct}: always on the delivering thread, gRPC and JSON calls alike — service code must never block.</li>
     * </ul>
     */
    public static final String GRPC_EXECUTOR = "switchboard.grpc-executor";

    /**
     * gRPC services (full names, {@code package.Service}, separated by commas) whose calls never block, as
     * {@link GrpcService#nonBlocking()} promises for one bean: their service code runs on the container's thread that
     * delivers each callback. For services whose classes you cannot annotate. A name that is not served fails the
     * deployment. Not needed with {@link #GRPC_EXECUTOR} {@code direct}, which makes the promise for all.
     */
    public static final String NON_BLOCKING_SERVICES = "switchboard.non-blocking-services";

    /**
     * Which transport serves unary gRPC calls on the container's connectors:
     * <ul>
     * <li>{@code auto} (default): Switchboard's own, below the servlet API where the container's native transport is
     * installed (Jetty's core API for unary and streaming calls, Undertow's handlers for unary ones:
     * {@code docs/native-transports.md}), else — and always with {@link #WELD_SERVLET_CONTEXTS} on — on the servlet
     * API for unary calls and grpc-servlet for streaming ones;</li>
     * <li>{@code switchboard}: Switchboard's own on the servlet API for unary calls (streaming ones on grpc-servlet) —
     * the request read without a per-call buffer, the
     * response (headers, message, trailers) written at once; about 1.3× grpc-servlet's throughput on Jetty
     * (bench/NOTES.md);</li>
     * <li>{@code grpc-servlet}: grpc-java's servlet transport, which always serves streaming calls.</li>
     * </ul>
     * All run the same services with the same interceptors, executor and limits, after the container's security
     * constraints and login.
     */
    public static final String GRPC_TRANSPORT = "switchboard.grpc-transport";

    /**
     * {@code true}: Weld activates CDI's servlet request and session contexts for Switchboard's own requests (gRPC
     * calls, JSON routes, health, metrics) as for every other request of the application. Default false: it does not,
     * which saves about a tenth of the CPU of a small call on Jetty (bench/NOTES.md) — service code gets a request
     * scope of its own per call from Switchboard anyway, on whichever thread runs it, and the application's filters
     * and servlets never see these requests. Turn it on if something of yours that runs before Switchboard's filter
     * needs those contexts for them, such as a Jakarta Security authentication mechanism using request-scoped beans.
     * Weld's own {@code org.jboss.weld.context.mapping} is honoured either way.
     */
    public static final String WELD_SERVLET_CONTEXTS = "switchboard.weld-servlet-contexts";

    /**
     * Origins whose browser scripts may call Switchboard's routes cross-origin (gRPC-Web, Connect, the gateways' JSON
     * routes, health, metrics): a comma-separated list of {@code scheme://host[:port]}, or {@code *} for every origin.
     * Default none: a request from another origin is refused before anything runs (403 with the JSON error body, or
     * {@code PERMISSION_DENIED} over gRPC) and gets no CORS headers. Same-origin requests and the application's own
     * paths are never affected. No credentials are ever allowed cross-origin (no cookies, HTTP authentication or client
     * certificates): authenticate such callers with a token in a header listed in {@link #CORS_ALLOWED_HEADERS}.
     */
    public static final String CORS_ALLOWED_ORIGINS = "switchboard.cors.allowed-origins";

    /**
     * Request headers allowed origins may send beyond the ones gRPC-Web and Connect clients send (always allowed:
     * {@code content-type}, {@code x-grpc-web}, {@code x-user-agent}, {@code grpc-timeout}, {@code grpc-encoding},
     * {@code grpc-accept-encoding}, {@code connect-protocol-version}, {@code connect-timeout-ms},
     * {@code connect-content-encoding}, {@code connect-accept-encoding}): a comma-separated list of header names, such as
     * {@code authorization, x-request-id}; {@code *} for any header but {@code authorization} (the Fetch standard).
     */
    public static final String CORS_ALLOWED_HEADERS = "switchboard.cors.allowed-headers";

    /**
     * Seconds browsers may cache the answer to a CORS preflight, from 0 to 86400; default
     * {@value #DEFAULT_CORS_MAX_AGE_SECONDS} (Chromium caps it there, Firefox at 86400).
     */
    public static final String CORS_MAX_AGE_SECONDS = "switchboard.cors.max-age-seconds";

    /**
     * A dedicated gRPC port besides the container's connectors: Switchboard starts a grpc-java Netty server there
     * (add {@code io.grpc:grpc-netty-shaded} to the WAR) serving the same services with the same interceptors;
     * {@code 0} picks a free port (see {@link #GRPC_PORT_ATTRIBUTE}). Absent (default): off.
     */
    public static final String GRPC_PORT = "switchboard.grpc.port";

    /**
     * The address the dedicated gRPC port binds to; default {@value #DEFAULT_GRPC_HOST}, so that the port is reachable
     * from this machine only until you choose otherwise. {@code 0.0.0.0}, {@code ::} or {@code *}: every interface.
     */
    public static final String GRPC_HOST = "switchboard.grpc.host";

    /**
     * Most threads running service code of calls on the dedicated gRPC port (the pool is bounded; more calls wait in
     * its queue); default {@value #DEFAULT_GRPC_THREADS}. Ignored with {@link #GRPC_EXECUTOR} {@code direct}.
     */
    public static final String GRPC_THREADS = "switchboard.grpc.threads";

    /**
     * TLS on the dedicated gRPC port: the certificate chain, a PEM file path. Without it or {@link #GRPC_TLS_KEY_STORE},
     * the port is plaintext.
     */
    public static final String GRPC_TLS_CERT_CHAIN = "switchboard.grpc.tls.cert-chain";

    /** TLS on the dedicated gRPC port: the private key of {@link #GRPC_TLS_CERT_CHAIN}, a PKCS#8 PEM file path. */
    public static final String GRPC_TLS_PRIVATE_KEY = "switchboard.grpc.tls.private-key";

    /** TLS on the dedicated gRPC port, instead of PEM files: a PKCS12 key store file path holding one key entry. */
    public static final String GRPC_TLS_KEY_STORE = "switchboard.grpc.tls.key-store";

    /** The password of {@link #GRPC_TLS_KEY_STORE} and of its key entry. */
    public static final String GRPC_TLS_KEY_STORE_PASSWORD = "switchboard.grpc.tls.key-store-password";

    /**
     * Client-certificate TLS on the dedicated gRPC port: the certificates (PEM file path) client certificates must be
     * issued by; the verified chain reaches service code through {@link GrpcSecurity#clientCertificates()}.
     */
    public static final String GRPC_TLS_TRUST_CERTS = "switchboard.grpc.tls.trust-certs";

    /**
     * {@code require} (default when {@link #GRPC_TLS_TRUST_CERTS} is set), {@code optional} or {@code none} (default
     * without it): whether clients of the dedicated gRPC port must present a certificate.
     */
    public static final String GRPC_TLS_CLIENT_AUTH = "switchboard.grpc.tls.client-auth";

    /**
     * Servlet context attribute (an {@link Integer}) holding the port the dedicated gRPC server listens on, set when
     * it has started — the actual port when {@link #GRPC_PORT} was {@code 0}.
     */
    public static final String GRPC_PORT_ATTRIBUTE = "dev.switchboard.grpc.port";

    public static final String DEFAULT_GRPC_HOST = "127.0.0.1";
    public static final int DEFAULT_GRPC_THREADS = 64;

    public static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
    public static final int DEFAULT_REQUEST_BODY_SECONDS = 30;
    public static final int DEFAULT_MAX_CALLS = 10_000;
    public static final int DEFAULT_CALL_THREADS = 200;
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    public static final int DEFAULT_MAX_QUERY_PARAMETERS = 100;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_CORS_MAX_AGE_SECONDS = 7200;

    private Switchboard() {
    }
}
