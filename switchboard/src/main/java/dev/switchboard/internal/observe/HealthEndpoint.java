package dev.switchboard.internal.observe;

import dev.switchboard.internal.gateway.GatewayErrors;
import dev.switchboard.internal.container.ContainerParsing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET {base-path}/health[?service=name]}: the gRPC health status as JSON, {@code {"status": "SERVING"}}, with
 * HTTP 200 when serving and 503 otherwise (404 for a service the server does not know), for HTTP load balancers.
 */
public final class HealthEndpoint {

    private final String path;
    private final HealthRegistry health;

    public HealthEndpoint(String basePath, HealthRegistry health) {
        this.path = basePath + "/health";
        this.health = health;
    }

    public boolean matches(String pathInContext) {
        return path.equals(pathInContext);
    }

    public void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!ContainerParsing.decodesQuery(req)) {
            GatewayErrors.json(resp, Status.INVALID_ARGUMENT.withDescription("The query could not be decoded"));
            return;
        }
        String service = req.getParameter("service");
        ServingStatus status = health.status(service == null ? "" : service);
        resp.setStatus(status == ServingStatus.SERVING ? 200 : status == ServingStatus.SERVICE_UNKNOWN ? 404 : 503);
        resp.setContentType(GatewayErrors.JSON);
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-store");
        JsonObject body = new JsonObject();
        body.addProperty("status", status.name());
        try (Writer out = resp.getWriter()) {
            out.write(body.toString());
        }
    }
}
