package dev.switchboard.internal;

import java.io.IOException;

import dev.switchboard.internal.cdi.WeldContextActivation;
import dev.switchboard.internal.chain.RequestScope;
import dev.switchboard.internal.cors.CrossOrigin;
import dev.switchboard.internal.gateway.GatewayEntrance;
import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.gateway.MethodPaths;
import dev.switchboard.internal.gateway.Routes;
import dev.switchboard.internal.grpc.GrpcDispatch;
import dev.switchboard.internal.grpc.GrpcRequestCheck;
import dev.switchboard.internal.observe.ClientFaults;
import dev.switchboard.internal.grpcweb.GrpcWebDispatch;
import dev.switchboard.internal.observe.HealthEndpoint;
import dev.switchboard.internal.observe.MetricsEndpoint;
import dev.switchboard.internal.openapi.OpenApiEndpoint;
import dev.switchboard.Switchboard;
import io.grpc.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides whose request it is — the one place that does: a gRPC request goes to the gRPC transports
 * ({@link GrpcDispatch}), a gRPC-Web request through its translation to them ({@link GrpcWebDispatch}); {@code GET}
 * of the health or metrics endpoint, the OpenAPI document or its page to that endpoint; a path under a JSON gateway, or a Connect request at a method's
 * own path ({@link MethodPaths}), to the gateway ({@link GatewayEntrance}); everything else stays the application's.
 * CORS applies to exactly what is Switchboard's ({@link #answersCrossOrigin}).
 */
final class RequestRouter {

    /** Request attribute: Weld left its servlet contexts off for this request ({@link #skipsWeldContexts}). */
    private static final String WELD_CONTEXTS_OFF = "dev.switchboard.internal.weld-contexts-off";

    private final GrpcDispatch grpc;
    private final GrpcWebDispatch grpcWeb;
    private final GatewayEntrance gateway;
    private final Routes routes;
    private final MethodPaths methodPaths;
    /** Null when turned off. */
    private final HealthEndpoint healthEndpoint;
    /** Null when the application brings its own registry or turned it off. */
    private final MetricsEndpoint metricsEndpoint;
    private final boolean weldServletContexts;
    private final boolean requestScoped;
    private final CrossOrigin cors;
    /** Null when turned off. */
    private final OpenApiEndpoint openApi;

    /**
     * {@code weldServletContexts}: whether Weld keeps its servlet contexts on for Switchboard's requests too;
     * {@code requestScoped}: whether the application has request-scoped beans ({@link RequestScope}).
     */
    RequestRouter(GrpcDispatch grpc, GatewayEntrance gateway, Routes routes, MethodPaths methodPaths,
            HealthEndpoint healthEndpoint, MetricsEndpoint metricsEndpoint, boolean weldServletContexts, boolean requestScoped,
            CrossOrigin cors, OpenApiEndpoint openApi) {
        this.grpc = grpc;
        this.grpcWeb = new GrpcWebDispatch(grpc);
        this.gateway = gateway;
        this.routes = routes;
        this.methodPaths = methodPaths;
        this.healthEndpoint = healthEndpoint;
        this.metricsEndpoint = metricsEndpoint;
        this.weldServletContexts = weldServletContexts;
        this.requestScoped = requestScoped;
        this.cors = cors;
        this.openApi = openApi;
    }

    /**
     * CORS, for Switchboard's requests only — the application's own paths are left to it. Switchboard's are what it
     * {@link #claims} and every served method's path {@code /package.Service/Method}, whatever the protocol there
     * (gRPC, gRPC-Web, Connect; a preflight names none). A browser's preflight to one is answered here, and so is a
     * request from an origin not allowed: refused before it runs. A request from an allowed origin gets the CORS
     * headers and goes on. True when the request has been answered.
     */
    boolean answersCrossOrigin(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CrossOrigin.Verdict verdict = cors.verdict(req);
        if (verdict == CrossOrigin.Verdict.SAME_ORIGIN) {
            return false;
        }
        String path = pathInContext(req);
        if (!claims(req) && !(path.length() > 1 && grpc.serves(path.substring(1)))) {
            return false;
        }
        boolean preflight = CrossOrigin.isPreflight(req);
        if (verdict == CrossOrigin.Verdict.ALLOWED) {
            if (preflight) {
                cors.answerPreflight(req, resp);
                return true;
            }
            cors.allowResponse(req, resp);
            return false;
        }
        refuseCrossOrigin(req, resp, preflight);
        return true;
    }

