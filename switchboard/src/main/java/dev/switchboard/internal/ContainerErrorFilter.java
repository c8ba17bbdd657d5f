package dev.switchboard.internal;

import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.grpc.GrpcRequestCheck;
import dev.switchboard.internal.grpcweb.GrpcWebDispatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import io.grpc.Status;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers the container's own 401 and 403 — a web.xml security constraint turning a caller away before any filter
 * runs — in the protocol of the request, on the error dispatch that follows them: a gRPC request gets
 * {@code UNAUTHENTICATED} / {@code PERMISSION_DENIED} as a gRPC status, a request to a JSON route (or the health and
 * metrics endpoints) Switchboard's JSON error body with 401 / 403; the headers the container set, such as
 * {@code WWW-Authenticate}, stay. Every other error dispatch continues to the application's error page or to
 * {@link ContainerErrorServlet}, i.e. the container's default. Mapped to {@code /*} for ERROR dispatches ahead of
 * the application's filters. A container dispatches errors only to error pages, so Switchboard's web-fragment.xml
 * declares one for 401 and 403.
 */
final class ContainerErrorFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorFilter.class.getName());

    private transient volatile SwitchboardLifecycle lifecycle;

    ContainerErrorFilter(SwitchboardLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Each start of the context (see {@link SwitchboardLifecycle#ATTRIBUTE}). */
    @Override
    public void init() {
        lifecycle = SwitchboardLifecycle.of(getServletContext(), lifecycle);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        RequestRouter router = lifecycle.router();
        if (router == null || !(code instanceof Integer httpStatus) || (httpStatus != 401 && httpStatus != 403)
                || resp.isCommitted()) {
            chain.doFilter(req, resp);
            return;
        }
        if (GrpcRequestCheck.isGrpc(req)) {
            Status status = refusal(httpStatus, req);
            LOG.fine(() -> "Container refused a gRPC call to " + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ": " + status);
            resp.resetBuffer();
            GrpcWebDispatch.trailersOnly(req, resp, status);
            return;
        }
        String path = originalPathInContext(req);
        if (path != null && router.ownsRequest(req, path)) {
            Status status = refusal(httpStatus, req);
            LOG.fine(() -> "Container refused a JSON call to " + path + ": " + status);
            GatewayErrors.jsonBodyUnread(req, resp, status);
            return;
        }
        chain.doFilter(req, resp);
    }

    /**
     * 401 is UNAUTHENTICATED. A 403 without an authenticated caller is too: containers answer 403 to a CLIENT-CERT
     * request without an acceptable certificate (Jetty does), and authenticating is what the client can do about it.
     */
    static Status refusal(int httpStatus, HttpServletRequest req) {
        if (httpStatus == 401 || req.getUserPrincipal() == null) {
            return Status.UNAUTHENTICATED.withDescription("Authentication required: the container's security constraint "
                    + "admits only authenticated callers");
        }
        return Status.PERMISSION_DENIED.withDescription("Permission denied: the container's security constraint requires"
                + " a role the caller does not have");
    }

    /** The refused request's path within the context, decoded, as a REQUEST dispatch would have seen it. */
    private static String originalPathInContext(HttpServletRequest req) {
        Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String contextPath = req.getContextPath();
        if (!(uri instanceof String requestUri) || !requestUri.startsWith(contextPath)) {
            return null;
        }
        String path = requestUri.substring(contextPath.length());
        int parameters = path.indexOf(';');
        return percentDecode(parameters < 0 ? path : path.substring(0, parameters));
    }

    private static String percentDecode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            bytes.write(encoded, 0, encoded.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
