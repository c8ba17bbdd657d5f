package dev.switchboard.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

import dev.switchboard.Switchboard;
import dev.switchboard.internal.cdi.ServiceBinding;
import dev.switchboard.internal.cdi.ServiceCatalog;
import dev.switchboard.internal.chain.CallAdmission;
import dev.switchboard.internal.chain.CallChain;
import dev.switchboard.internal.chain.CallMetrics;
import dev.switchboard.internal.chain.CallTracker;
import dev.switchboard.internal.chain.CallerHandoff;
import dev.switchboard.internal.container.ApplicationThreads;
import dev.switchboard.internal.container.CallPool;
import dev.switchboard.internal.container.InlineFirstExecutor;
import dev.switchboard.internal.cors.CrossOrigin;
import dev.switchboard.internal.gateway.GatewayDispatcher;
import dev.switchboard.internal.gateway.GatewayEntrance;
import dev.switchboard.internal.gateway.MethodPaths;
import dev.switchboard.internal.gateway.Routes;
import dev.switchboard.internal.grpc.GrpcDispatch;
import dev.switchboard.internal.grpc.NativeDispatch;
import dev.switchboard.internal.grpc.NativeGrpc;
import dev.switchboard.internal.grpc.NonBlockingServices;
import dev.switchboard.internal.grpc.GrpcServletLogs;
import dev.switchboard.internal.grpc.SwitchboardTransport;
import dev.switchboard.internal.observe.HealthEndpoint;
import dev.switchboard.internal.observe.HealthRegistry;
import dev.switchboard.internal.observe.MetricsEndpoint;
import dev.switchboard.internal.openapi.OpenApiEndpoint;
import dev.switchboard.internal.port.GrpcPortServer;
import dev.switchboard.internal.telemetry.CallTelemetry;
import dev.switchboard.internal.telemetry.TelemetrySource;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.servlet.jakarta.ServletAdapter;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * What one deployment serves, assembled once CDI has started, and stopped with it: every service within its
 * {@link CallChain}, served by the gRPC transports on the container's connector ({@link GrpcDispatch}: Switchboard's
 * {@link SwitchboardTransport} and grpc-servlet), optionally a dedicated gRPC port ({@link GrpcPortServer}), and the JSON
 * gateway ({@link GatewayEntrance}), all over the same intercepted service definitions, plus health and reflection;
 * {@link RequestRouter} decides which gets a request. It owns the one pool that runs service code off the
 * container's threads and the timer of calls' deadlines.
 */
final class SwitchboardRuntime {

    private static final Logger LOG = Logger.getLogger(SwitchboardRuntime.class.getName());

    /**
     * How many gRPC callbacks may run on container threads at once with {@code inline-first}: a fast service needs a
     * few (one per core busy), a blocking one would take every slot, and this leaves Jetty's default pool (200) with
     * the rest for reading requests.
     */
    static final int INLINE_LIMIT = 16;

    private final ServiceCatalog catalog;
    private final Settings settings;
    private final CallTracker tracker = new CallTracker();
    /** Everything a gRPC transport serves: the intercepted services, health, reflection. */
    private final List<ServerServiceDefinition> definitions;
    private final ServletAdapter grpcServlet;
    /** Unary gRPC calls on Switchboard's own transport; null when they go to grpc-servlet too. */
    private final SwitchboardTransport transport;
    /** The dedicated gRPC port; null when off. */
    private final GrpcPortServer grpcPort;
    private final Routes routes;
    private final RequestRouter router;
    /** Null where unary calls are not Switchboard's, or must go through the servlet layer. */
    private final NativeGrpc nativeGrpc;
    /** Where OpenTelemetry comes from, for the startup line; null when it is off. */
    private final String telemetrySource;
    /**
     * Runs service code of both protocols that does not run on the container's thread (see {@link Settings.GrpcExecutor}):
     * at most {@link Settings.Limits#threads} threads, as many as cores while they keep up ({@link CallPool}); what
     * waits is bounded by the {@link CallAdmission}. Its threads come from whichever thread makes it grow — on WildFly
     * often an XNIO I/O thread, whose class loader and naming context are not the deployment's: hence
     * {@link ApplicationThreads}.
     */
    private final ExecutorService pool;
    /** Deadlines of calls over HTTP; the pool's watch. */
    private final ScheduledExecutorService timer;
    /** Quiets grpc-servlet's log of requests it cannot read; null where another deployment's does already. */
    private final GrpcServletLogs grpcServletLogs = GrpcServletLogs.install();

