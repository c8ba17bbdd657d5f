package dev.switchboard.internal;

import java.io.IOException;

import dev.switchboard.internal.cdi.WeldContextActivation;
import dev.switchboard.internal.chain.RequestScope;
import dev.switchboard.internal.gateway.GatewayEntrance;
import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.gateway.Routes;
import dev.switchboard.internal.grpc.GrpcDispatch;
import dev.switchboard.internal.grpc.GrpcRequestCheck;
import dev.switchboard.internal.grpcweb.GrpcWebDispatch;
import dev.switchboard.internal.observe.HealthEndpoint;
import dev.switchboard.internal.observe.MetricsEndpoint;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides whose request it is — the one place that does: a gRPC request goes to the gRPC transports
 * ({@link GrpcDispatch}), a gRPC-Web request through its translation to them ({@link GrpcWebDispatch}); {@code GET} of the health or metrics endpoint to that endpoint; a path under a JSON gateway
 * to the gateway ({@link GatewayEntrance}); everything else stays the application's.
 */
final class RequestRouter {

    /** Request attribute: Weld left its servlet contexts off for this request ({@link #skipsWeldContexts}). */
    private static final String WELD_CONTEXTS_OFF = "dev.switchboard.internal.weld-contexts-off";

    private final GrpcDispatch grpc;
    private final GrpcWebDispatch grpcWeb;
    private final GatewayEntrance gateway;
    private final Routes routes;
    /** Null when turned off. */
    private final HealthEndpoint healthEndpoint;
    /** Null when the application brings its own registry or turned it off. */
    private final MetricsEndpoint metricsEndpoint;
    private final boolean weldServletContexts;
    private final boolean requestScoped;

    /**
     * {@code weldServletContexts}: whether Weld keeps its servlet contexts on for Switchboard's requests too;
     * {@code requestScoped}: whether the application has request-scoped beans ({@link RequestScope}).
     */
    RequestRouter(GrpcDispatch grpc, GatewayEntrance gateway, Routes routes, HealthEndpoint healthEndpoint,
            MetricsEndpoint metricsEndpoint, boolean weldServletContexts, boolean requestScoped) {
        this.grpc = grpc;
        this.grpcWeb = new GrpcWebDispatch(grpc);
        this.gateway = gateway;
        this.routes = routes;
        this.healthEndpoint = healthEndpoint;
        this.metricsEndpoint = metricsEndpoint;
        this.weldServletContexts = weldServletContexts;
        this.requestScoped = requestScoped;
    }

    /** Serves a gRPC or gRPC-Web request (the filter has seen its content type). */
    void serveGrpc(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (GrpcWebDispatch.isGrpcWeb(req)) {
            grpcWeb.serve(req, resp, dispatchMayRunCalls(req));
        } else {
            grpc.serve(req, resp, dispatchMayRunCalls(req));
        }
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
        gateway.serve(req, resp, match, dispatchMayRunCalls(req));
        return true;
    }

    /**
     * Whether Switchboard answers this request itself rather than the application: gRPC, or what {@link #serveHttp}
     * serves. Cheap (a header, then prefixes): Weld asks it twice for every request of the application.
     */
    boolean claims(HttpServletRequest req) {
        return GrpcRequestCheck.isGrpc(req) || ownsPath(pathInContext(req));
    }

    /** Whether a path within the context is Switchboard's, whatever the HTTP method: a JSON gateway's, health, metrics. */
    boolean ownsPath(String path) {
        return routes.covers(path) || isEndpoint(path);
    }

    /**
     * Whether Weld should leave its servlet contexts off for this request ({@link WeldContextActivation}); if so, the
     * request is marked, so that {@link #dispatchMayRunCalls} knows.
     */
    boolean skipsWeldContexts(HttpServletRequest req) {
        if (weldServletContexts || !claims(req)) {
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
     * Elsewhere such calls start on a pool (on Jetty a third slower; bench/NOTES.md).
     */
    private boolean dispatchMayRunCalls(HttpServletRequest req) {
        return !requestScoped || req.getAttribute(WELD_CONTEXTS_OFF) != null;
    }

    private boolean isEndpoint(String path) {
        return healthEndpoint != null && healthEndpoint.matches(path) || metricsEndpoint != null && metricsEndpoint.matches(path);
    }

    private static String pathInContext(HttpServletRequest req) {
        String pathInfo = req.getPathInfo();
        return pathInfo == null ? req.getServletPath() : req.getServletPath() + pathInfo;
    }
}