    /**
     * A request from an origin not allowed, in its protocol: a gRPC status for gRPC (and gRPC-Web), else 403 with the
     * JSON error body; logged once a minute at most with the request's own origin, which tells a proxy the container
     * does not know about from a foreign site.
     */
    private static void refuseCrossOrigin(HttpServletRequest req, HttpServletResponse resp, boolean preflight) throws IOException {
        ClientFaults.report("Cross-origin request refused", "from " + req.getHeader("Origin") + " to " + req.getMethod() + " "
                + req.getRequestURI() + ": not an origin of context-param " + Switchboard.CORS_ALLOWED_ORIGINS
                + " (this request's own origin is " + req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + ")");
        Status refused = Status.PERMISSION_DENIED.withDescription("Cross-origin requests from this origin are not allowed");
        if (!preflight && req.getProtocol().startsWith("HTTP/1")) {
            resp.setHeader("Connection", "close"); // the body stays unread, for which Undertow would wait
        }
        if (!preflight && GrpcRequestCheck.isGrpc(req)) {
            GrpcWebDispatch.trailersOnly(req, resp, refused);
        } else {
            GatewayErrors.json(resp, 403, refused);
        }
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
     * Serves a plain HTTP request that is Switchboard's — health, metrics, a path under a JSON gateway, or Connect at a
     * method path; false when it is the application's.
     */
    boolean serveHttp(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = pathInContext(req);
        if (isEndpoint(path)) {
            if (!"GET".equals(req.getMethod())) {
                resp.setHeader("Allow", "GET");
                GatewayErrors.jsonBodyUnread(req, resp, 405, Status.UNIMPLEMENTED.withDescription("Only GET is served at " + path));
            } else if (openApi != null && openApi.matches(path)) {
                openApi.serve(path, resp);
            } else if (healthEndpoint != null && healthEndpoint.matches(path)) {
                healthEndpoint.serve(req, resp);
            } else {
                metricsEndpoint.serve(req, resp);
            }
            return true;
        }
        Routes.Match match = routes.match(path);
        if (match == null || match.route() == null) {
            // An HTTP rule that answers (or refuses: 405, 400), else Connect, else the gateway's or the rules' 404.
            Routes.Match rule = routes.matchRule(req.getMethod(), rawPathInContext(req));
            Routes.Match connect = Routes.decisive(rule) ? null : methodPaths.match(req, path);
            match = Routes.decisive(rule) ? rule : connect != null ? connect : match != null ? match : rule;
        }
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
        return GrpcRequestCheck.isGrpc(req) || ownsRequest(req, pathInContext(req));
    }

    /**
     * Whether a plain HTTP request to a path within the context is Switchboard's: {@link #ownsPath}, or Connect at a
     * method path.
     */
    boolean ownsRequest(HttpServletRequest req, String path) {
        return ownsPath(path) || methodPaths.match(req, path) != null;
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
        return healthEndpoint != null && healthEndpoint.matches(path) || metricsEndpoint != null && metricsEndpoint.matches(path)
                || openApi != null && openApi.matches(path);
    }

    /** The path within the context as sent, percent-encoded: what HTTP rules' variables are decoded from. */
    private static String rawPathInContext(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : pathInContext(req);
    }

    private static String pathInContext(HttpServletRequest req) {
        String pathInfo = req.getPathInfo();
        return pathInfo == null ? req.getServletPath() : req.getServletPath() + pathInfo;
    }
}