    /**
     * Builds and starts, on the thread that starts the deployment (whose component context Switchboard's threads take:
     * {@link ApplicationThreads}); {@code appLoader} is the web application's class loader, for those threads and the
     * try-it page's files.
     */
    SwitchboardRuntime(ServiceCatalog catalog, Settings settings, ClassLoader appLoader) {
        this.catalog = catalog;
        this.settings = settings;
        Set<String> nonBlockingNames;
        try {
            nonBlockingNames = nonBlockingServices(catalog, settings);
        } catch (IllegalArgumentException e) {
            catalog.release();
            throw e;
        }
        ApplicationThreads threads = ApplicationThreads.capture(appLoader);
        this.timer = Executors.newSingleThreadScheduledExecutor(threads.factory("switchboard-deadlines"));
        this.pool = new CallPool(threads.factory("switchboard-call"), settings.limits().threads(), timer);
        CallAdmission admission = new CallAdmission(settings.limits().maxCalls());
        CallMetrics metrics;
        MetricsEndpoint metricsEndpoint = null;
        if (catalog.meterRegistry() != null) {
            metrics = new CallMetrics(catalog.meterRegistry());
        } else {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics = new CallMetrics(prometheus);
            metricsEndpoint = settings.metricsEndpoint() ? new MetricsEndpoint(settings.basePath(), prometheus) : null;
        }
        CallerHandoff callers = new CallerHandoff();
        OpenTelemetry openTelemetry = TelemetrySource.choose(catalog.openTelemetry());
        telemetrySource = openTelemetry == null ? null
                : openTelemetry == catalog.openTelemetry() ? "the application's bean" : "the global instance (a Java agent's)";
        CallChain chain = new CallChain(catalog.exceptionMapping(), catalog.globalInterceptors(), catalog.requestScope(),
                callers, metrics, CallTelemetry.of(openTelemetry), tracker);
        List<ServiceBinding> overHttp = new ArrayList<>();
        List<ServerServiceDefinition> all = new ArrayList<>();
        for (ServiceBinding service : catalog.services()) {
            ServerServiceDefinition own = chain.service(service.definition(), service.beanClass(), service.interceptors());
            all.add(chain.forGrpc(own));
            overHttp.add(service.withDefinition(chain.forHttp(own)));
        }
        HealthRegistry health = catalog.health();
        all.add(chain.health(health.service()));
        // Connect at the method paths: every service, as calls over plain HTTP reach it.
        List<ServerServiceDefinition> overConnect = new ArrayList<>(overHttp.stream().map(ServiceBinding::definition).toList());
        overConnect.add(chain.healthForHttp(health.service()));
        if (settings.reflection()) {
            // One instance may serve several servers: it indexes the services of the server each call came through.
            for (BindableService reflection : List.of(ProtoReflectionServiceV1.newInstance(), legacyReflection())) {
                all.add(chain.tool(reflection));
                overConnect.add(chain.toolForHttp(reflection));
            }
        }
        this.definitions = List.copyOf(all);

        try {
            // First of what is built from the services, so that a rule that cannot be served fails the deployment
            // before anything else has started.
            this.routes = Routes.build(settings.basePath(), catalog.gateways(), overHttp, settings.httpRules());
        } catch (IllegalArgumentException e) {
            stopExecutors();
            catalog.release();
            throw e;
        }
        InlineFirstExecutor inline = settings.grpcExecutor() == Settings.GrpcExecutor.INLINE_FIRST
                ? new InlineFirstExecutor(INLINE_LIMIT, pool, settings.container()::isIoThread) : null;
        // Where gRPC callbacks run, for both transports; null: on the delivering thread.
        Executor callExecutor = switch (settings.grpcExecutor()) {
            case DIRECT -> null;
            case INLINE_FIRST -> inline;
            case POOLED -> pool;
        };
        ServletServerBuilder builder = new ServletServerBuilder()
                .maxInboundMessageSize(settings.maxRequestBytes())
                // Strip the context path, so the gRPC method resolves under any context root.
                .methodNameResolver(GrpcDispatch::methodName);
        NonBlockingServices nonBlocking = callExecutor == null ? NonBlockingServices.none()
                : NonBlockingServices.of(nonBlockingNames);
        if (callExecutor == null) {
            builder.directExecutor();
        } else {
            builder.executor(callExecutor);
            if (!nonBlocking.isEmpty()) {
                builder.callExecutor(nonBlocking);
            }
        }
        definitions.forEach(builder::addService);
        this.grpcServlet = builder.buildServletAdapter();
        this.transport = settings.grpcTransport() != Settings.GrpcTransport.GRPC_SERVLET
                ? new SwitchboardTransport(definitions, callExecutor, inline != null ? pool : null,
                        nonBlocking, settings.container(), settings.maxRequestBytes(), settings.limits().requestBody())
                : null;
        GatewayDispatcher gateway = new GatewayDispatcher(settings.gateway(), pool, inline, timer);
        MethodPaths methodPaths = settings.methodPathConnect() ? MethodPaths.of(overConnect) : MethodPaths.none();
        GrpcDispatch grpcDispatch = new GrpcDispatch(grpcServlet, transport, definitions, callers, admission,
                settings.container(), nonBlocking);
        // Not with Weld's servlet contexts asked for: a native transport runs before the servlet layer, where Weld's
        // listener would activate them.
        this.nativeGrpc = transport != null && settings.grpcTransport() == Settings.GrpcTransport.AUTO
                && !settings.weldServletContexts()
                ? new NativeDispatch(grpcDispatch, transport, callers, admission) : null;
        this.router = new RequestRouter(
                grpcDispatch,
                new GatewayEntrance(gateway, admission), routes,
                methodPaths,
                settings.healthEndpoint() ? new HealthEndpoint(settings.basePath(), health) : null, metricsEndpoint,
                settings.weldServletContexts(), catalog.requestScope() != null, new CrossOrigin(settings.cors()),
                OpenApiEndpoint.create(settings.basePath(), routes, methodPaths,
                        settings.openApi().withGateways(catalog.gateways()), settings.json(), appLoader));
        health.setStatus("", ServingStatus.SERVING);
        for (ServiceBinding service : catalog.services()) {
            health.setStatus(service.serviceName(), ServingStatus.SERVING);
        }
        try {
            this.grpcPort = settings.grpcPort() == null ? null : startGrpcPort(settings, threads);
        } catch (RuntimeException | Error e) {
            grpcServlet.destroy();
            if (transport != null) {
                transport.shutdown();
            }
            stopExecutors();
            catalog.release();
            throw e;
        }
    }

