package dev.switchboard.internal;

import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.grpc.GrpcErrors;
import dev.switchboard.internal.cdi.ServiceBinding;
import dev.switchboard.internal.cdi.ServiceCatalog;
import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallMetrics;
import dev.switchboard.internal.chain.CallTracker;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.chain.RequestParsing;
import dev.switchboard.internal.chain.RolesCheck;
import dev.switchboard.internal.container.ContainerParsing;
import dev.switchboard.internal.container.FailedStreamCompletion;
import dev.switchboard.internal.container.InlineFirstExecutor;
import dev.switchboard.internal.gateway.GatewayDispatcher;
import dev.switchboard.internal.gateway.Routes;
import dev.switchboard.internal.grpc.GrpcRequestCheck;
import dev.switchboard.internal.grpc.GrpcServletLogs;
import dev.switchboard.internal.grpc.UnaryTransport;
import dev.switchboard.internal.observe.ClientFaults;
import dev.switchboard.internal.observe.HealthEndpoint;
import dev.switchboard.internal.observe.HealthRegistry;
import dev.switchboard.internal.observe.MetricsEndpoint;
import dev.switchboard.internal.port.GrpcPortServer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.servlet.jakarta.ServletAdapter;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What one deployment serves, built once CDI has started: the gRPC transport (grpc-servlet's {@link ServletAdapter},
 * on the container's own connector), optionally a dedicated gRPC port ({@link GrpcPortServer}), and the JSON routes,
 * all over the same intercepted service definitions ({@link #definitions}), plus health and reflection.
 *
 * <p>Each service's chain, outermost first: call tracking (shutdown), metrics and access log, the caller's identity,
 * {@code @RolesAllowed} checks, the request scope, global interceptors by priority, the service's own interceptors,
 * exception mapping, the service.
 *
 * <p>Over ~400 lines: it still assembles the server, routes requests and admits calls; issue #18 gives routing its own
 * RequestRouter and the chain a CallChain, which is where it shrinks.
 */
final class SwitchboardRuntime {

    private static final Logger LOG = Logger.getLogger(SwitchboardRuntime.class.getName());

    /**
     * How many gRPC callbacks may run on container threads at once with {@code inline-first}: a fast service needs a
     * few (one per core busy), a blocking one would take every slot, and this leaves Jetty's default pool (200) with
     * the rest for reading requests.
     */
    static final int INLINE_LIMIT = 16;

    /** Request attribute: Weld left its servlet contexts off for this request ({@link #skipsWeldContexts}). */
    private static final String WELD_CONTEXTS_OFF = "dev.switchboard.internal.weld-contexts-off";

    private final ServiceCatalog catalog;
    private final Settings settings;
    private final CallTracker tracker = new CallTracker();
    private final CallerHandoff callers = new CallerHandoff();
    /** Everything a gRPC transport serves: the intercepted services, health, reflection. Built once, here. */
    private final List<ServerServiceDefinition> definitions;
    /** Full method name → type, for every method served. */
    private final Map<String, MethodDescriptor.MethodType> methodTypes;
    private final ServletAdapter grpc;
    /** Unary gRPC calls on Switchboard's own transport; null when they go to grpc-servlet too. */
    private final UnaryTransport unary;
    /** The dedicated gRPC port; null when off. */
    private final GrpcPortServer grpcPort;
    private final Routes routes;
    private final GatewayDispatcher json;
    /** Null when turned off. */
    private final HealthEndpoint healthEndpoint;
    private final CallMetrics metrics;
    /** Null when the application brings its own registry or turned it off. */
    private final MetricsEndpoint metricsEndpoint;
    /**
     * Runs service code of both protocols that does not run on the container's thread (see {@link Settings.GrpcExecutor}):
     * at most {@link Settings.Limits#threads} threads; what waits is bounded by {@link #admission}.
     */
    private final ExecutorService pool;
    /** Calls in flight on the container's connectors, bounded. */
    private final CallAdmission admission;
    /** Deadlines of calls over HTTP. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("switchboard-deadlines"));
    /** Quiets grpc-servlet's log of requests it cannot read; null where another deployment's does already. */
    private final GrpcServletLogs grpcServletLogs = GrpcServletLogs.install();

    /** Builds and starts; {@code appLoader} is the web application's class loader, for the dedicated port's threads. */
    SwitchboardRuntime(ServiceCatalog catalog, Settings settings, ClassLoader appLoader) {
        this.catalog = catalog;
        this.settings = settings;
        this.pool = boundedPool("switchboard-call", settings.limits().threads());
        this.admission = new CallAdmission(settings.limits().maxCalls());
        if (catalog.meterRegistry() != null) {
            this.metrics = new CallMetrics(catalog.meterRegistry());
            this.metricsEndpoint = null;
        } else {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            this.metrics = new CallMetrics(prometheus);
            this.metricsEndpoint = settings.metricsEndpoint() ? new MetricsEndpoint(settings.basePath(), prometheus) : null;
        }
        ServletServerBuilder builder = new ServletServerBuilder()
                .maxInboundMessageSize(settings.maxRequestBytes())
                // Strip the context path, so the gRPC method resolves under any context root.
                .methodNameResolver(SwitchboardRuntime::grpcMethod);
        InlineFirstExecutor inline = settings.grpcExecutor() == Settings.GrpcExecutor.INLINE_FIRST
                ? new InlineFirstExecutor(INLINE_LIMIT, pool, settings.container()::isIoThread) : null;
        // Where gRPC callbacks run, for both transports; null: on the delivering thread.
        Executor callExecutor = switch (settings.grpcExecutor()) {
            case DIRECT -> null;
            case INLINE_FIRST -> inline;
            case POOLED -> pool;
        };
        if (callExecutor == null) {
            builder.directExecutor();
        } else {
            builder.executor(callExecutor);
        }
        List<ServiceBinding> intercepted = new ArrayList<>();
        List<ServerServiceDefinition> all = new ArrayList<>();
        for (ServiceBinding service : catalog.services()) {
            ServerServiceDefinition definition = chain(service);
            // gRPC transports parse request messages in the chain (RequestParsing); JSON calls bring them parsed.
            all.add(ServerInterceptors.intercept(RequestParsing.inListener(definition), callers, metrics, tracker));
            intercepted.add(service.withDefinition(ServerInterceptors.intercept(definition, callers, metrics, tracker)));
        }
        // Health and reflection: outside the application's interceptors (an auth interceptor must not turn load
        // balancers' health checks away); health untracked too, so it answers NOT_SERVING while calls drain.
        HealthRegistry health = catalog.health();
        all.add(ServerInterceptors.intercept(RequestParsing.inListener(health.service().bindService()), metrics));
        if (settings.reflection()) {
            // One instance may serve several servers: it indexes the services of the server each call came through.
            all.add(ServerInterceptors.intercept(RequestParsing.inListener(ProtoReflectionServiceV1.newInstance().bindService()),
                    metrics, tracker));
            all.add(ServerInterceptors.intercept(RequestParsing.inListener(legacyReflection().bindService()), metrics, tracker));
        }
        this.definitions = List.copyOf(all);
        this.methodTypes = methodTypes(definitions);
        definitions.forEach(builder::addService);
        this.grpc = builder.buildServletAdapter();
        this.unary = settings.grpcTransport() == Settings.GrpcTransport.SWITCHBOARD
                ? new UnaryTransport(definitions, callExecutor, inline != null ? pool : null,
                        settings.container(), settings.maxRequestBytes(),
                        settings.limits().requestBody())
                : null;
        this.routes = Routes.build(settings.basePath(), catalog.gateways(), intercepted);
        this.json = new GatewayDispatcher(settings.gateway(), pool, inline, timer);
        this.healthEndpoint = settings.healthEndpoint() ? new HealthEndpoint(settings.basePath(), health) : null;
        health.setStatus("", ServingStatus.SERVING);
        for (ServiceBinding service : catalog.services()) {
            health.setStatus(service.serviceName(), ServingStatus.SERVING);
        }
        try {
            this.grpcPort = settings.grpcPort() == null ? null : startGrpcPort(settings, appLoader);
        } catch (RuntimeException | Error e) {
            grpc.destroy();
            if (unary != null) {
                unary.shutdown();
            }
            stopExecutors();
            catalog.release();
            throw e;
        }
    }

    private GrpcPortServer startGrpcPort(Settings settings, ClassLoader appLoader) {
        try {
            Class.forName(GrpcPortServer.NETTY_CLASS, false, SwitchboardRuntime.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("context-param " + dev.switchboard.Switchboard.GRPC_PORT + " asks for a dedicated"
                    + " gRPC port, which needs grpc-java's Netty server: add io.grpc:grpc-netty-shaded (the version of your"
                    + " grpc-java) to the WAR", e);
        }
        return GrpcPortServer.start(settings.grpcPort(), definitions, settings.maxRequestBytes(), settings.directExecutor(),
                appLoader);
    }

    private static Map<String, MethodDescriptor.MethodType> methodTypes(List<ServerServiceDefinition> definitions) {
        Map<String, MethodDescriptor.MethodType> types = new HashMap<>();
        for (ServerServiceDefinition definition : definitions) {
            for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                types.put(method.getMethodDescriptor().getFullMethodName(), method.getMethodDescriptor().getType());
            }
        }
        return Map.copyOf(types);
    }

    /** grpc.reflection.v1alpha, which older tools (grpcurl before 1.9, some IDEs) still ask for. */
    @SuppressWarnings("deprecation")
    private static io.grpc.BindableService legacyReflection() {
        return ProtoReflectionService.newInstance();
    }

    /** A service's chain within Switchboard's outermost interceptors (caller, metrics, call tracking). */
    private ServerServiceDefinition chain(ServiceBinding service) {
        ServerServiceDefinition definition = service.definition();
        if (!catalog.exceptionMapping().isEmpty()) {
            definition = ServerInterceptors.intercept(definition, catalog.exceptionMapping());
        }
        // ServerInterceptors.intercept runs the last interceptor of a list first; ours are listed outermost first.
        definition = ServerInterceptors.intercept(definition, reversed(service.interceptors()));
        definition = ServerInterceptors.intercept(definition, reversed(catalog.globalInterceptors()));
        if (catalog.requestScope() != null) {
            definition = ServerInterceptors.intercept(definition, catalog.requestScope());
        }
        RolesCheck roles = RolesCheck.of(service.beanClass(), definition);
        if (roles != null) {
            definition = ServerInterceptors.intercept(definition, roles);
        }
        return definition;
    }

    private static List<ServerInterceptor> reversed(List<ServerInterceptor> outermostFirst) {
        List<ServerInterceptor> list = new ArrayList<>(outermostFirst);
        java.util.Collections.reverse(list);
        return list;
    }

    Routes routes() {
        return routes;
    }

    /**
     * Serves a plain HTTP request that is Switchboard's — health, metrics, or a path under a JSON gateway; false when
     * it is the application's.
     */
    boolean serveHttp(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = pathInContext(req);
        if (isEndpoint(path)) {
            if (!"GET".equals(req.getMethod())) {
                resp.setHeader("Allow", "GET");
                GatewayErrors.json(resp, 405, Status.UNIMPLEMENTED.withDescription("Only GET is served at " + path));
            } else if (healthEndpoint != null && healthEndpoint.matches(path)) {
                healthEndpoint.serve(req, resp);
            } else {
                metricsEndpoint.serve(req, resp);
            }
            return true;
        }
        Routes.Match match = routes.match(path);
        if (match == null) {
            return false;
        }
        serveJson(req, resp, match);
        return true;
    }

    /**
     * Whether Switchboard answers this request itself rather than the application: gRPC, or what {@link #serveHttp}
     * serves. Cheap (a header, then prefixes): Weld asks it twice for every request of the application.
     */
    boolean claims(HttpServletRequest req) {
        if (GrpcRequestCheck.isGrpc(req)) {
            return true;
        }
        String path = pathInContext(req);
        return routes.covers(path) || isEndpoint(path);
    }

    /**
     * Whether Weld should leave its servlet contexts off for this request ({@link WeldContextActivation}); if so, the
     * request is marked, so that {@link #dispatchMayRunCalls} knows.
     */
    boolean skipsWeldContexts(HttpServletRequest req) {
        if (settings.weldServletContexts() || !claims(req)) {
            return false;
        }
        req.setAttribute(WELD_CONTEXTS_OFF, Boolean.TRUE);
        return true;
    }

    /**
     * Whether the service code of this request's call may run within the container's dispatch. Always, unless the
     * application has request-scoped beans: then only where the container's CDI request context is not active in the
     * dispatch, since the call's own ({@link RequestScope}) cannot be activated beside it — which Switchboard knows
     * when Weld asked {@link WeldContextActivation} for this request and was told to leave its contexts off.
     * Elsewhere such calls start on a pool (measured on Jetty: a third slower).
     */
    private boolean dispatchMayRunCalls(HttpServletRequest req) {
        return catalog.requestScope() == null || req.getAttribute(WELD_CONTEXTS_OFF) != null;
    }

    /** Whether a path within the context is Switchboard's, whatever the HTTP method: a JSON gateway's, health, metrics. */
    boolean ownsPath(String path) {
        return routes.covers(path) || isEndpoint(path);
    }

    private boolean isEndpoint(String path) {
        return healthEndpoint != null && healthEndpoint.matches(path) || metricsEndpoint != null && metricsEndpoint.matches(path);
    }

    private static String pathInContext(HttpServletRequest req) {
        String pathInfo = req.getPathInfo();
        return pathInfo == null ? req.getServletPath() : req.getServletPath() + pathInfo;
    }

    private void serveJson(HttpServletRequest req, HttpServletResponse resp, Routes.Match match) throws IOException {
        if (!ContainerParsing.readsContentType(req)) {
            GatewayErrors.json(resp, 415, Status.INVALID_ARGUMENT.withDescription("The Content-Type's charset is unknown"));
            return;
        }
        if (!ContainerParsing.decodesQuery(req)) {
            GatewayErrors.json(resp, Status.INVALID_ARGUMENT.withDescription("The query could not be decoded"));
            return;
        }
        if (!admission.enter()) {
            if (req.getProtocol().startsWith("HTTP/1")) {
                resp.setHeader("Connection", "close"); // the body stays unread
            }
            resp.setHeader("Retry-After", "1");
            GatewayErrors.json(resp, 503, overloaded());
            return;
        }
        try {
            json.handle(req, resp, match, dispatchMayRunCalls(req));
        } catch (RuntimeException e) {
            // A bug of ours must not become the container's HTML error page, nor go unnoticed.
            LOG.log(Level.SEVERE, "Switchboard failed to serve " + req.getMethod() + " " + req.getRequestURI(), e);
            GatewayErrors.json(resp, Status.INTERNAL.withDescription("The server failed to handle the request (see its log)"));
        } finally {
            admission.leaveWhenDone(req);
        }
    }

    /** Refuses a call beyond {@link Settings.Limits#maxCalls} (health checks are never refused). */
    void serveGrpc(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Status refused = GrpcRequestCheck.problem(req, grpcMethod(req));
        if (refused != null) {
            ClientFaults.report("gRPC request refused", req.getRequestURI() + ": " + refused.getCode() + " " + refused.getDescription());
            GrpcErrors.trailersOnly(resp, refused);
            return;
        }
        if (req.getRequestURI().endsWith(HEALTH_CHECK)) {
            serveGrpcSafely(req, resp);
            return;
        }
        if (!admission.enter()) {
            GrpcErrors.trailersOnly(resp, Status.RESOURCE_EXHAUSTED.withDescription(overloaded().getDescription()));
            return;
        }
        try {
            serveGrpcSafely(req, resp);
        } finally {
            admission.leaveWhenDone(req);
        }
    }

    private static final String HEALTH_CHECK = "/grpc.health.v1.Health/Check";

    private Status overloaded() {
        return Status.UNAVAILABLE.withDescription("The server has " + admission.maxCalls() + " calls in flight, its limit; retry later");
    }

    /** Serves the call; a bug of ours becomes INTERNAL, not the container's HTML error page (nor, after startAsync, no answer). */
    private void serveGrpcSafely(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            dispatchGrpc(req, resp);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Switchboard failed to serve gRPC " + req.getRequestURI(), e);
            if (!resp.isCommitted()) {
                resp.resetBuffer();
                GrpcErrors.trailersOnly(resp, Status.INTERNAL.withDescription("The server failed to handle the request (see its log)"));
            }
            if (req.isAsyncStarted()) {
                req.getAsyncContext().complete();
            }
        }
    }

    private void dispatchGrpc(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.isAsyncSupported()) {
            LOG.severe("A filter or servlet in front of Switchboard is not async-supported, so gRPC cannot be served;"
                    + " mark every filter mapped to this path <async-supported>true</async-supported>");
            GrpcErrors.trailersOnly(resp, Status.INTERNAL.withDescription("The server is misconfigured for gRPC (see its log)"));
        } else {
            String method = grpcMethod(req);
            MethodDescriptor.MethodType type = methodTypes.get(method);
            if (unary != null && type == MethodDescriptor.MethodType.UNARY) {
                unary.serve(callers.forGrpc(req), resp, method, dispatchMayRunCalls(req));
                return;
            }
            FailedStreamCompletion completion = settings.container().forGrpcServlet(callers.forGrpc(req), resp,
                    type != null && type.serverSendsOneMessage());
            grpc.doPost(completion.request(), completion.response());
        }
    }

    /** The gRPC method a request names: its path without the context path, so it resolves under any context root. */
    private static String grpcMethod(HttpServletRequest req) {
        return req.getRequestURI().substring(req.getContextPath().length() + 1);
    }

    /** Whether unary gRPC calls on the container's connectors are on {@link UnaryTransport} (else grpc-servlet). */
    boolean ownsUnaryCalls() {
        return unary != null;
    }

    /** The port of the dedicated gRPC server, or -1 when there is none. */
    int grpcPort() {
        return grpcPort == null ? -1 : grpcPort.port();
    }

    List<String> serviceNames() {
        return catalog.services().stream().map(ServiceBinding::serviceName).toList();
    }

    /**
     * Health says NOT_SERVING first (load balancers stop sending), then new calls are refused (the dedicated port, if
     * any, stops taking connections and tells its clients to go away), calls in flight get the grace period, the rest
     * end with UNAVAILABLE, and the executors stop.
     */
    void shutdown() {
        catalog.health().enterShutdown();
        if (grpcPort != null) {
            grpcPort.stop(settings.shutdownGrace(), this::drainCalls);
        } else {
            drainCalls();
        }
        grpc.destroy();
        if (unary != null) {
            unary.shutdown();
        }
        stopExecutors();
        catalog.release();
    }

    private void drainCalls() {
        Duration grace = settings.shutdownGrace();
        int inFlight = tracker.inFlight();
        if (inFlight > 0) {
            LOG.info(() -> "Switchboard: waiting up to " + grace.toSeconds() + "s for " + inFlight + " calls in flight");
        }
        int cut = tracker.drain(grace);
        if (cut > 0) {
            LOG.warning(() -> "Switchboard: " + cut + " calls did not finish within " + grace.toSeconds()
                    + "s and were ended with UNAVAILABLE");
        }
    }

    private void stopExecutors() {
        if (grpcServletLogs != null) {
            grpcServletLogs.uninstall();
        }
        pool.shutdownNow();
        timer.shutdownNow();
        settings.container().close();
    }

    /**
     * A pool of at most {@code threads} threads, started as needed and ended after a minute idle, with a queue that
     * never refuses (see {@link CallAdmission} for why, and for what bounds it).
     */
    private static ExecutorService boundedPool(String name, int threads) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon(name));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
