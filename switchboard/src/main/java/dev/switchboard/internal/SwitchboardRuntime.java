package dev.switchboard.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.servlet.jakarta.ServletAdapter;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What one deployment serves, built once CDI has started: the gRPC transport (grpc-servlet's {@link ServletAdapter},
 * on the container's own connector) and the JSON routes, both over the same intercepted service definitions.
 */
final class SwitchboardRuntime {

    private static final Logger LOG = Logger.getLogger(SwitchboardRuntime.class.getName());

    private final ServiceCatalog catalog;
    private final CallTracker tracker = new CallTracker();
    private final ServletAdapter grpc;
    private final JsonRoutes routes;
    private final JsonDispatcher json;
    private final Settings settings;
    /** Runs the service code of calls over plain HTTP. */
    private final ExecutorService callbacks = Executors.newCachedThreadPool(daemon("switchboard-http-call"));
    /** Writes streamed HTTP responses, so service threads never block on slow readers. */
    private final ExecutorService writers = Executors.newCachedThreadPool(daemon("switchboard-http-writer"));
    /** Deadlines of calls over HTTP. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("switchboard-deadlines"));

    SwitchboardRuntime(ServiceCatalog catalog, Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
        List<ServiceBinding> intercepted = new ArrayList<>();
        ServletServerBuilder builder = new ServletServerBuilder()
                .maxInboundMessageSize(settings.maxRequestBytes())
                // Strip the context path, so the gRPC method resolves under any context root.
                .methodNameResolver(req -> req.getRequestURI().substring(req.getContextPath().length() + 1));
        for (ServiceBinding service : catalog.services()) {
            ServerServiceDefinition definition = ServerInterceptors.intercept(service.definition(), tracker);
            builder.addService(definition);
            intercepted.add(new ServiceBinding(service.serviceName(), service.beanClass(), service.httpName(), definition));
        }
        this.grpc = builder.buildServletAdapter();
        this.routes = JsonRoutes.build(settings.basePath(), catalog.gateways(), intercepted);
        this.json = new JsonDispatcher(settings, callbacks, writers, timer);
    }

    JsonRoutes routes() {
        return routes;
    }

    void serveJson(HttpServletRequest req, HttpServletResponse resp, JsonRoutes.Match match) throws IOException {
        try {
            json.handle(req, resp, match);
        } catch (RuntimeException e) {
            // A bug of ours must not become the container's HTML error page, nor go unnoticed.
            LOG.log(Level.SEVERE, "Switchboard failed to serve " + req.getMethod() + " " + req.getRequestURI(), e);
            HttpResponses.jsonError(resp, Status.INTERNAL.withDescription("The server failed to handle the request (see its log)"));
        }
    }

    void serveGrpc(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            HttpResponses.grpcError(resp, Status.UNIMPLEMENTED.withDescription("gRPC requests must be POST, not " + req.getMethod()));
        } else if (!req.isAsyncSupported()) {
            LOG.severe("A filter or servlet in front of Switchboard is not async-supported, so gRPC cannot be served;"
                    + " mark every filter mapped to this path <async-supported>true</async-supported>");
            HttpResponses.grpcError(resp, Status.INTERNAL.withDescription("The server is misconfigured for gRPC (see its log)"));
        } else {
            grpc.doPost(req, resp);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    List<String> serviceNames() {
        return catalog.services().stream().map(ServiceBinding::serviceName).toList();
    }

    /** Refuses new calls, lets calls in flight finish within the grace period, ends the rest, then stops gRPC. */
    void shutdown() {
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
        grpc.destroy();
        callbacks.shutdownNow();
        writers.shutdownNow();
        timer.shutdownNow();
        catalog.release();
    }
}