    /**
     * The services that promised never to block: by their bean's {@code @GrpcService(nonBlocking = true)} or by name in
     * context-param {@link Switchboard#NON_BLOCKING_SERVICES}, where a name not served fails the deployment (a typo
     * would otherwise cost the promise's speed without a word).
     */
    private static Set<String> nonBlockingServices(ServiceCatalog catalog, Settings settings) {
        Set<String> served = new TreeSet<>();
        Set<String> names = new HashSet<>();
        for (ServiceBinding service : catalog.services()) {
            served.add(service.serviceName());
            if (service.nonBlocking()) {
                names.add(service.serviceName());
            }
        }
        for (String name : settings.nonBlockingServices()) {
            if (!served.contains(name)) {
                throw new IllegalArgumentException("context-param " + Switchboard.NON_BLOCKING_SERVICES + " names '" + name
                        + "', which this deployment does not serve; its services: " + String.join(", ", served));
            }
            names.add(name);
        }
        return names;
    }

    private GrpcPortServer startGrpcPort(Settings settings, ApplicationThreads threads) {
        try {
            Class.forName(GrpcPortServer.NETTY_CLASS, false, SwitchboardRuntime.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("context-param " + Switchboard.GRPC_PORT + " asks for a dedicated"
                    + " gRPC port, which needs grpc-java's Netty server: add io.grpc:grpc-netty-shaded (the version of your"
                    + " grpc-java) to the WAR", e);
        }
        return GrpcPortServer.start(settings.grpcPort(), definitions, settings.maxRequestBytes(), settings.directExecutor(),
                threads, timer);
    }

    /** grpc.reflection.v1alpha, which older tools (grpcurl before 1.9, some IDEs) still ask for. */
    @SuppressWarnings("deprecation")
    private static BindableService legacyReflection() {
        return ProtoReflectionService.newInstance();
    }

    /** What a container's native transport hands unary calls to; null when they must stay on the servlet layer. */
    NativeGrpc nativeGrpc() {
        return nativeGrpc;
    }

    RequestRouter router() {
        return router;
    }

    Routes routes() {
        return routes;
    }

    /** Whether unary gRPC calls on the container's connectors are on {@link SwitchboardTransport} (else grpc-servlet). */
    boolean ownsUnaryCalls() {
        return transport != null;
    }

    /** Where the calls' OpenTelemetry comes from, or null when it is off. */
    String telemetrySource() {
        return telemetrySource;
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
        grpcServlet.destroy();
        if (transport != null) {
            transport.shutdown();
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
}
